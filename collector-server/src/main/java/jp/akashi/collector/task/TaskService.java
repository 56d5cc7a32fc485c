package jp.akashi.collector.task;

import io.micronaut.scheduling.annotation.Scheduled;

import io.micronaut.context.annotation.Context;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.config.DisplayZone;
import jp.akashi.collector.exception.ComplianceException;
import jp.akashi.collector.exception.ExceptionService;
import jp.akashi.collector.exception.KnownChecks;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.Role;
import jp.akashi.collector.security.User;
import jp.akashi.collector.security.UserStore;
import jp.akashi.collector.store.AssetStore;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.Ids;

/**
 * Tasks: who fixes which failing check (on one asset or all) or unmet criterion, by when. Owners
 * are admin or security users (auditors change nothing). A task closes itself once its check
 * passes or its criterion is met ({@link #closeResolved}, after every change of verdicts is at most
 * {@code akashi.tasks.close-interval} old, and before every list); "won't fix" requests an
 * exception for the same target in the same step.
 */
@Context // its scheduled sweep runs whether or not a page asked for it yet
public class TaskService {
    static final int MAX_NOTE = 2000;
    static final int MAX_DUE_DAYS = 366;
    /** Who closes a task whose work is done by itself, in the audit log and on the page. */
    public static final String SYSTEM = "system:tasks";

    private final Database db;
    private final TaskStore store;
    private final UserStore users;
    private final AssetStore assets;
    private final Catalog catalog;
    private final KnownChecks checks;
    private final ExceptionService exceptions;
    private final AuditLog audit;
    private final DisplayZone zone;
    private final Clock clock;

    public TaskService(Database db, TaskStore store, UserStore users, AssetStore assets, Catalog catalog, KnownChecks checks,
                       ExceptionService exceptions, AuditLog audit, DisplayZone zone, Clock clock) {
        this.db = db;
        this.store = store;
        this.users = users;
        this.assets = assets;
        this.catalog = catalog;
        this.checks = checks;
        this.exceptions = exceptions;
        this.audit = audit;
        this.zone = zone;
        this.clock = clock;
    }

    public record NewTask(String targetType, String targetId, String assetId, String owner, String due, String note) {
    }

    public Task create(Caller caller, NewTask req) {
        long now = clock.millis();
        if (Task.CHECK.equals(req.targetType())) {
            if (req.targetId() == null || !checks.exists(req.targetId())) {
                throw Refusal.badRequest("no check " + req.targetId(), "チェック " + req.targetId() + " はありません");
            }
        } else if (Task.CRITERION.equals(req.targetType())) {
            if (req.targetId() == null || catalog.criterion(req.targetId()).isEmpty()) {
                throw Refusal.badRequest("no criterion " + req.targetId(), "評価基準 " + req.targetId() + " はありません");
            }
            if (req.assetId() != null && !req.assetId().isBlank()) {
                throw Refusal.badRequest("a criterion task covers the whole criterion: give no asset", "評価基準のタスクには資産を指定しません");
            }
        } else {
            throw Refusal.badRequest("targetType must be check or criterion", "対象はチェックか評価基準を選んでください");
        }
        String due = dueDay(req.due());
        String note = note(req.note());
        String assetId = req.assetId() == null || req.assetId().isBlank() ? null : req.assetId().strip();
        Task t = db.write(h -> {
            if (assetId != null && assets.byId(h, assetId).isEmpty()) {
                throw Refusal.badRequest("no asset " + assetId, "資産 " + assetId + " はありません");
            }
            String owner = owner(h, req.owner());
            store.openFor(h, req.targetType(), req.targetId(), assetId).ifPresent(other -> {
                throw Refusal.conflict("an open task for this already exists: " + other.id(), "同じ対象の未完了タスクがあります（" + other.id() + "）");
            });
            Task task = new Task(Ids.next(), req.targetType(), req.targetId(), assetId, owner, due, Task.OPEN, note, caller.name(), now,
                    now, null, null, null, null);
            store.insert(h, task);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("target", req.targetType() + ":" + req.targetId());
            if (assetId != null) {
                d.put("asset", assetId);
            }
            d.put("owner", owner);
            d.put("due", due);
            audit.append(h, caller.actor(), "task.create", task.id(), d);
            return task;
        });
        return t;
    }

    /**
     * Moves a task on: {@code open} / {@code in_progress}, {@code done} (closed by hand), or
     * {@code wont_fix}, which needs a justification and an exception expiry and requests the
     * exception (another person approves it) before it closes the task.
     */
    public Task update(Caller caller, String id, String status, String note, Long exceptionExpiresAt) {
        if (status == null || !Task.STATUSES.contains(status)) {
            throw Refusal.badRequest("status must be one of " + Task.STATUSES, "状態は 未着手・対応中・完了・対応しない のいずれかです");
        }
        String cleanNote = note(note);
        long now = clock.millis();
        Task t = db.read(h -> store.byId(h, id)).orElseThrow(() -> Refusal.notFound("no task " + id));
        if (t.closed()) {
            throw Refusal.conflict("task " + id + " is closed", "このタスクは完了しています");
        }
        String exceptionId = null;
        if (Task.WONT_FIX.equals(status)) {
            if (cleanNote == null) {
                throw Refusal.badRequest("won't fix needs a justification (note): it becomes the exception request",
                        "「対応しない」には理由が必要です（例外の申請理由になります）");
            }
            ComplianceException e = exceptions.create(caller, new ExceptionService.NewException(t.targetType(), t.targetId(),
                    t.assetId() == null ? List.of() : List.of(t.assetId()), cleanNote, exceptionExpiresAt));
            exceptionId = e.id();
        }
        String exId = exceptionId;
        return db.write(h -> {
            int changed = Task.DONE.equals(status) || Task.WONT_FIX.equals(status)
                    ? store.close(h, id, status, caller.name(), Task.DONE.equals(status) ? "manual" : "exception", exId, cleanNote, now)
                    : store.setStatus(h, id, status, cleanNote, now);
            if (changed == 0) {
                throw Refusal.conflict("task " + id + " is closed", "このタスクは完了しています");
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("status", status);
            if (exId != null) {
                d.put("exception", exId);
            }
            audit.append(h, caller.actor(), "task.update", id, d);
            return store.byId(h, id).orElseThrow();
        });
    }

    /** Closes the tasks whose check passes (or no longer applies) or whose criterion is met; returns how many. */
    @Scheduled(fixedDelay = "${akashi.tasks.close-interval:" + TasksProperties.CLOSE_INTERVAL + "}",
            initialDelay = "${akashi.tasks.close-interval:" + TasksProperties.CLOSE_INTERVAL + "}")
    public int closeResolved() {
        long now = clock.millis();
        return db.write(h -> {
            int n = 0;
            for (String[] r : store.resolved(h)) {
                if (store.close(h, r[0], Task.DONE, SYSTEM, r[1], null, null, now) > 0) {
                    audit.append(h, SYSTEM, "task.close", r[0], Map.of("reason", r[1]));
                    n++;
                }
            }
            return n;
        });
    }

    /** Open tasks ({@code closed} false) or closed ones, of {@code owner} or everyone's; closes resolved ones first. */
    public List<Task> list(String owner, boolean closed, int limit) {
        closeResolved();
        return db.read(h -> store.list(h, owner, closed, limit));
    }

    /** One page of a task list and how many tasks the whole list has. */
    public record Page(List<Task> tasks, long total) {
    }

    /**
     * A page of the console's lists: {@code view} is {@code mine} (open tasks of {@code owner}),
     * {@code open}, {@code overdue} or {@code closed}; tasks whose check passes again are closed first.
     */
    public Page page(String view, String owner, int size, int offset) {
        closeResolved();
        return db.read(h -> switch (view) {
            case "open" -> new Page(store.page(h, null, false, size, offset), store.count(h, null, false));
            case "overdue" -> new Page(store.overduePage(h, today(), size, offset), store.overdueCount(h, today()));
            case "closed" -> new Page(store.page(h, null, true, size, offset), store.count(h, null, true));
            default -> new Page(store.page(h, owner, false, size, offset), store.count(h, owner, false));
        });
    }

    /** How many open tasks {@code owner} has (read only: the dashboard does not sweep). */
    public int openCount(String owner) {
        return db.read(h -> store.openCount(h, owner));
    }

    public List<Task> overdue(int limit) {
        return db.read(h -> store.overdue(h, today(), limit));
    }

    public String today() {
        return zone.today(clock).toString();
    }

    /** People who may own a task: enabled admin and security users. */
    public List<User> owners() {
        return db.read(h -> users.all(h)).stream().filter(u -> !u.disabled() && (u.role() == Role.ADMIN || u.role() == Role.SECURITY))
                .toList();
    }

    private String owner(org.jdbi.v3.core.Handle h, String username) {
        User u = username == null ? null : users.byUsername(h, username.strip()).orElse(null);
        if (u == null || u.disabled() || u.role() == Role.AUDITOR) {
            throw Refusal.badRequest("owner must be an enabled admin or security user", "担当者は有効な管理者かセキュリティ担当を選んでください");
        }
        return u.username();
    }

    private String dueDay(String s) {
        LocalDate today = zone.today(clock);
        try {
            LocalDate d = LocalDate.parse(s == null ? "" : s.strip());
            if (d.isBefore(today) || d.isAfter(today.plusDays(MAX_DUE_DAYS))) {
                throw Refusal.badRequest("due must be today or later, at most " + MAX_DUE_DAYS + " days ahead",
                        "期日は今日以降、" + MAX_DUE_DAYS + "日以内の日付にしてください");
            }
            return d.toString();
        } catch (DateTimeParseException e) {
            throw Refusal.badRequest("due must be a date like 2026-12-31", "期日は 2026-12-31 の形の日付で指定してください");
        }
    }

    private static String note(String note) {
        if (note != null && note.length() > MAX_NOTE) {
            throw Refusal.badRequest("note: at most " + MAX_NOTE + " characters", "メモは" + MAX_NOTE + "文字以内にしてください");
        }
        return note == null || note.isBlank() ? null : note.strip();
    }
}
