package jp.akashi.collector.evaluate;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.catalog.Equivalent;
import jp.akashi.collector.catalog.FrameworkVersion;
import jp.akashi.collector.config.DisplayZone;
import jp.akashi.collector.store.Database;

/** Reading compliance: scores, criterion verdicts (now or at a past date), check results. */
@Singleton
public class ComplianceService {
    private final Database db;
    private final Catalog catalog;
    private final CriterionVerdictStore verdicts;
    private final CheckResultStore results;
    private final CheckLibraryProvider checks;
    private final Clock clock;
    private final DisplayZone zone;

    public ComplianceService(Database db, Catalog catalog, CriterionVerdictStore verdicts, CheckResultStore results,
                             CheckLibraryProvider checks, Clock clock, DisplayZone zone) {
        this.zone = zone;
        this.db = db;
        this.catalog = catalog;
        this.verdicts = verdicts;
        this.results = results;
        this.checks = checks;
        this.clock = clock;
    }

    public FrameworkVersion version(String framework, String version) {
        if (catalog.framework(framework).isEmpty()) {
            throw Refusal.notFound("no framework " + framework);
        }
        return catalog.version(framework, version)
                .orElseThrow(() -> Refusal.notFound("no version " + version + " of " + framework));
    }

    public String application(FrameworkVersion v, String application) {
        List<String> apps = ScoreCalculator.applications(v);
        if (application == null) {
            return apps.get(0);
        }
        if (!apps.contains(application)) {
            throw Refusal.badRequest("application must be one of " + apps);
        }
        return application;
    }

    /** Current verdicts of every criterion (those not evaluated yet are absent). */
    public Map<String, CriterionVerdict> currentVerdicts() {
        Map<String, CriterionVerdict> m = new HashMap<>();
        db.read(verdicts::all).forEach((k, s) -> m.put(k, CriterionVerdictStore.parse(s.detailJson())));
        return m;
    }

    public Map<String, Long> since() {
        Map<String, Long> m = new HashMap<>();
        db.read(verdicts::all).forEach((k, s) -> m.put(k, s.since()));
        return m;
    }

    /**
     * Verdicts as they stood at the end of {@code day} (display zone; for today: now), from the transitions; reasons
     * are not kept for the past. A day after today, or one before anything was recorded, is refused: with no
     * data every criterion would read 判定不能, which says nothing about that day.
     */
    public Map<String, CriterionVerdict> verdictsAt(LocalDate day) {
        LocalDate today = today();
        requireNotAfterToday(day);
        long at = day.equals(today) ? clock.millis() : zone.endOf(day);
        Long first = db.read(verdicts::firstTransitionAt);
        if (first == null) {
            throw Refusal.badRequest("no verdicts have been recorded yet", "まだ判定の記録がありません。");
        }
        if (first > at) {
            LocalDate firstDay = zone.date(first);
            throw Refusal.badRequest("no data before " + firstDay + " (the first verdicts were recorded then)",
                    firstDay + " より前のデータはありません（判定の記録は " + firstDay + " から）。");
        }
        Map<String, String> past = db.read(h -> verdicts.verdictsAt(h, at));
        Map<String, CriterionVerdict> out = new HashMap<>();
        past.forEach((id, v) -> out.put(id, new CriterionVerdict(id, Verdict.valueOf(v), List.of(), List.of(), null, null, null)));
        return out;
    }

    /**
     * A date given as {@code at} (2026-10-31), refused in English and Japanese when it cannot be read; it is not
     * checked against today or the data ({@link #requireNotAfterToday}, {@link #verdictsAt}).
     */
    public static LocalDate parseDay(String at) {
        try {
            return LocalDate.parse(at == null ? "" : at.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw Refusal.badRequest("at must be a date like 2026-10-31, not '" + at + "'",
                    "日付 " + at + " を受け付けられませんでした。今日以前の日付を 2026-10-31 の形で指定してください。");
        }
    }

    /** Refuses a day after today (display zone): nothing is known about it. */
    public void requireNotAfterToday(LocalDate day) {
        LocalDate today = today();
        if (day.isAfter(today)) {
            throw Refusal.badRequest("at must not be after today (" + today + ")",
                    "日付 " + day + " は今日（" + today + "）より後です。今日以前の日付を指定してください。");
        }
    }

    public Score score(FrameworkVersion v, String application, Map<String, CriterionVerdict> verdictMap) {
        return ScoreCalculator.score(v, application, verdictMap);
    }

    public List<CriterionVerdictStore.ScorePoint> history(FrameworkVersion v, String application, int days) {
        String from = zone.today(clock).minusDays(days).toString();
        return db.read(h -> verdicts.scoreHistory(h, v.framework(), v.version(), application, from));
    }

    /**
     * The stored verdicts' heads and, in the same read, the detail JSON of those whose revision
     * differs from {@code known} (criterion id → revision), for readers that cache the parsed verdicts.
     */
    public CriterionVerdictStore.Delta storedVerdictsChangedSince(Map<String, Long> known) {
        return db.read(h -> verdicts.changedSince(h, known));
    }

    /** Today in the display zone, the day that score history rows are kept by. */
    public LocalDate today() {
        return zone.today(clock);
    }

    /** Daily scores from {@code from} (inclusive), oldest first. */
    public List<CriterionVerdictStore.ScorePoint> historyFrom(FrameworkVersion v, String application, LocalDate from) {
        return db.read(h -> verdicts.scoreHistory(h, v.framework(), v.version(), application, from.toString()));
    }

    public record CriterionDetail(Criterion criterion, CriterionVerdict verdict, Long since, List<Equivalent> equivalents,
                                  List<CriterionVerdictStore.Transition> transitions) {
    }

    public Optional<CriterionDetail> criterion(String globalId) {
        return catalog.criterion(globalId).map(c -> db.read(h -> {
            CriterionVerdictStore.Stored s = verdicts.one(h, c.globalId()).orElse(null);
            return new CriterionDetail(c, s == null ? null : CriterionVerdictStore.parse(s.detailJson()), s == null ? null : s.since(),
                    catalog.equivalents(c.globalId()), verdicts.transitions(h, c.globalId(), 50));
        }));
    }

    public Map<String, CheckResultStore.Row> assetResults(String assetId) {
        return db.read(h -> results.forAsset(h, assetId));
    }

    public List<CheckResultStore.Transition> assetTransitions(String assetId, int limit) {
        return db.read(h -> results.transitions(h, assetId, limit));
    }

    public List<CheckResultStore.Row> checkResults(String checkId, int offset, int limit) {
        if (checks.get().check(checkId).isEmpty()) {
            throw Refusal.notFound("no check " + checkId);
        }
        return db.read(h -> results.forCheck(h, checkId, offset, limit));
    }

    /** A page of one check's results in one status. */
    public List<CheckResultStore.Row> checkResults(String checkId, CheckStatus status, int offset, int limit) {
        if (checks.get().check(checkId).isEmpty()) {
            throw Refusal.notFound("no check " + checkId);
        }
        return db.read(h -> results.forCheck(h, checkId, status, offset, limit));
    }

    /** Number of failing checks per asset, for a page of assets. */
    public Map<String, Integer> failingCounts(java.util.Collection<String> assetIds) {
        return db.read(h -> results.failingCounts(h, assetIds));
    }

    public Map<String, Map<CheckStatus, Integer>> checkCounts() {
        return db.read(results::counts);
    }

    public CheckLibrary library() {
        return checks.get();
    }

    /** The criteria that use a check (for showing a check's purpose). */
    public List<String> criteriaOf(String checkId) {
        List<String> out = new ArrayList<>();
        catalog.frameworks().forEach(f -> f.latest().criteria().forEach(c -> {
            if (c.checks().contains(checkId)) {
                out.add(c.globalId());
            }
        }));
        return out;
    }
}
