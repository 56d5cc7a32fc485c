package jp.akashi.collector.enroll;

import jakarta.inject.Singleton;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jp.akashi.collector.security.Caller;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;
import jp.akashi.probes.update.UpdateStatement;
import jp.akashi.probes.update.Versions;

/**
 * Whether agents may update themselves, and to which package (docs/DEPLOY-LINUX.md,
 * "Self-update"). One setting for the whole collector (all instances on one database), given
 * and withdrawn by an administrator, each change audit-logged. Allowing fixes the package's
 * SHA-256 and signs (file, version, SHA-256) with the collector's Ed25519 signing key (the one
 * that signs snapshots); agents older than that version are offered it in their report
 * acknowledgements and refuse a download that does not match both.
 */
@Singleton
public class AgentUpdatePolicy {
    /** The package kind agents update themselves from: the agent jar (packaged installs keep their runtime). */
    static final String KIND = "jar";

    /** The permission in force. */
    public record Allowed(String file, String version, String sha256, String signature, String keyFingerprint, String setBy,
                          long setAt) {
    }

    private final Database db;
    private final AuditLog audit;
    private final AgentPackages packages;
    private final PackageSigner key;
    private final Clock clock;
    /** The setting as last read, for the per-report offer: other instances' changes apply within {@link #CACHE_MILLIS}. */
    private volatile Cached cached;

    private record Cached(Optional<Allowed> value, long until) {
    }

    static final long CACHE_MILLIS = 5_000;

    public AgentUpdatePolicy(Database db, AuditLog audit, AgentPackages packages, PackageSigner key, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.packages = packages;
        this.key = key;
        this.clock = clock;
    }

    public Optional<Allowed> current() {
        return db.read(h -> h.createQuery("SELECT * FROM agent_update_policy WHERE id = 1")
                .map((rs, ctx) -> new Allowed(rs.getString("package_file"), rs.getString("version"), rs.getString("sha256"),
                        rs.getString("signature"), rs.getString("key_fingerprint"), rs.getString("set_by"), rs.getLong("set_at")))
                .findFirst());
    }

    /** Allows self-update to the served agent jar {@code file}; its hash is fixed and signed now. */
    public Allowed allow(Caller admin, String file) {
        AgentPackages.AgentPackage pkg = packages.get(file).filter(p -> p.kind().equals(KIND)).orElseThrow(() ->
                jp.akashi.collector.Refusal.badRequest("no agent jar package " + shown(file) + " in " + packages.directory()
                        + " (self-update installs an akashi-agent-<version>.jar)",
                        packages.directory() + " に agent jar パッケージ " + shown(file) + " がありません（自己更新は akashi-agent-<version>.jar を使います）"));
        String signature;
        try {
            signature = Base64.getEncoder().encodeToString(key.sign(new UpdateStatement(pkg.file(), pkg.version(), pkg.sha256()).bytes()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the collector's signing key: " + e.getMessage(), e);
        }
        Allowed a = new Allowed(pkg.file(), pkg.version(), pkg.sha256(), signature, key.fingerprint(), admin.actor(), clock.millis());
        db.write(h -> {
            h.createUpdate("DELETE FROM agent_update_policy WHERE id = 1").execute();
            h.createUpdate("INSERT INTO agent_update_policy (id, package_file, version, sha256, signature, key_fingerprint, set_by, set_at) "
                            + "VALUES (1, :f, :v, :h, :s, :k, :by, :at)")
                    .bind("f", a.file()).bind("v", a.version()).bind("h", a.sha256()).bind("s", a.signature())
                    .bind("k", a.keyFingerprint()).bind("by", a.setBy()).bind("at", a.setAt()).execute();
            audit.append(h, admin.actor(), "agent_update.allow", a.file(), Map.of("version", a.version(), "sha256", a.sha256(),
                    "keyFingerprint", a.keyFingerprint()));
            return null;
        });
        cached = null;
        return a;
    }

    /** Withdraws the permission; agents are offered nothing from their next report on. */
    public boolean disallow(Caller admin) {
        boolean removed = db.write(h -> {
            int n = h.createUpdate("DELETE FROM agent_update_policy WHERE id = 1").execute();
            if (n > 0) {
                audit.append(h, admin.actor(), "agent_update.disallow", "agents", Map.of());
            }
            return n > 0;
        });
        cached = null;
        return removed;
    }

    /** The offer for an agent that reports {@code agentVersion}: present while allowed and the agent is older. */
    public Optional<Map<String, Object>> offerFor(String agentVersion) {
        Cached c = cached;
        long now = clock.millis();
        if (c == null || now > c.until()) {
            c = new Cached(current(), now + CACHE_MILLIS);
            cached = c;
        }
        return c.value().filter(a -> Versions.older(agentVersion, a.version())).map(AgentUpdatePolicy::offer);
    }

    static Map<String, Object> offer(Allowed a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", a.version());
        m.put("file", a.file());
        m.put("url", "/agent/packages/" + a.file());
        m.put("sha256", a.sha256());
        m.put("signature", a.signature());
        m.put("keyFingerprint", a.keyFingerprint());
        return m;
    }

    private static String shown(String s) {
        return s == null ? "(none)" : s.replaceAll("[^A-Za-z0-9._~+-]", "?");
    }
}
