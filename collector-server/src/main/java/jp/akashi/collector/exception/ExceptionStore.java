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
        h.createUpdate("INSERT INTO exceptions (id, target_type, target_id, asset_scope, justification, approver, created_by, "
                        + "created_at, expires_at) VALUES (:id, :tt, :ti, :scope, :j, :ap, :by, :at, :exp)")
                .bind("id", e.id()).bind("tt", e.targetType()).bind("ti", e.targetId()).bind("scope", json(e.assetIds()))
                .bind("j", e.justification()).bind("ap", e.approver()).bind("by", e.createdBy()).bind("at", e.createdAt())
                .bind("exp", e.expiresAt()).execute();
    }

    public int revoke(Handle h, String id, String by, long at) {
        return h.createUpdate("UPDATE exceptions SET revoked_at = :at, revoked_by = :by WHERE id = :id AND revoked_at IS NULL")
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
        return h.createQuery("SELECT * FROM exceptions WHERE revoked_at IS NULL AND expires_at > :now ORDER BY created_at")
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
        return new ComplianceException(rs.getString("id"), rs.getString("target_type"), rs.getString("target_id"), ids,
                rs.getString("justification"), rs.getString("approver"), rs.getString("created_by"), rs.getLong("created_at"),
                rs.getLong("expires_at"), revoked, rs.getString("revoked_by"));
    }
}
