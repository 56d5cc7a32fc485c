package jp.akashi.collector.targets;

import com.fasterxml.jackson.core.type.TypeReference;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

import jp.akashi.probes.util.Json;

/** SQL for credentials. */
@Singleton
public class CredentialStore {

    public void insert(Handle h, Credential c) {
        h.createUpdate("INSERT INTO credentials (id, name, kind, username, settings, secret, key_id, fingerprint, created_by, created_at) "
                        + "VALUES (:id, :name, :kind, :username, :settings, :secret, :keyId, :fingerprint, :by, :at)")
                .bind("id", c.id()).bind("name", c.name()).bind("kind", c.kind()).bind("username", c.username())
                .bind("settings", json(c.settings())).bind("secret", c.sealed().blob()).bind("keyId", c.sealed().keyId())
                .bind("fingerprint", c.fingerprint()).bind("by", c.createdBy()).bind("at", c.createdAt())
                .execute();
    }

    public Optional<Credential> byId(Handle h, String id) {
        return h.createQuery("SELECT * FROM credentials WHERE id = :id").bind("id", id).map((rs, ctx) -> map(rs)).findFirst();
    }

    public Optional<Credential> byName(Handle h, String name) {
        return h.createQuery("SELECT * FROM credentials WHERE name = :n").bind("n", name).map((rs, ctx) -> map(rs)).findFirst();
    }

    public List<Credential> all(Handle h) {
        return h.createQuery("SELECT * FROM credentials ORDER BY name").map((rs, ctx) -> map(rs)).list();
    }

    public int delete(Handle h, String id) {
        return h.createUpdate("DELETE FROM credentials WHERE id = :id").bind("id", id).execute();
    }

    private static Credential map(ResultSet rs) throws SQLException {
        return new Credential(rs.getString("id"), rs.getString("name"), rs.getString("kind"), rs.getString("username"),
                parse(rs.getString("settings")), new CredentialCipher.Sealed(rs.getString("secret"), rs.getString("key_id")),
                rs.getString("fingerprint"), rs.getString("created_by"), rs.getLong("created_at"));
    }

    static String json(Object o) {
        try {
            return Json.mapper().writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> parse(String json) {
        try {
            return Json.mapper().readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("stored settings unreadable", e);
        }
    }
}
