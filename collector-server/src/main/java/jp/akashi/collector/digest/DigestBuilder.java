package jp.akashi.collector.digest;

import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.jdbi.v3.core.Handle;

import jp.akashi.collector.answer.Answer;
import jp.akashi.collector.answer.AnswerStore;
import jp.akashi.collector.config.DisplayZone;
import jp.akashi.collector.evaluate.ChangeFeed;
import jp.akashi.collector.evaluate.PendingEvaluations;
import jp.akashi.collector.exception.ComplianceException;
import jp.akashi.collector.exception.ExceptionStore;
import jp.akashi.collector.health.CollectorHealth;
import jp.akashi.collector.security.User;
import jp.akashi.collector.snapshot.SnapshotService;
import jp.akashi.collector.store.AssetStore;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.task.Task;
import jp.akashi.collector.task.TaskStore;
import jp.akashi.probes.util.Json;

/**
 * What a person's digest says, from the data the console shows: the change feed since the previous
 * digest, the person's open tasks due within {@link #TASKS_DUE_WITHIN_DAYS} days or overdue,
 * answers and exceptions 30, 7 or 1 days before they expire (each threshold reminded once per
 * person: {@code reminders_sent}), assets that stopped reporting in the window, and what failed:
 * the collector's own health problems (evaluation, database, disk) and snapshots whose
 * verification failed.
 */
@Singleton
public class DigestBuilder {
    static final int TASKS_DUE_WITHIN_DAYS = 7;
    static final int[] THRESHOLDS = {1, 7, 30};
    private static final long DAY_MS = 24L * 3600 * 1000;

    private final Database db;
    private final ChangeFeed feed;
    private final TaskStore tasks;
    private final ExceptionStore exceptions;
    private final AnswerStore answers;
    private final AssetStore assets;
    private final AuditLog audit;
    private final CollectorHealth health;
    private final PendingEvaluations pending;
    private final DisplayZone zone;
    private final DigestProperties props;
    private final String publicUrl;

    public DigestBuilder(Database db, ChangeFeed feed, TaskStore tasks, ExceptionStore exceptions, AnswerStore answers, AssetStore assets,
                         AuditLog audit, CollectorHealth health, PendingEvaluations pending, DisplayZone zone, DigestProperties props,
                         jp.akashi.collector.config.CollectorProperties collector) {
        this.db = db;
        this.feed = feed;
        this.tasks = tasks;
        this.exceptions = exceptions;
        this.answers = answers;
        this.assets = assets;
        this.audit = audit;
        this.health = health;
        this.pending = pending;
        this.zone = zone;
        this.props = props;
        this.publicUrl = collector.publicUrlBase();
    }

    public Digest build(User user, MailSettings.Setting setting, String day, long from, long to) {
        List<Digest.Section> sections = new ArrayList<>();
        List<Digest.Reminder> reminders = new ArrayList<>();
        ChangeFeed.Changes changes = setting.wants(MailSettings.CHANGES) || setting.wants(MailSettings.AGENTS) ? feed.between(from, to) : null;
        Map<String, String> names = new HashMap<>();
        db.read(h -> {
            if (changes != null) {
                changes.newlyFailing().forEach(c -> names.computeIfAbsent(c.assetId(), id -> name(h, id)));
                changes.newlyPassing().forEach(c -> names.computeIfAbsent(c.assetId(), id -> name(h, id)));
            }
            if (setting.wants(MailSettings.CHANGES)) {
                sections.add(changes(changes, names));
            }
            if (setting.wants(MailSettings.TASKS)) {
                sections.add(tasks(h, user, LocalDate.parse(day)));
            }
            if (setting.wants(MailSettings.EXPIRING)) {
                sections.add(expiring(h, user, to, reminders));
            }
            if (setting.wants(MailSettings.AGENTS)) {
                sections.add(agents(changes));
            }
            if (setting.wants(MailSettings.FAILURES)) {
                sections.add(failures(h, from, to));
            }
            return null;
        });
        return new Digest(day, from, to, sections, reminders);
    }

    private String name(Handle h, String assetId) {
        return assets.byId(h, assetId).map(DigestBuilder::label).orElse(assetId);
    }

    private static String label(AssetStore.Asset a) {
        return a.displayName() != null && !a.displayName().isBlank() ? a.displayName() : a.hostname() != null ? a.hostname() : a.id();
    }

    private Digest.Section changes(ChangeFeed.Changes c, Map<String, String> names) {
        List<Digest.Line> lines = new ArrayList<>();
        for (ChangeFeed.CheckChange x : c.newlyFailing()) {
            String host = names.getOrDefault(x.assetId(), x.assetId());
            lines.add(new Digest.Line("不適合になったチェック: " + x.checkId() + "（" + host + "）",
                    "Newly failing: " + x.checkId() + " on " + host, link("/assets/" + x.assetId() + "#check-" + x.checkId())));
        }
        for (ChangeFeed.CriterionChange x : c.criteria()) {
            lines.add(new Digest.Line("評価基準 " + x.criterionId() + ": " + DigestText.verdictJa(x.from()) + " → " + DigestText.verdictJa(x.to()),
                    "Criterion " + x.criterionId() + ": " + DigestText.verdictEn(x.from()) + " → " + DigestText.verdictEn(x.to()),
                    link("/criteria/" + x.criterionId())));
        }
        for (ChangeFeed.CheckChange x : c.newlyPassing()) {
            String host = names.getOrDefault(x.assetId(), x.assetId());
            lines.add(new Digest.Line("適合に戻ったチェック: " + x.checkId() + "（" + host + "）",
                    "Passing again: " + x.checkId() + " on " + host, link("/assets/" + x.assetId() + "#check-" + x.checkId())));
        }
        for (AssetStore.Asset a : c.newAssets()) {
            lines.add(new Digest.Line("新しい資産: " + label(a), "New asset: " + label(a), link("/assets/" + a.id())));
        }
        for (ChangeFeed.ExceptionEvent e : c.exceptions()) {
            lines.add(new Digest.Line("例外 " + e.exception().targetId() + ": " + DigestText.exceptionEventJa(e.event()),
                    "Exception " + e.exception().targetId() + ": " + e.event(), link("/exceptions")));
        }
        for (Answer a : c.answers()) {
            lines.add(new Digest.Line("回答 " + a.criterionId() + "（" + a.answeredBy() + "）", "Answer to " + a.criterionId()
                    + " (" + a.answeredBy() + ")", link("/criteria/" + a.criterionId())));
        }
        return new Digest.Section(MailSettings.CHANGES, lines.size(), top(lines));
    }

    private Digest.Section tasks(Handle h, User user, LocalDate today) {
        String limit = today.plusDays(TASKS_DUE_WITHIN_DAYS).toString();
        String todayText = today.toString();
        List<Digest.Line> lines = new ArrayList<>();
        for (Task t : tasks.list(h, user.username(), false, 1000)) {
            if (t.dueDay().compareTo(limit) > 0) {
                continue;
            }
            boolean overdue = t.overdue(todayText);
            String what = t.targetId() + (t.assetId() != null ? "（" + name(h, t.assetId()) + "）" : "");
            String whatEn = t.targetId() + (t.assetId() != null ? " on " + name(h, t.assetId()) : "");
            lines.add(new Digest.Line((overdue ? "期日超過 " : "期日 ") + t.dueDay() + ": " + what,
                    (overdue ? "Overdue since " : "Due ") + t.dueDay() + ": " + whatEn, link("/tasks")));
        }
        return new Digest.Section(MailSettings.TASKS, lines.size(), top(lines));
    }

    /** Answers and exceptions that crossed 30, 7 or 1 days before expiry and were not reminded at that threshold yet. */
    private Digest.Section expiring(Handle h, User user, long now, List<Digest.Reminder> out) {
        LocalDate today = zone.date(now);
        List<Digest.Line> lines = new ArrayList<>();
        for (ComplianceException e : exceptions.all(h)) {
            if (!e.activeAt(now) || e.expiresAt() > now + 30 * DAY_MS + DAY_MS) {
                continue;
            }
            int days = (int) ChronoUnit.DAYS.between(today, zone.date(e.expiresAt()));
            Integer threshold = threshold(days);
            if (threshold == null || reminded(h, user.id(), "exception", e.id(), e.expiresAt(), threshold)) {
                continue;
            }
            out.add(new Digest.Reminder("exception", e.id(), e.expiresAt(), threshold));
            String date = zone.day(e.expiresAt());
            lines.add(new Digest.Line("例外 " + e.targetId() + " の期限まであと " + days + " 日（" + date + "）",
                    "Exception for " + e.targetId() + " expires in " + days + " day(s) (" + date + ")", link("/exceptions")));
        }
        for (Answer a : answers.expiringBetween(h, now, now + 31 * DAY_MS)) {
            int days = (int) ChronoUnit.DAYS.between(today, zone.date(a.validUntil()));
            Integer threshold = threshold(days);
            if (threshold == null || reminded(h, user.id(), "answer", a.id(), a.validUntil(), threshold)) {
                continue;
            }
            out.add(new Digest.Reminder("answer", a.id(), a.validUntil(), threshold));
            String date = zone.day(a.validUntil());
            lines.add(new Digest.Line("回答 " + a.criterionId() + " の有効期限まであと " + days + " 日（" + date + "）",
                    "Answer to " + a.criterionId() + " expires in " + days + " day(s) (" + date + ")", link("/criteria/" + a.criterionId())));
        }
        return new Digest.Section(MailSettings.EXPIRING, lines.size(), top(lines));
    }

    /** The tightest threshold {@code days} is within (a missed 30-day reminder is not sent once 7 days are left). */
    static Integer threshold(int days) {
        for (int t : THRESHOLDS) {
            if (days <= t) {
                return days < 0 ? null : t;
            }
        }
        return null;
    }

    private static boolean reminded(Handle h, String userId, String kind, String itemId, long expiresAt, int days) {
        return h.createQuery("SELECT COUNT(*) FROM reminders_sent WHERE user_id = :u AND kind = :k AND item_id = :i AND expires_at = :e "
                        + "AND days <= :d")
                .bind("u", userId).bind("k", kind).bind("i", itemId).bind("e", expiresAt).bind("d", days).mapTo(Integer.class).one() > 0;
    }

    private Digest.Section agents(ChangeFeed.Changes c) {
        List<Digest.Line> lines = new ArrayList<>();
        for (AssetStore.Asset a : c.staleAssets()) {
            String last = zone.minute(a.lastSeenAt());
            lines.add(new Digest.Line(label(a) + " から報告がありません（最終報告 " + last + "）",
                    label(a) + " stopped reporting (last report " + last + ")", link("/assets/" + a.id())));
        }
        return new Digest.Section(MailSettings.AGENTS, lines.size(), top(lines));
    }

    private Digest.Section failures(Handle h, long from, long to) {
        List<Digest.Line> lines = new ArrayList<>();
        for (CollectorHealth.Problem p : health.problems()) {
            lines.add(new Digest.Line("コレクターの異常（" + p.component() + "）: " + p.reason(), "Collector problem (" + p.component() + "): "
                    + p.reason(), link("/health")));
        }
        PendingEvaluations.Waiting failing = pending.failing(h);
        if (failing.count() > 0) {
            String since = zone.minute(failing.oldestQueuedAt());
            lines.add(new Digest.Line("評価に失敗して再試行中の資産が " + failing.count() + " 件あります（最も古いものは " + since + " から待機）",
                    failing.count() + " assets failed evaluation and are being retried (the oldest waits since " + since + ")", link("/health")));
        }
        for (AuditLog.Entry e : audit.page(h, new AuditLog.Filter(null, SnapshotService.FAILED_EVENT, from + 1, to + 1), Long.MAX_VALUE, 100)) {
            JsonNode d = details(e);
            String reason = d.path("reason").asText("?");
            boolean scheduled = SnapshotService.SCHEDULED.equals(d.path("trigger").asText());
            lines.add(new Digest.Line((scheduled ? "定期スナップショット" : "スナップショット") + "の作成に失敗しました（" + zone.minute(e.at()) + "）: " + reason,
                    (scheduled ? "A scheduled snapshot" : "A snapshot") + " could not be created (" + zone.minute(e.at()) + "): " + reason,
                    link("/snapshots")));
        }
        for (AuditLog.Entry e : audit.page(h, new AuditLog.Filter(null, "snapshot.verify_failed", from + 1, to + 1), Long.MAX_VALUE, 100)) {
            lines.add(new Digest.Line("スナップショット " + e.target() + " の検証に失敗しました（" + zone.minute(e.at()) + "）",
                    "Snapshot " + e.target() + " failed its verification (" + zone.minute(e.at()) + ")", link("/snapshots/" + e.target())));
        }
        return new Digest.Section(MailSettings.FAILURES, lines.size(), top(lines));
    }

    /** An audit entry's details; an empty object when there are none or they do not parse. */
    private static JsonNode details(AuditLog.Entry e) {
        try {
            return e.details() == null ? Json.mapper().createObjectNode() : Json.mapper().readTree(e.details());
        } catch (java.io.IOException x) {
            return Json.mapper().createObjectNode();
        }
    }

    private List<Digest.Line> top(List<Digest.Line> lines) {
        return lines.size() > props.topLines() ? List.copyOf(lines.subList(0, props.topLines())) : lines;
    }

    private String link(String path) {
        return publicUrl.isEmpty() ? null : publicUrl + path;
    }

    /** The console's address for links (empty when not set). */
    public String publicUrl() {
        return publicUrl;
    }
}
