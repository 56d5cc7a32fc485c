package jp.akashi.collector.evaluate;

import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

import com.fasterxml.jackson.core.JsonProcessingException;

import jp.akashi.collector.store.Ids;
import jp.akashi.probes.util.Json;

/** SQL for criterion verdicts (stored as JSON detail), their transitions and the score history. */
@Singleton
public class CriterionVerdictStore {

    public record Stored(String criterionId, Verdict verdict, String detailJson, long since, long evaluatedAt) {
    }

    public Map<String, Stored> all(Handle h) {
        Map<String, Stored> m = new HashMap<>();
        h.createQuery("SELECT " + STORED + " FROM criterion_verdicts").map(CriterionVerdictStore::stored)
                .forEach(s -> m.put(s.criterionId(), s));
        return m;
    }

    /** One criterion's stored verdict, if it was evaluated. */
    public Optional<Stored> one(Handle h, String criterionId) {
        return h.createQuery("SELECT " + STORED + " FROM criterion_verdicts WHERE criterion_id = :c")
                .bind("c", criterionId).map(CriterionVerdictStore::stored).findOne();
    }

    private static final String STORED = "criterion_id, verdict, detail, since, evaluated_at";

    private static Stored stored(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws java.sql.SQLException {
        return new Stored(rs.getString("criterion_id"), Verdict.valueOf(rs.getString("verdict")), rs.getString("detail"),
                rs.getLong("since"), rs.getLong("evaluated_at"));
    }

    /** A verdict row without its detail (the verdict is in it): what a reader needs to tell whether its copy is current. */
    public record Head(String criterionId, long since, long revision) {
    }

    /** Every row's head, and the detail of those whose revision is not the one in {@code known} (criterion id → revision). */
    public record Delta(Map<String, Head> heads, Map<String, String> details) {
    }

    /** Above this many changed rows one scan of all details is cheaper than a long IN list. */
    private static final int DETAILS_BY_ID = 64;

    /** The heads, and the details that changed since {@code known}, in the caller's (read) transaction. */
    public Delta changedSince(Handle h, Map<String, Long> known) {
        Map<String, Head> heads = new HashMap<>();
        h.createQuery("SELECT criterion_id, since, revision FROM criterion_verdicts")
                .map((rs, ctx) -> new Head(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                .forEach(x -> heads.put(x.criterionId(), x));
        List<String> changed = new ArrayList<>();
        heads.values().forEach(x -> {
            Long k = known.get(x.criterionId());
            if (k == null || k != x.revision()) {
                changed.add(x.criterionId());
            }
        });
        Map<String, String> details = new HashMap<>();
        if (changed.isEmpty()) {
            return new Delta(heads, details);
        }
        if (changed.size() > DETAILS_BY_ID) {
            java.util.Set<String> wanted = new java.util.HashSet<>(changed);
            h.createQuery("SELECT criterion_id, detail FROM criterion_verdicts")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .forEach(e -> {
                        if (wanted.contains(e.getKey())) {
                            details.put(e.getKey(), e.getValue());
                        }
                    });
        } else {
            h.createQuery("SELECT criterion_id, detail FROM criterion_verdicts WHERE criterion_id IN (<ids>)")
                    .bindList("ids", changed)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .forEach(e -> details.put(e.getKey(), e.getValue()));
        }
        return new Delta(heads, details);
    }

    public void put(Handle h, CriterionVerdict v, long since, long now, boolean exists) {
        String json = json(v);
        if (exists) {
            h.createUpdate("UPDATE criterion_verdicts SET verdict = :v, detail = :d, since = :s, evaluated_at = :now, "
                            + "revision = revision + 1 WHERE criterion_id = :c")
                    .bind("v", v.verdict().name()).bind("d", json).bind("s", since).bind("now", now).bind("c", v.criterionId()).execute();
        } else {
            h.createUpdate("INSERT INTO criterion_verdicts (criterion_id, verdict, detail, since, evaluated_at, revision) "
                            + "VALUES (:c, :v, :d, :s, :now, 1)")
                    .bind("v", v.verdict().name()).bind("d", json).bind("s", since).bind("now", now).bind("c", v.criterionId()).execute();
        }
    }

    public void transition(Handle h, String criterionId, Verdict from, Verdict to, long at, String reason) {
        h.createUpdate("INSERT INTO criterion_transitions (id, criterion_id, at, from_verdict, to_verdict, reason) "
                        + "VALUES (:id, :c, :at, :f, :t, :r)")
                .bind("id", Ids.next()).bind("c", criterionId).bind("at", at).bind("f", from == null ? null : from.name())
                .bind("t", to.name()).bind("r", reason).execute();
    }

    public record Transition(String criterionId, long at, String from, String to, String reason) {
    }

    public List<Transition> transitions(Handle h, String criterionId, int limit) {
        return h.createQuery("SELECT * FROM criterion_transitions WHERE criterion_id = :c ORDER BY at DESC LIMIT :l")
                .bind("c", criterionId).bind("l", limit)
                .map((rs, ctx) -> new Transition(rs.getString("criterion_id"), rs.getLong("at"), rs.getString("from_verdict"),
                        rs.getString("to_verdict"), rs.getString("reason")))
                .list();
    }

    /** Verdict changes in {@code (from, to]}, oldest first, at most {@code limit}. */
    public List<Transition> transitionsBetween(Handle h, long from, long to, int limit) {
        return h.createQuery("SELECT * FROM criterion_transitions WHERE at > :f AND at <= :t ORDER BY at, id LIMIT :l")
                .bind("f", from).bind("t", to).bind("l", limit)
                .map((rs, ctx) -> new Transition(rs.getString("criterion_id"), rs.getLong("at"), rs.getString("from_verdict"),
                        rs.getString("to_verdict"), rs.getString("reason")))
                .list();
    }

    /** When the first verdict was recorded (epoch ms), or null before any. */
    public Long firstTransitionAt(Handle h) {
        return h.createQuery("SELECT MIN(at) FROM criterion_transitions").mapTo(Long.class).findOne().orElse(null);
    }

    /** Every criterion's verdict as it was at {@code at}, from the transitions. */
    public Map<String, String> verdictsAt(Handle h, long at) {
        Map<String, String> m = new HashMap<>();
        h.createQuery("SELECT t.criterion_id, t.to_verdict FROM criterion_transitions t WHERE t.at = (SELECT MAX(t2.at) FROM "
                        + "criterion_transitions t2 WHERE t2.criterion_id = t.criterion_id AND t2.at <= :at)")
                .bind("at", at).map((rs, ctx) -> new String[]{rs.getString(1), rs.getString(2)}).forEach(p -> m.put(p[0], p[1]));
        return m;
    }

    public void putScore(Handle h, Score s, String day, long now) {
        String json;
        try {
            json = Json.mapper().writeValueAsString(Map.of("status", s.status(), "summary", s.summary(), "parts", s.parts()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        int n = h.createUpdate("UPDATE score_history SET at = :at, summary = :s WHERE framework = :f AND version = :v AND application = :a AND day = :d")
                .bind("at", now).bind("s", json).bind("f", s.framework()).bind("v", s.version()).bind("a", s.application()).bind("d", day).execute();
        if (n == 0) {
            h.createUpdate("INSERT INTO score_history (framework, version, application, day, at, summary) VALUES (:f, :v, :a, :d, :at, :s)")
                    .bind("at", now).bind("s", json).bind("f", s.framework()).bind("v", s.version()).bind("a", s.application()).bind("d", day).execute();
        }
    }

    public record ScorePoint(String day, long at, String summaryJson) {
    }

    public List<ScorePoint> scoreHistory(Handle h, String framework, String version, String application, String fromDay) {
        return h.createQuery("SELECT day, at, summary FROM score_history WHERE framework = :f AND version = :v AND application = :a "
                        + "AND day >= :from ORDER BY day")
                .bind("f", framework).bind("v", version).bind("a", application).bind("from", fromDay)
                .map((rs, ctx) -> new ScorePoint(rs.getString(1), rs.getLong(2), rs.getString(3))).list();
    }

    static String json(CriterionVerdict v) {
        try {
            return Json.mapper().writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static CriterionVerdict parse(String json) {
        try {
            return Json.mapper().readValue(json, CriterionVerdict.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored verdict unreadable", e);
        }
    }
}
