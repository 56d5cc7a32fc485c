package jp.akashi.collector.exception;

import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import jp.akashi.probes.util.Json;

/** SQL for exceptions. */
@Singleton
public class ExceptionStore {

    public void insert(Handle h, ComplianceException e) {
        // approver is NOT NULL since V2: an undecided request stores '' (read back as null)
        h.createUpdate("INSERT INTO exceptions (id, target_type, target_id, asset_scope, justification, approver, created_by, "
                        + "created_at, expires_at, status) VALUES (:id, :tt, :ti, :scope, :j, :ap, :by, :at, :exp, :st)")
                .bind("id", e.id()).bind("tt", e.targetType()).bind("ti", e.targetId()).bind("scope", json(e.assetIds()))
                .bind("j", e.justification()).bind("ap", e.approver() == null ? "" : e.approver()).bind("by", e.createdBy())
                .bind("at", e.createdAt()).bind("exp", e.expiresAt()).bind("st", e.status()).execute();
    }

    /**
     * Decides a pending request: approved (the decider becomes the approver) or rejected. Only a
     * request that is still undecided, unrevoked and unexpired changes; returns the rows changed.
     */
    public int decide(Handle h, String id, String status, String by, long at, String note) {
        return h.createUpdate("UPDATE exceptions SET status = :st, decided_by = :by, decided_at = :at, decision_note = :note, "
                        + "approver = :ap WHERE id = :id AND status = 'requested' AND revoked_at IS NULL AND expires_at > :at")
                .bind("st", status).bind("by", by).bind("at", at).bind("note", note)
                .bind("ap", ComplianceException.APPROVED.equals(status) ? by : "").bind("id", id).execute();
    }

    public int revoke(Handle h, String id, String by, long at) {
        return h.createUpdate("UPDATE exceptions SET revoked_at = :at, revoked_by = :by WHERE id = :id AND revoked_at IS NULL "
                        + "AND status <> 'rejected'")
                .bind("at", at).bind("by", by).bind("id", id).execute();
    }

    public Optional<ComplianceException> byId(Handle h, String id) {
        return h.createQuery("SELECT * FROM exceptions WHERE id = :id").bind("id", id).map((rs, ctx) -> map(rs)).findFirst();
    }

    /** All exceptions, newest first (active and historical: auditors see both). */
    public List<ComplianceException> all(Handle h) {
        return h.createQuery("SELECT * FROM exceptions ORDER BY created_at DESC").map((rs, ctx) -> map(rs)).list();
    }

    public List<ComplianceException> active(Handle h, long now) {
        return h.createQuery("SELECT * FROM exceptions WHERE status = 'approved' AND revoked_at IS NULL AND expires_at > :now "
                        + "ORDER BY created_at")
                .bind("now", now).map((rs, ctx) -> map(rs)).list();
    }

    private static String json(List<String> ids) {
        try {
            return Json.mapper().writeValueAsString(ids);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ComplianceException map(java.sql.ResultSet rs) throws java.sql.SQLException {
        List<String> ids;
        try {
            ids = Json.mapper().readValue(rs.getString("asset_scope"), new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new java.sql.SQLException("exceptions.asset_scope is not a JSON list", e);
        }
        long r = rs.getLong("revoked_at");
        Long revoked = rs.wasNull() ? null : r;
        long d = rs.getLong("decided_at");
        Long decided = rs.wasNull() ? null : d;
        String approver = rs.getString("approver");
        return new ComplianceException(rs.getString("id"), rs.getString("target_type"), rs.getString("target_id"), ids,
                rs.getString("justification"), approver == null || approver.isEmpty() ? null : approver, rs.getString("created_by"),
                rs.getLong("created_at"), rs.getLong("expires_at"), revoked, rs.getString("revoked_by"), rs.getString("status"),
                rs.getString("decided_by"), decided, rs.getString("decision_note"));
    }
}
