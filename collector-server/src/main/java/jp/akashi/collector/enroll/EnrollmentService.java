package jp.akashi.collector.enroll;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.Secrets;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.Ids;

/**
 * Enrollment: an admin creates a token (expiry, use count); an agent trades it for its own
 * credential, of which the collector keeps only the hash. Agent credentials authenticate every
 * report afterwards and can be revoked.
 */
@Singleton
public class EnrollmentService {
    static final int MAX_USES_LIMIT = 10_000;
    static final Duration MAX_TTL = Duration.ofDays(30);
    private static final long CACHE_MILLIS = 15_000;

    private final Database db;
    private final AgentStore agents;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration defaultTtl;
    private final Map<String, CachedAgent> cache = new ConcurrentHashMap<>();

    private record CachedAgent(String agentId, long until) {
    }

    @jakarta.inject.Inject
    public EnrollmentService(Database db, AgentStore agents, AuditLog audit, Clock clock, EnrollmentProperties props) {
        this(db, agents, audit, clock, props.defaultTtl());
    }

    public EnrollmentService(Database db, AgentStore agents, AuditLog audit, Clock clock, Duration defaultTtl) {
        this.db = db;
        this.agents = agents;
        this.audit = audit;
        this.clock = clock;
        this.defaultTtl = defaultTtl;
    }

    public record NewToken(String id, String token, long expiresAt, int maxUses, String note) {
    }

    public NewToken createToken(Caller admin, Duration ttl, Integer maxUses, String note) {
        return createToken(admin, ttl, maxUses, note, null);
    }

    /** The form that carried this nonce already made its token (a reload or a second click): nothing new is made. */
    public static final class AlreadyCreated extends RuntimeException {
        AlreadyCreated() {
            super("this form already created its enrollment token", null, false, false);
        }
    }

    /**
     * @param formNonce the one-time value of the console form that asked (null from the API): a second
     *                  request with the same value is refused with {@link AlreadyCreated}
     */
    public NewToken createToken(Caller admin, Duration ttl, Integer maxUses, String note, String formNonce) {
        Duration t = ttl == null ? defaultTtl : ttl;
        if (t.isNegative() || t.isZero() || t.compareTo(MAX_TTL) > 0) {
            throw Refusal.badRequest("ttlHours: 1 to " + MAX_TTL.toHours(), "有効時間は 1〜" + MAX_TTL.toHours() + " 時間で指定してください");
        }
        int uses = maxUses == null ? 1 : maxUses;
        if (uses < 1 || uses > MAX_USES_LIMIT) {
            throw Refusal.badRequest("maxUses: 1 to " + MAX_USES_LIMIT, "使用回数は 1〜" + MAX_USES_LIMIT + " 回で指定してください");
        }
        if (note != null && note.length() > 255) {
            throw Refusal.badRequest("note: at most 255 characters", "メモは255文字以内にしてください");
        }
        String token = Secrets.newSecret(Secrets.ENROLL_PREFIX);
        String id = Ids.next();
        long now = clock.millis();
        long expires = now + t.toMillis();
        if (formNonce != null && (formNonce.length() < 16 || formNonce.length() > 64)) {
            throw Refusal.badRequest("formNonce: 16 to 64 characters", "フォームが不正です。ページを開き直してください");
        }
        try {
            db.write(h -> {
                if (formNonce != null && agents.tokenByFormNonce(h, formNonce)) {
                    throw new AlreadyCreated();
                }
                agents.insertToken(h, id, Secrets.hash(token), admin.id(), now, expires, uses, note, formNonce);
                audit.append(h, admin.actor(), "enrollment_token.create", id, Map.of("maxUses", uses, "expiresAt", expires));
                return null;
            });
        } catch (RuntimeException e) {
            // two instances raced on the same form: the unique index let one through
            if (!(e instanceof AlreadyCreated) && formNonce != null && db.read(h -> agents.tokenByFormNonce(h, formNonce))) {
                throw new AlreadyCreated();
            }
            throw e;
        }
        return new NewToken(id, token, expires, uses, note);
    }

    public List<AgentStore.EnrollmentToken> tokens() {
        return db.read(agents::tokens);
    }

    public void revokeToken(Caller admin, String id) {
        db.write(h -> {
            if (agents.revokeToken(h, id, clock.millis()) == 0) {
                throw Refusal.notFound("no active enrollment token " + id);
            }
            audit.append(h, admin.actor(), "enrollment_token.revoke", id, Map.of());
            return null;
        });
    }

    public record Enrolled(String agentId, String credential) {
    }

    /** Trades a valid token for a new agent credential. */
    public Enrolled enroll(String token, String name, String remote) {
        if (token == null || !token.startsWith(Secrets.ENROLL_PREFIX) || token.length() > 200) {
            throw new Refusal(Refusal.Kind.UNAUTHENTICATED, "invalid enrollment token");
        }
        if (name != null && name.length() > 255) {
            throw Refusal.badRequest("name: at most 255 characters");
        }
        long now = clock.millis();
        String agentId = Ids.next();
        String credential = Secrets.newSecret(Secrets.AGENT_PREFIX);
        db.write(h -> {
            AgentStore.EnrollmentToken t = agents.tokenByHash(h, Secrets.hash(token))
                    .orElseThrow(() -> new Refusal(Refusal.Kind.UNAUTHENTICATED, "invalid enrollment token"));
            if (t.revokedAt() != null) {
                throw new Refusal(Refusal.Kind.UNAUTHENTICATED, "this enrollment token was revoked");
            }
            if (t.expiresAt() < now) {
                throw new Refusal(Refusal.Kind.UNAUTHENTICATED, "this enrollment token has expired; ask an administrator for a new one");
            }
            if (!agents.useToken(h, t.id())) {
                throw new Refusal(Refusal.Kind.UNAUTHENTICATED, "this enrollment token has been used up (" + t.maxUses() + " uses)");
            }
            agents.insertAgent(h, agentId, Secrets.hash(credential), t.id(), name, now);
            audit.append(h, "agent:" + agentId, "agent.enroll", agentId,
                    Map.of("token", t.id(), "name", name == null ? "" : name, "remote", remote == null ? "" : remote));
            return null;
        });
        return new Enrolled(agentId, credential);
    }

    /** The agent a credential belongs to, unless unknown or revoked. */
    public Optional<String> authenticateAgent(String credential) {
        if (credential == null || !credential.startsWith(Secrets.AGENT_PREFIX) || credential.length() > 200) {
            return Optional.empty();
        }
        String hash = Secrets.hash(credential);
        long now = clock.millis();
        CachedAgent c = cache.get(hash);
        if (c != null && c.until() > now) {
            return Optional.of(c.agentId());
        }
        Optional<String> id = db.read(h -> agents.byCredentialHash(h, hash))
                .filter(a -> a.revokedAt() == null)
                .map(AgentStore.Agent::id);
        id.ifPresent(a -> cache.put(hash, new CachedAgent(a, now + CACHE_MILLIS)));
        return id;
    }

    public List<AgentStore.Agent> agents() {
        return db.read(agents::all);
    }

    public void revokeAgent(Caller admin, String agentId) {
        db.write(h -> {
            if (agents.revoke(h, agentId, clock.millis()) == 0) {
                throw Refusal.notFound("no active agent " + agentId);
            }
            audit.append(h, admin.actor(), "agent.revoke", agentId, Map.of());
            return null;
        });
        cache.clear();
    }
}
