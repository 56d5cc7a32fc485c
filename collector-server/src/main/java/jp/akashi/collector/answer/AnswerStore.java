package jp.akashi.collector.answer;

import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

/** SQL for answers (append-only) and their attachments. */
@Singleton
public class AnswerStore {

    public void insert(Handle h, Answer a) {
        h.createUpdate("INSERT INTO answers (id, criterion_id, status, points, option_id, comment, answered_by, answered_at, "
                        + "valid_until, supersedes, catalog_version) VALUES (:id, :c, :s, :p, :o, :comment, :by, :at, :until, :sup, :ver)")
                .bind("id", a.id()).bind("c", a.criterionId()).bind("s", a.status()).bind("p", a.points())
                .bind("o", a.optionId()).bind("comment", a.comment()).bind("by", a.answeredBy()).bind("at", a.answeredAt())
                .bind("until", a.validUntil()).bind("sup", a.supersedes()).bind("ver", a.catalogVersion()).execute();
        for (Answer.AttachmentRef r : a.attachments()) {
            h.createUpdate("INSERT INTO answer_attachments (answer_id, sha256, filename, content_type, size) VALUES (:a, :s, :f, :t, :n)")
                    .bind("a", a.id()).bind("s", r.sha256()).bind("f", r.filename()).bind("t", r.contentType()).bind("n", r.size())
                    .execute();
        }
    }

    /** An answer counts unless it waits for review or was sent back (SQL over the alias {@code a}). */
    static String counted(String a) {
        return "NOT EXISTS (SELECT 1 FROM answer_reviews rv WHERE rv.answer_id = " + a + ".id AND rv.status <> 'approved')";
    }

    /** A review of an answer: {@code pending}, {@code approved} or {@code rejected}. */
    public record Review(String answerId, String status, String reviewedBy, Long reviewedAt, String note) {
    }

    public void insertReview(Handle h, String answerId) {
        h.createUpdate("INSERT INTO answer_reviews (answer_id, status) VALUES (:a, 'pending')").bind("a", answerId).execute();
    }

    /** Decides a pending review; returns the rows changed (0: none pending). */
    public int decideReview(Handle h, String answerId, String status, String by, long at, String note) {
        return h.createUpdate("UPDATE answer_reviews SET status = :s, reviewed_by = :by, reviewed_at = :at, note = :n "
                        + "WHERE answer_id = :a AND status = 'pending'")
                .bind("s", status).bind("by", by).bind("at", at).bind("n", note).bind("a", answerId).execute();
    }

    /** The reviews of a criterion's answers, by answer id. */
    public Map<String, Review> reviews(Handle h, String criterionId) {
        Map<String, Review> m = new HashMap<>();
        h.createQuery("SELECT r.* FROM answer_reviews r JOIN answers a ON a.id = r.answer_id WHERE a.criterion_id = :c")
                .bind("c", criterionId).map((rs, ctx) -> {
                    long at = rs.getLong("reviewed_at");
                    return new Review(rs.getString("answer_id"), rs.getString("status"), rs.getString("reviewed_by"),
                            rs.wasNull() ? null : at, rs.getString("note"));
                }).forEach(r -> m.put(r.answerId(), r));
        return m;
    }

    /** The newest answer of each of the given criteria that counts (not waiting for review, not sent back). */
    public Map<String, Answer> latest(Handle h, Collection<String> criterionIds) {
        Map<String, Answer> m = new HashMap<>();
        if (criterionIds.isEmpty()) {
            return m;
        }
        List<String> ids = new ArrayList<>(criterionIds);
        for (int i = 0; i < ids.size(); i += 500) {
            List<Answer> rows = h.createQuery("SELECT a.* FROM answers a WHERE a.criterion_id IN (<ids>) AND " + counted("a")
                            + " AND a.answered_at = (SELECT MAX(b.answered_at) FROM answers b WHERE b.criterion_id = a.criterion_id AND "
                            + counted("b") + ")")
                    .bindList("ids", ids.subList(i, Math.min(ids.size(), i + 500)))
                    .map((rs, ctx) -> map(rs)).list();
            for (Answer a : rows) {
                Answer prev = m.get(a.criterionId());
                if (prev == null || prev.id().compareTo(a.id()) < 0) {
                    m.put(a.criterionId(), a);
                }
            }
        }
        return withAttachments(h, m);
    }

    /** Every answer ever given to a criterion, newest first. */
    public List<Answer> history(Handle h, String criterionId) {
        List<Answer> rows = h.createQuery("SELECT * FROM answers WHERE criterion_id = :c ORDER BY answered_at DESC, id DESC")
                .bind("c", criterionId).map((rs, ctx) -> map(rs)).list();
        Map<String, Answer> byId = new HashMap<>();
        rows.forEach(a -> byId.put(a.id(), a));
        Map<String, Answer> filled = withAttachments(h, byId);
        return rows.stream().map(a -> filled.get(a.id())).toList();
    }

    public Optional<Answer> byId(Handle h, String id) {
        Map<String, Answer> m = new HashMap<>();
        h.createQuery("SELECT * FROM answers WHERE id = :id").bind("id", id).map((rs, ctx) -> map(rs)).forEach(a -> m.put(a.id(), a));
        return Optional.ofNullable(withAttachments(h, m).get(id));
    }

    /** Answers given in {@code [from, to)}, newest first (each version: a changed answer shows as a new one). */
    public List<Answer> answeredBetween(Handle h, long from, long to, int limit) {
        return h.createQuery("SELECT * FROM answers WHERE answered_at >= :f AND answered_at < :t ORDER BY answered_at DESC, id LIMIT :l")
                .bind("f", from).bind("t", to).bind("l", limit).map((rs, ctx) -> map(rs)).list();
    }

    /** Answers that expire between two instants (for "expiring soon"). */
    public List<Answer> expiringBetween(Handle h, long from, long to) {
        return h.createQuery("SELECT a.* FROM answers a WHERE a.valid_until >= :f AND a.valid_until < :t AND " + counted("a")
                        + " AND a.answered_at = (SELECT MAX(b.answered_at) FROM answers b WHERE b.criterion_id = a.criterion_id AND "
                        + counted("b") + ") ORDER BY a.valid_until")
                .bind("f", from).bind("t", to).map((rs, ctx) -> map(rs)).list();
    }

    private Map<String, Answer> withAttachments(Handle h, Map<String, Answer> answers) {
        if (answers.isEmpty()) {
            return answers;
        }
        Map<String, List<Answer.AttachmentRef>> refs = new HashMap<>();
        // by answer id: callers key their maps by criterion id or by answer id
        List<String> ids = answers.values().stream().map(Answer::id).distinct().toList();
        for (int i = 0; i < ids.size(); i += 500) {
            // each answer's file has the type and size it was accepted with (older rows: the file's own)
            h.createQuery("SELECT aa.answer_id, aa.sha256, aa.filename, COALESCE(aa.content_type, t.content_type), "
                            + "COALESCE(aa.size, t.size) FROM answer_attachments aa "
                            + "JOIN attachments t ON t.sha256 = aa.sha256 WHERE aa.answer_id IN (<ids>) ORDER BY aa.filename")
                    .bindList("ids", ids.subList(i, Math.min(ids.size(), i + 500)))
                    .map((rs, ctx) -> new Object[]{rs.getString(1), new Answer.AttachmentRef(rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getLong(5))})
                    .forEach(o -> refs.computeIfAbsent((String) o[0], k -> new ArrayList<>()).add((Answer.AttachmentRef) o[1]));
        }
        Map<String, Answer> out = new HashMap<>();
        answers.forEach((k, a) -> out.put(k, new Answer(a.id(), a.criterionId(), a.status(), a.points(), a.optionId(), a.comment(),
                a.answeredBy(), a.answeredAt(), a.validUntil(), a.supersedes(), List.copyOf(refs.getOrDefault(a.id(), List.of())),
                a.catalogVersion())));
        return out;
    }

    private static Answer map(java.sql.ResultSet rs) throws java.sql.SQLException {
        int p = rs.getInt("points");
        Integer points = rs.wasNull() ? null : p;
        long u = rs.getLong("valid_until");
        Long until = rs.wasNull() ? null : u;
        return new Answer(rs.getString("id"), rs.getString("criterion_id"), rs.getString("status"), points,
                rs.getString("option_id"), rs.getString("comment"), rs.getString("answered_by"), rs.getLong("answered_at"),
                until, rs.getString("supersedes"), List.of(), rs.getString("catalog_version"));
    }
}
