package jp.akashi.collector.enroll;

import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

/** SQL for agents and enrollment tokens. */
@Singleton
public class AgentStore {

    public record Agent(String id, String name, String assetId, long createdAt, Long lastSeenAt, String lastVersion,
                        String lastAddress, Long revokedAt, String enrollmentId, Integer lastIntervalSeconds,
                        Integer lastProbeErrors, Long lastCollectMillis, Long lastClockSkewMillis, Long lateAfter,
                        Long stoppedAfter, String lastFailingProbes, AgentSelfReport self) {
    }

    public record EnrollmentToken(String id, String createdBy, long createdAt, long expiresAt, int maxUses, int uses,
                                  Long revokedAt, String note) {
    }

    public void insertAgent(Handle h, String id, String credentialHash, String enrollmentId, String name, long now) {
        h.createUpdate("INSERT INTO agents (id, credential_hash, enrollment_id, name, created_at) VALUES (:id, :c, :e, :n, :now)")
                .bind("id", id).bind("c", credentialHash).bind("e", enrollmentId).bind("n", name).bind("now", now).execute();
    }

    public Optional<Agent> byCredentialHash(Handle h, String hash) {
        return h.createQuery("SELECT * FROM agents WHERE credential_hash = :c").bind("c", hash)
                .map((rs, ctx) -> agent(rs)).findFirst();
    }

    public Optional<Agent> byId(Handle h, String id) {
        return h.createQuery("SELECT * FROM agents WHERE id = :id").bind("id", id).map((rs, ctx) -> agent(rs)).findFirst();
    }

    public List<Agent> all(Handle h) {
        return h.createQuery("SELECT * FROM agents ORDER BY created_at DESC").map((rs, ctx) -> agent(rs)).list();
    }

    /** An agent with the name of the asset it reports for (null before its first report). */
    public record AgentRow(Agent agent, String assetName) {
    }

    /** A page of agents, newest enrollment first. */
    public List<AgentRow> page(Handle h, int offset, int limit) {
        return h.createQuery("SELECT ag.*, " + jp.akashi.collector.store.AssetStore.NAME_SQL + " AS asset_name "
                        + "FROM agents ag LEFT JOIN assets a ON a.id = ag.asset_id "
                        + "ORDER BY ag.created_at DESC, ag.id LIMIT :l OFFSET :o")
                .bind("l", limit).bind("o", offset)
                .map((rs, ctx) -> new AgentRow(agent(rs), rs.getString("asset_name"))).list();
    }

    /**
     * How many agents there are and in which {@link AgentState} at {@code now}; {@code active} is
     * only those reporting on time without failing probes (稼働中).
     */
    public record Counts(long total, long active, long withErrors, long late, long stopped, long neverReported,
                         long revoked) {
        /** Not revoked and not reporting cleanly: what the dashboard asks someone to look at. */
        public long attention() {
            return withErrors + late + stopped + neverReported;
        }
    }

    /** The same comparisons as {@link AgentState#of}, in SQL, for one pass over the table. */
    public Counts counts(Handle h, long now) {
        String due = "COALESCE(late_after, last_seen_at + " + AgentHealth.lateAfter(0, null) + ")";
        String gone = "COALESCE(stopped_after, last_seen_at + " + AgentHealth.stoppedAfter(0, null) + ")";
        String live = "revoked_at IS NULL AND last_seen_at IS NOT NULL";
        return h.createQuery("SELECT COUNT(*) AS total, "
                        + "SUM(CASE WHEN " + live + " AND :now <= " + due + " AND COALESCE(last_probe_errors, 0) = 0 THEN 1 ELSE 0 END) AS active, "
                        + "SUM(CASE WHEN " + live + " AND :now <= " + due + " AND last_probe_errors > 0 THEN 1 ELSE 0 END) AS errs, "
                        + "SUM(CASE WHEN " + live + " AND :now > " + due + " AND :now <= " + gone + " THEN 1 ELSE 0 END) AS late, "
                        + "SUM(CASE WHEN " + live + " AND :now > " + gone + " THEN 1 ELSE 0 END) AS stopped, "
                        + "SUM(CASE WHEN revoked_at IS NULL AND last_seen_at IS NULL THEN 1 ELSE 0 END) AS never, "
                        + "COUNT(revoked_at) AS revoked FROM agents")
                .bind("now", now)
                .map((rs, ctx) -> new Counts(rs.getLong("total"), rs.getLong("active"), rs.getLong("errs"), rs.getLong("late"),
                        rs.getLong("stopped"), rs.getLong("never"), rs.getLong("revoked"))).one();
    }

    public void bindAsset(Handle h, String agentId, String assetId) {
        h.createUpdate("UPDATE agents SET asset_id = :a WHERE id = :id").bind("a", assetId).bind("id", agentId).execute();
    }

    /** What the agent's newest report said about the agent; {@code self} fields it did not send become null (unknown). */
    public void seen(Handle h, String agentId, long at, String version, String address, AgentHealth health, AgentSelfReport self) {
        h.createUpdate("UPDATE agents SET last_seen_at = :at, last_version = :v, last_address = :addr, "
                        + "last_interval_s = :i, last_probe_errors = :e, last_collect_ms = :c, last_clock_skew_ms = :s, "
                        + "late_after = :late, stopped_after = :stopped, last_failing_probes = :fp, "
                        + "last_java_version = :jv, last_java_vendor = :jvendor, last_runtime_bundled = :bundled, "
                        + "last_peak_rss = :rss, last_peak_rss_source = :rsssrc, last_spool_pending = :pending, "
                        + "update_state = :us, update_version = :uv, update_from = :uf, update_detail = :ud, update_at = :ua WHERE id = :id")
                .bind("at", at).bind("v", version).bind("addr", address).bind("i", health.intervalSeconds())
                .bind("e", health.probeErrors()).bind("c", health.collectMillis()).bind("s", health.clockSkewMillis())
                .bind("late", health.lateAfter()).bind("stopped", health.stoppedAfter()).bind("fp", health.failingProbes())
                .bind("jv", self.javaVersion()).bind("jvendor", self.javaVendor())
                .bind("bundled", self.bundledRuntime() == null ? null : self.bundledRuntime() ? 1 : 0)
                .bind("rss", self.peakRssBytes()).bind("rsssrc", self.peakRssSource()).bind("pending", self.spoolPending())
                .bind("us", self.updateState()).bind("uv", self.updateVersion()).bind("uf", self.updateFrom())
                .bind("ud", self.updateDetail()).bind("ua", self.updateAt()).bind("id", agentId).execute();
    }

    public int revoke(Handle h, String agentId, long at) {
        return h.createUpdate("UPDATE agents SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
                .bind("at", at).bind("id", agentId).execute();
    }

    // ---- enrollment tokens ----

    public void insertToken(Handle h, String id, String tokenHash, String createdBy, long now, long expiresAt, int maxUses,
                            String note, String formNonce) {
        h.createUpdate("INSERT INTO enrollment_tokens (id, token_hash, created_by, created_at, expires_at, max_uses, uses, note, form_nonce) "
                        + "VALUES (:id, :t, :by, :now, :exp, :max, 0, :note, :nonce)")
                .bind("id", id).bind("t", tokenHash).bind("by", createdBy).bind("now", now).bind("exp", expiresAt)
                .bind("max", maxUses).bind("note", note).bind("nonce", formNonce).execute();
    }

    /** Whether a token was already made by the console form with this one-time value. */
    public boolean tokenByFormNonce(Handle h, String formNonce) {
        return h.createQuery("SELECT COUNT(*) FROM enrollment_tokens WHERE form_nonce = :n").bind("n", formNonce)
                .mapTo(Integer.class).one() > 0;
    }

    public Optional<EnrollmentToken> tokenByHash(Handle h, String hash) {
        return h.createQuery("SELECT * FROM enrollment_tokens WHERE token_hash = :t").bind("t", hash)
                .map((rs, ctx) -> token(rs)).findFirst();
    }

    public List<EnrollmentToken> tokens(Handle h) {
        return h.createQuery("SELECT * FROM enrollment_tokens ORDER BY created_at DESC").map((rs, ctx) -> token(rs)).list();
    }

    /** Uses the token once if it still has uses left; false when another enrollment took the last use. */
    public boolean useToken(Handle h, String id) {
        return h.createUpdate("UPDATE enrollment_tokens SET uses = uses + 1 WHERE id = :id AND uses < max_uses")
                .bind("id", id).execute() == 1;
    }

    public int revokeToken(Handle h, String id, long at) {
        return h.createUpdate("UPDATE enrollment_tokens SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
                .bind("at", at).bind("id", id).execute();
    }

    private static Agent agent(ResultSet rs) throws SQLException {
        return new Agent(rs.getString("id"), rs.getString("name"), rs.getString("asset_id"), rs.getLong("created_at"),
                nullableLong(rs, "last_seen_at"), rs.getString("last_version"), rs.getString("last_address"),
                nullableLong(rs, "revoked_at"), rs.getString("enrollment_id"), nullableInt(rs, "last_interval_s"),
                nullableInt(rs, "last_probe_errors"), nullableLong(rs, "last_collect_ms"), nullableLong(rs, "last_clock_skew_ms"),
                nullableLong(rs, "late_after"), nullableLong(rs, "stopped_after"), rs.getString("last_failing_probes"),
                new AgentSelfReport(rs.getString("last_java_version"), rs.getString("last_java_vendor"),
                        nullableInt(rs, "last_runtime_bundled") == null ? null : nullableInt(rs, "last_runtime_bundled") == 1,
                        nullableLong(rs, "last_peak_rss"), rs.getString("last_peak_rss_source"), nullableInt(rs, "last_spool_pending"),
                        rs.getString("update_state"), rs.getString("update_version"), rs.getString("update_from"),
                        rs.getString("update_detail"), nullableLong(rs, "update_at")));
    }

    private static Integer nullableInt(ResultSet rs, String col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? null : v;
    }

    private static EnrollmentToken token(ResultSet rs) throws SQLException {
        return new EnrollmentToken(rs.getString("id"), rs.getString("created_by"), rs.getLong("created_at"),
                rs.getLong("expires_at"), rs.getInt("max_uses"), rs.getInt("uses"), nullableLong(rs, "revoked_at"),
                rs.getString("note"));
    }

    static Long nullableLong(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }
}
