package jp.akashi.collector.task;

import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

/** SQL for tasks. */
@Singleton
public class TaskStore {
    static final String OPEN_SQL = "status IN ('open', 'in_progress')";

    public void insert(Handle h, Task t) {
        h.createUpdate("INSERT INTO tasks (id, target_type, target_id, asset_id, owner, due_day, status, note, created_by, created_at, "
                        + "updated_at) VALUES (:id, :tt, :ti, :a, :o, :due, :st, :note, :by, :at, :at)")
                .bind("id", t.id()).bind("tt", t.targetType()).bind("ti", t.targetId()).bind("a", t.assetId()).bind("o", t.owner())
                .bind("due", t.dueDay()).bind("st", t.status()).bind("note", t.note()).bind("by", t.createdBy())
                .bind("at", t.createdAt()).execute();
    }

    public Optional<Task> byId(Handle h, String id) {
        return h.createQuery("SELECT * FROM tasks WHERE id = :id").bind("id", id).map((rs, ctx) -> map(rs)).findFirst();
    }

    /** Open or in-progress tasks on the same target (a second one for the same work is refused). */
    public Optional<Task> openFor(Handle h, String targetType, String targetId, String assetId) {
        return h.createQuery("SELECT * FROM tasks WHERE target_type = :tt AND target_id = :ti AND "
                        + (assetId == null ? "asset_id IS NULL" : "asset_id = :a") + " AND " + OPEN_SQL)
                .bind("tt", targetType).bind("ti", targetId).bind("a", assetId).map((rs, ctx) -> map(rs)).findFirst();
    }

    /** Tasks, open first (by due day), then closed (newest first); {@code owner} null = everyone's. */
    public List<Task> list(Handle h, String owner, boolean closed, int limit) {
        String where = (closed ? "closed_at IS NOT NULL" : OPEN_SQL) + (owner == null ? "" : " AND owner = :o");
        return h.createQuery("SELECT * FROM tasks WHERE " + where + (closed ? " ORDER BY closed_at DESC, id" : " ORDER BY due_day, created_at, id")
                        + " LIMIT :l")
                .bind("o", owner).bind("l", limit).map((rs, ctx) -> map(rs)).list();
    }

    /** One page of {@link #list}: {@code limit} rows from {@code offset}, in the same order. */
    public List<Task> page(Handle h, String owner, boolean closed, int limit, int offset) {
        String where = (closed ? "closed_at IS NOT NULL" : OPEN_SQL) + (owner == null ? "" : " AND owner = :o");
        return h.createQuery("SELECT * FROM tasks WHERE " + where + (closed ? " ORDER BY closed_at DESC, id" : " ORDER BY due_day, created_at, id")
                        + " LIMIT :l OFFSET :off")
                .bind("o", owner).bind("l", limit).bind("off", offset).map((rs, ctx) -> map(rs)).list();
    }

    public long count(Handle h, String owner, boolean closed) {
        String where = (closed ? "closed_at IS NOT NULL" : OPEN_SQL) + (owner == null ? "" : " AND owner = :o");
        var q = h.createQuery("SELECT COUNT(*) FROM tasks WHERE " + where);
        if (owner != null) {
            q.bind("o", owner);
        }
        return q.mapTo(Long.class).one();
    }

    public List<Task> overduePage(Handle h, String today, int limit, int offset) {
        return h.createQuery("SELECT * FROM tasks WHERE " + OPEN_SQL + " AND due_day < :d ORDER BY due_day, id LIMIT :l OFFSET :off")
                .bind("d", today).bind("l", limit).bind("off", offset).map((rs, ctx) -> map(rs)).list();
    }

    public long overdueCount(Handle h, String today) {
        return h.createQuery("SELECT COUNT(*) FROM tasks WHERE " + OPEN_SQL + " AND due_day < :d").bind("d", today).mapTo(Long.class).one();
    }

    public int openCount(Handle h, String owner) {
        return h.createQuery("SELECT COUNT(*) FROM tasks WHERE " + OPEN_SQL + " AND owner = :o").bind("o", owner).mapTo(Integer.class).one();
    }

    public List<Task> overdue(Handle h, String today, int limit) {
        return h.createQuery("SELECT * FROM tasks WHERE " + OPEN_SQL + " AND due_day < :d ORDER BY due_day, id LIMIT :l")
                .bind("d", today).bind("l", limit).map((rs, ctx) -> map(rs)).list();
    }

    public int setStatus(Handle h, String id, String status, String note, long at) {
        return h.createUpdate("UPDATE tasks SET status = :st, note = COALESCE(:note, note), updated_at = :at WHERE id = :id AND " + OPEN_SQL)
                .bind("st", status).bind("note", note).bind("at", at).bind("id", id).execute();
    }

    public int close(Handle h, String id, String status, String by, String reason, String exceptionId, String note, long at) {
        return h.createUpdate("UPDATE tasks SET status = :st, closed_at = :at, closed_by = :by, closed_reason = :r, exception_id = :ex, "
                        + "note = COALESCE(:note, note), updated_at = :at WHERE id = :id AND " + OPEN_SQL)
                .bind("st", status).bind("at", at).bind("by", by).bind("r", reason).bind("ex", exceptionId).bind("note", note)
                .bind("id", id).execute();
    }

    /**
     * Open tasks whose work is done by itself, with the reason: a check that passes (or no longer
     * applies) on the task's asset, a check that fails on no asset any more (and passes on one),
     * a criterion that is met or not applicable.
     */
    public List<String[]> resolved(Handle h) {
        List<String[]> out = new java.util.ArrayList<>();
        h.createQuery("SELECT t.id, r.status FROM tasks t JOIN check_results r ON r.asset_id = t.asset_id AND r.check_id = t.target_id "
                        + "WHERE t.target_type = 'check' AND t." + OPEN_SQL + " AND r.status IN ('PASS', 'NOT_APPLICABLE')")
                .map((rs, ctx) -> new String[]{rs.getString(1), "PASS".equals(rs.getString(2)) ? "passed" : "not_applicable"})
                .forEach(out::add);
        h.createQuery("SELECT t.id FROM tasks t WHERE t.target_type = 'check' AND t.asset_id IS NULL AND t." + OPEN_SQL
                        + " AND NOT EXISTS (SELECT 1 FROM check_results r WHERE r.check_id = t.target_id AND r.status = 'FAIL')"
                        + " AND EXISTS (SELECT 1 FROM check_results r WHERE r.check_id = t.target_id AND r.status = 'PASS')")
                .map((rs, ctx) -> new String[]{rs.getString(1), "passed"}).forEach(out::add);
        h.createQuery("SELECT t.id, v.verdict FROM tasks t JOIN criterion_verdicts v ON v.criterion_id = t.target_id "
                        + "WHERE t.target_type = 'criterion' AND t." + OPEN_SQL + " AND v.verdict IN ('MET', 'NOT_APPLICABLE')")
                .map((rs, ctx) -> new String[]{rs.getString(1), "MET".equals(rs.getString(2)) ? "passed" : "not_applicable"})
                .forEach(out::add);
        return out;
    }

    private static Task map(java.sql.ResultSet rs) throws java.sql.SQLException {
        long c = rs.getLong("closed_at");
        Long closedAt = rs.wasNull() ? null : c;
        return new Task(rs.getString("id"), rs.getString("target_type"), rs.getString("target_id"), rs.getString("asset_id"),
                rs.getString("owner"), rs.getString("due_day"), rs.getString("status"), rs.getString("note"), rs.getString("created_by"),
                rs.getLong("created_at"), rs.getLong("updated_at"), closedAt, rs.getString("closed_by"), rs.getString("closed_reason"),
                rs.getString("exception_id"));
    }
}
