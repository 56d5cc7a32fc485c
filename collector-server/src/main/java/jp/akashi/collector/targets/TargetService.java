package jp.akashi.collector.targets;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.Ids;
import jp.akashi.probes.targets.ProbeKind;
import jp.akashi.probes.targets.TargetSpec;
import jp.akashi.probes.targets.TargetSpecReader;

/**
 * Registering, changing and removing targets, with every input checked before anything is stored:
 * the target itself ({@link TargetSpec}: address or range syntax and size, probes, ports), the
 * interval (at least {@value #MIN_INTERVAL_MINUTES} minutes) and the credential (it must exist and
 * fit the probes). Every change is audited. Running is {@link TargetScheduler}'s job.
 */
@Singleton
public class TargetService {
    public static final int MIN_INTERVAL_MINUTES = 5;
    public static final int MAX_INTERVAL_MINUTES = 30 * 24 * 60;
    public static final int DEFAULT_INTERVAL_MINUTES = 60;
    static final Set<String> EXTRA = Set.of("intervalMinutes", "credentialId", "enabled");

    private final Database db;
    private final TargetStore store;
    private final CredentialStore credentials;
    private final AuditLog audit;
    private final Clock clock;
    private final jp.akashi.collector.ingest.SourceMerger merger;
    private final jp.akashi.collector.evaluate.EvaluationService evaluation;

    public TargetService(Database db, TargetStore store, CredentialStore credentials, AuditLog audit, Clock clock,
                         jp.akashi.collector.ingest.SourceMerger merger, jp.akashi.collector.evaluate.EvaluationService evaluation) {
        this.merger = merger;
        this.evaluation = evaluation;
        this.db = db;
        this.store = store;
        this.credentials = credentials;
        this.audit = audit;
        this.clock = clock;
    }

    public List<Target> all() {
        return db.read(store::all);
    }

    public Optional<Target> get(String id) {
        return db.read(h -> store.byId(h, id));
    }

    public Target require(String id) {
        return get(id).orElseThrow(() -> Refusal.notFound("no target " + id));
    }

    /** Registers a target from its JSON form ({@link TargetSpecReader} plus intervalMinutes, credentialId, enabled); it runs at the next tick. */
    public Target create(Caller caller, Map<String, Object> body) {
        Draft d = parse(body);
        long now = clock.millis();
        Target t = new Target(Ids.next(), d.spec(), d.intervalMinutes() * 60, d.credentialId(), d.enabled(), null, null, null,
                caller.name(), now, now, now, null, null, null);
        db.write(h -> {
            checkCredential(h, d);
            if (store.byName(h, d.spec().name()).isPresent()) {
                throw Refusal.conflict("a target named '" + d.spec().name() + "' exists already");
            }
            store.insert(h, t);
            audit.append(h, caller.actor(), "target.create", t.id(), describe(t));
            return null;
        });
        return t;
    }

    /** Changes the fields given (a JSON merge of the target's current form); a new address or credential drops the pinned host key. */
    public Target update(Caller caller, String id, Map<String, Object> patch) {
        if (patch == null || patch.isEmpty()) {
            throw Refusal.badRequest("JSON body with the fields to change required");
        }
        return db.write(h -> {
            Target old = store.byId(h, id).orElseThrow(() -> Refusal.notFound("no target " + id));
            Map<String, Object> merged = new LinkedHashMap<>(form(old));
            for (Map.Entry<String, Object> e : patch.entrySet()) {
                if (e.getKey().equals("options") && e.getValue() instanceof Map<?, ?> o && merged.get("options") instanceof Map<?, ?> current) {
                    Map<String, Object> opts = new LinkedHashMap<>();
                    current.forEach((k, v) -> opts.put(String.valueOf(k), v));
                    o.forEach((k, v) -> opts.put(String.valueOf(k), v));
                    merged.put("options", opts);
                } else {
                    merged.put(e.getKey(), e.getValue());
                }
            }
            Draft d = parse(merged);
            checkCredential(h, d);
            store.byName(h, d.spec().name()).filter(o -> !o.id().equals(id)).ifPresent(o -> {
                throw Refusal.conflict("a target named '" + d.spec().name() + "' exists already");
            });
            long now = clock.millis();
            boolean resetPin = !old.spec().address().equals(d.spec().address()) || !Objects.equals(old.credentialId(), d.credentialId());
            long next = d.enabled() && !old.enabled() ? now : Math.min(old.nextRunAt(), now + d.intervalMinutes() * 60_000L);
            Target t = new Target(id, d.spec(), d.intervalMinutes() * 60, d.credentialId(), d.enabled(),
                    resetPin ? null : old.hostKeyFingerprint(), resetPin ? null : old.hostKeyPinnedAt(), old.assetId(), old.createdBy(),
                    old.createdAt(), now, next, old.lastRunAt(), old.lastOutcome(), old.lastMessage());
            store.update(h, t, resetPin);
            Map<String, Object> details = describe(t);
            details.put("changed", patch.keySet().stream().sorted().toList());
            if (resetPin && old.hostKeyFingerprint() != null) {
                details.put("hostKeyPinReset", true);
            }
            audit.append(h, caller.actor(), "target.update", id, details);
            return t;
        });
    }

    public void delete(Caller caller, String id) {
        List<String> fed = db.write(h -> {
            Target t = store.byId(h, id).orElseThrow(() -> Refusal.notFound("no target " + id));
            store.delete(h, id);
            // its facts leave the assets it fed; what their other sources proved stays
            List<String> assets = merger.forgetTarget(h, id, clock.millis());
            audit.append(h, caller.actor(), "target.delete", id, Map.of("name", t.name(), "address", t.spec().address()));
            return assets;
        });
        fed.forEach(evaluation::assetChanged);
    }

    /** Forgets the pinned SSH host key: the next successful login pins the key the host presents then. */
    public Target resetHostKey(Caller caller, String id) {
        return db.write(h -> {
            Target t = store.byId(h, id).orElseThrow(() -> Refusal.notFound("no target " + id));
            if (!t.spec().has(ProbeKind.SSH)) {
                throw Refusal.badRequest("target '" + t.name() + "' does not use SSH: it has no host key");
            }
            store.resetPin(h, id);
            audit.append(h, caller.actor(), "target.host_key_reset", id,
                    Map.of("name", t.name(), "previous", t.hostKeyFingerprint() == null ? "" : t.hostKeyFingerprint()));
            return store.byId(h, id).orElseThrow();
        });
    }

    public List<TargetRunRecord> runs(String id, int limit) {
        require(id);
        return db.read(h -> store.runs(h, id, Math.max(1, Math.min(limit, 200))));
    }

    /** The JSON form of a target (what {@link #create} takes), for editing. */
    public static Map<String, Object> form(Target t) {
        Map<String, Object> m = new LinkedHashMap<>(TargetSpecReader.write(t.spec()));
        m.put("intervalMinutes", t.intervalSeconds() / 60);
        m.put("credentialId", t.credentialId());
        m.put("enabled", t.enabled());
        return m;
    }

    private record Draft(TargetSpec spec, int intervalMinutes, String credentialId, boolean enabled) {
    }

    private static Draft parse(Map<String, Object> body) {
        if (body == null) {
            throw Refusal.badRequest("JSON body required");
        }
        body = withTypedName(body);
        TargetSpec spec;
        try {
            spec = TargetSpecReader.read(body, EXTRA);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("name")) {
                throw Refusal.badRequest(e.getMessage(), "名前は 1〜128 文字で、文字・数字・空白と . _ @ : / ( ) - で入力してください"
                        + "（全角の英数字・空白・括弧はそのまま使えます）");
            }
            throw Refusal.badRequest(e.getMessage());
        }
        Object iv = body.get("intervalMinutes");
        int interval = DEFAULT_INTERVAL_MINUTES;
        if (iv != null) {
            if (!(iv instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                    || n.longValue() < MIN_INTERVAL_MINUTES || n.longValue() > MAX_INTERVAL_MINUTES) {
                throw Refusal.badRequest("intervalMinutes must be a whole number of minutes, " + MIN_INTERVAL_MINUTES
                        + ".." + MAX_INTERVAL_MINUTES + " (30 days)", "収集間隔は " + MIN_INTERVAL_MINUTES + "〜" + MAX_INTERVAL_MINUTES
                        + " 分（30日）の整数で指定してください");
            }
            interval = n.intValue();
        }
        Object cred = body.get("credentialId");
        if (cred != null && !(cred instanceof String)) {
            throw Refusal.badRequest("credentialId must be a string");
        }
        Object enabled = body.get("enabled");
        if (enabled != null && !(enabled instanceof Boolean)) {
            throw Refusal.badRequest("enabled must be true or false");
        }
        return new Draft(spec, interval, (String) cred, enabled == null || (Boolean) enabled);
    }

    /**
     * The body with the target's name in its NFKC form, as people type it on a Japanese keyboard:
     * a full-width space, full-width letters, digits and brackets ({@code 本社　サーバー（旧）}) are
     * the same name as their half-width forms ({@code 本社 サーバー(旧)}), which the target
     * rules allow; without this a name typed in full width was refused.
     */
    static Map<String, Object> withTypedName(Map<String, Object> body) {
        if (!(body.get("name") instanceof String name)) {
            return body;
        }
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put("name", java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKC));
        return copy;
    }

    private void checkCredential(org.jdbi.v3.core.Handle h, Draft d) {
        boolean ssh = d.spec().has(ProbeKind.SSH);
        boolean snmp = d.spec().has(ProbeKind.SNMP);
        if (d.credentialId() == null) {
            if (ssh || snmp) {
                throw Refusal.badRequest("credentialId is required: " + (ssh ? "ssh needs an ssh-password or ssh-key credential"
                        : "snmp needs an snmp credential (community and/or v3 user)"),
                        ssh ? "SSH による収集には SSH の資格情報（パスワードか鍵）を選んでください"
                                : "SNMP による収集には SNMP の資格情報を選んでください");
            }
            return;
        }
        if (!ssh && !snmp) {
            throw Refusal.badRequest("credentialId is only used by the ssh and snmp probes; ports and tls need none",
                    "資格情報を使うのは SSH と SNMP だけです。ポートと TLS の走査には資格情報は不要です");
        }
        Credential c = credentials.byId(h, d.credentialId())
                .orElseThrow(() -> Refusal.badRequest("no credential " + d.credentialId(), "選んだ資格情報はありません"));
        if (ssh && !c.isSsh()) {
            throw Refusal.badRequest("credential '" + c.name() + "' is " + c.kind() + ": ssh needs ssh-password or ssh-key",
                    "資格情報「" + c.name() + "」は " + c.kind() + " です。SSH にはパスワードか鍵の資格情報が必要です");
        }
        if (snmp && !Credential.SNMP.equals(c.kind())) {
            throw Refusal.badRequest("credential '" + c.name() + "' is " + c.kind() + ": snmp needs an snmp credential",
                    "資格情報「" + c.name() + "」は " + c.kind() + " です。SNMP には SNMP の資格情報が必要です");
        }
    }

    private static Map<String, Object> describe(Target t) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", t.name());
        d.put("address", t.spec().address());
        d.put("probes", t.spec().probes().stream().sorted().map(ProbeKind::wire).toList());
        d.put("intervalMinutes", t.intervalSeconds() / 60);
        d.put("credentialId", t.credentialId() == null ? "" : t.credentialId());
        d.put("enabled", t.enabled());
        return d;
    }
}
