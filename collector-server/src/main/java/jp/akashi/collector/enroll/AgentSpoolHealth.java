package jp.akashi.collector.enroll;

import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

import jp.akashi.collector.ingest.SpoolNews;

/**
 * What each agent told about its spool (table agent_spool_health): reports lost on the host,
 * kept as the collector's own cumulative count that never goes down, and whether the spool
 * could not be written at the agent's latest report. Written in the transaction that stores
 * the report, so a duplicate delivery counts nothing twice.
 */
@Singleton
public class AgentSpoolHealth {

    /**
     * What the console shows.
     *
     * @param lostTotal     reports lost on the host, all told
     * @param firstLostAt   collection time of the oldest lost report (epoch ms), if the agent said
     * @param problem       why the spool could not be written, when the agent's latest report said so; else null
     */
    public record Health(String agentId, long lostTotal, Long firstLostAt, Long lastLostAt, String problem, Long problemAt) {
        public boolean lost() {
            return lostTotal > 0;
        }
    }

    /**
     * Records the news of one stored report and returns how many reports it newly tells lost.
     * A total below the last one means the agent's counter restarted (its state files were
     * lost): its whole new total is then new, and what was counted before stays counted.
     * Reports of one agent arrive one after another (the agent delivers its spool in order).
     */
    public long record(Handle h, String agentId, SpoolNews news, long now) {
        if (!news.says()) {
            return 0;
        }
        h.createUpdate("INSERT INTO agent_spool_health (agent_id, updated_at) VALUES (:a, :now) ON CONFLICT (agent_id) DO NOTHING")
                .bind("a", agentId).bind("now", now).execute();
        Row before = h.createQuery("SELECT reported_total, lost_total, first_lost_at, last_lost_at FROM agent_spool_health WHERE agent_id = :a")
                .bind("a", agentId).map((rs, ctx) -> new Row(rs.getLong(1), rs.getLong(2), nullableLong(rs, 3), nullableLong(rs, 4))).one();
        long reported = before.reported();
        long added = 0;
        if (news.dropsTotal() != null) {
            long total = news.dropsTotal();
            added = total >= reported ? total - reported : total;
            reported = total;
        }
        Long first = earlier(before.firstLostAt(), news.oldestDroppedAt() == null ? null : news.oldestDroppedAt().toEpochMilli());
        Long last = later(before.lastLostAt(), news.newestDroppedAt() == null ? null : news.newestDroppedAt().toEpochMilli());
        var update = h.createUpdate("UPDATE agent_spool_health SET reported_total = :r, lost_total = :l, first_lost_at = :f, "
                        + "last_lost_at = :n, updated_at = :now" + (news.problem() == null ? "" : ", problem = :p, problem_at = :now")
                        + " WHERE agent_id = :a")
                .bind("a", agentId).bind("r", reported).bind("l", before.lostTotal() + added).bind("f", first).bind("n", last)
                .bind("now", now);
        if (news.problem() != null) {
            update.bind("p", news.problem());
        }
        update.execute();
        return added;
    }

    private static Long nullableLong(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private record Row(long reported, long lostTotal, Long firstLostAt, Long lastLostAt) {
    }

    private static Long earlier(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
    }

    private static Long later(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.max(a, b));
    }

    /** The spool health of these agents (those that ever told something). */
    public Map<String, Health> of(Handle h, Collection<String> agentIds) {
        Map<String, Health> out = new HashMap<>();
        if (agentIds.isEmpty()) {
            return out;
        }
        h.createQuery("SELECT s.*, ag.last_seen_at FROM agent_spool_health s JOIN agents ag ON ag.id = s.agent_id "
                        + "WHERE s.agent_id IN (<ids>)")
                .bindList("ids", List.copyOf(agentIds))
                .map((rs, ctx) -> {
                    Long problemAt = nullableLong(rs, rs.findColumn("problem_at"));
                    Long seen = nullableLong(rs, rs.findColumn("last_seen_at"));
                    // the problem is current while the report that told it is the agent's latest
                    boolean current = problemAt != null && seen != null && problemAt >= seen;
                    return new Health(rs.getString("agent_id"), rs.getLong("lost_total"), nullableLong(rs, rs.findColumn("first_lost_at")),
                            nullableLong(rs, rs.findColumn("last_lost_at")), current ? rs.getString("problem") : null,
                            current ? problemAt : null);
                })
                .forEach(x -> out.put(x.agentId(), x));
        return out;
    }

    public Optional<Health> of(Handle h, String agentId) {
        return Optional.ofNullable(of(h, List.of(agentId)).get(agentId));
    }

    /** Agents whose latest report says their spool cannot be written. */
    public int unwritable(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM agent_spool_health s JOIN agents ag ON ag.id = s.agent_id "
                + "WHERE s.problem_at IS NOT NULL AND s.problem_at >= ag.last_seen_at AND ag.revoked_at IS NULL").mapTo(Integer.class).one();
    }
}
