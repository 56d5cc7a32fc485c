package jp.akashi.collector.ingest;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Checks {@code spoolDrops}, {@code spoolProblem} and {@code agentHealth} of a report body as
 * {@link ReportJson} read them in its one pass: a present field must be what docs/INGEST.md
 * says, or the report is refused naming it, like every other field.
 */
@Singleton
public class SpoolNewsReader {
    static final int MAX_PROBLEM = 1024;

    private final Clock clock;
    private final Duration maxSkew;

    public SpoolNewsReader(Clock clock, IngestProperties limits) {
        this.clock = clock;
        this.maxSkew = limits.maxClockSkew();
    }

    SpoolNews read(ReportJson.News news) {
        JsonNode drops = news.spoolDrops();
        JsonNode problem = news.spoolProblem();
        JsonNode health = news.agentHealth();
        if (drops == null && problem == null && health == null) {
            return SpoolNews.NONE;
        }
        Long total = null;
        Instant oldest = null;
        Instant newest = null;
        if (drops != null && !drops.isNull()) {
            if (!drops.isObject()) {
                throw FieldRefusal.of("spoolDrops", "must be an object {\"total\": N, \"oldestCollectedAt\": …, \"newestCollectedAt\": …}",
                        "オブジェクト {\"total\": N, \"oldestCollectedAt\": …, \"newestCollectedAt\": …} でなければなりません");
            }
            JsonNode t = drops.get("total");
            if (t == null || !t.isIntegralNumber() || !t.canConvertToLong() || t.longValue() < 0) {
                throw FieldRefusal.of("spoolDrops.total", "must be a non-negative integer (reports dropped on the host so far), got "
                        + (t == null ? "nothing" : t.toString()), "0 以上の整数（ホスト上で失われた報告の累計）でなければなりません: "
                        + (t == null ? "なし" : t.toString()));
            }
            total = t.longValue();
            oldest = instant(drops, "oldestCollectedAt");
            newest = instant(drops, "newestCollectedAt");
            if (oldest != null && newest != null && newest.isBefore(oldest)) {
                throw FieldRefusal.of("spoolDrops.newestCollectedAt", newest + " is before oldestCollectedAt " + oldest,
                        newest + " が oldestCollectedAt " + oldest + " より前です");
            }
        }
        String error = null;
        if (problem != null && !problem.isNull()) {
            JsonNode e = problem.isObject() ? problem.get("error") : null;
            if (e == null || !e.isTextual() || e.textValue().isBlank() || e.textValue().length() > MAX_PROBLEM) {
                throw FieldRefusal.of("spoolProblem.error", "must be a text of 1 to " + MAX_PROBLEM + " characters (why the spool cannot be written)",
                        "1〜" + MAX_PROBLEM + " 文字の文字列（スプールに書き込めない理由）でなければなりません");
            }
            TextRules.Problem bad = TextRules.identity(e.textValue());
            if (bad != null) {
                throw FieldRefusal.of("spoolProblem.error", bad.enAt(), bad.jaAt());
            }
            error = e.textValue();
        }
        return new SpoolNews(total, oldest, newest, error, health == null || health.isNull()
                ? jp.akashi.collector.enroll.AgentSelfReport.UNKNOWN : AgentHealthJson.read(health, this::instantAt));
    }

    /** An instant field of the body, bounded like every other: not before {@link ReportValidator#EARLIEST}, not in the future. */
    Instant instantAt(JsonNode n, String place) {
        if (n == null || n.isNull()) {
            return null;
        }
        Instant t;
        try {
            t = n.isTextual() ? Instant.parse(n.textValue()) : null;
        } catch (DateTimeParseException e) {
            t = null;
        }
        if (t == null) {
            throw FieldRefusal.of(place, "must be an ISO-8601 instant such as 2026-11-20T00:00:00Z, got " + FieldRefusal.shown(n.toString(), 80),
                    "2026-11-20T00:00:00Z のような ISO-8601 の時刻でなければなりません: " + FieldRefusal.shown(n.toString(), 80));
        }
        if (t.isBefore(ReportValidator.EARLIEST)) {
            throw FieldRefusal.of(place, t + " is before " + ReportValidator.EARLIEST, t + " は " + ReportValidator.EARLIEST + " より前です");
        }
        if (t.isAfter(clock.instant().plus(maxSkew))) {
            throw FieldRefusal.of(place, t + " is in the future (the collector's clock allows " + maxSkew + " of skew)",
                    t + " は未来の時刻です（コレクタの時計との差は " + maxSkew + " まで）");
        }
        return t;
    }

    private Instant instant(JsonNode parent, String field) {
        return instantAt(parent.get(field), "spoolDrops." + field);
    }
}
