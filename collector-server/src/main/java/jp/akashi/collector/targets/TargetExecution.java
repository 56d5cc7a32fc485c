package jp.akashi.collector.targets;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.ingest.IngestService;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.Ids;
import jp.akashi.probes.host.ssh.HostKeyPolicy;
import jp.akashi.probes.host.ssh.SshSettings;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.remote.RemoteResult;
import jp.akashi.probes.targets.ProbeKind;
import jp.akashi.probes.targets.TargetRunResult;
import jp.akashi.probes.targets.TargetRunner;
import jp.akashi.probes.targets.TargetSecrets;

/**
 * One run of one target: decrypt its credential, run the probes ({@link TargetRunner}), store the
 * reports through the same ingest path as agents' reports, pin the SSH host key on the first
 * successful login, and record the outcome on the target and in its history. Every failure ends
 * as a recorded outcome with a message; nothing is silently skipped.
 */
@Singleton
public class TargetExecution {
    private static final Logger LOG = LoggerFactory.getLogger(TargetExecution.class);
    static final int KEEP_RUNS = 200;

    private final Database db;
    private final TargetStore targets;
    private final CredentialStore credentialStore;
    private final CredentialService credentials;
    private final IngestService ingest;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration budget;
    private final Duration tlsTimeout;

    public TargetExecution(Database db, TargetStore targets, CredentialStore credentialStore, CredentialService credentials,
                           IngestService ingest, AuditLog audit, Clock clock,
                           TargetsProperties settings) {
        this.db = db;
        this.targets = targets;
        this.credentialStore = credentialStore;
        this.credentials = credentials;
        this.ingest = ingest;
        this.audit = audit;
        this.clock = clock;
        this.budget = settings.budget();
        this.tlsTimeout = settings.tlsTimeout();
    }

    public Duration budget() {
        return budget;
    }

    /**
     * Runs {@code t} now and records the result.
     *
     * @param abandoned set when the scheduler gave up waiting (budget exceeded): nothing is stored then
     */
    public TargetRunRecord run(Target t, String trigger, java.util.concurrent.atomic.AtomicBoolean abandoned) {
        long started = clock.millis();
        TargetSecrets secrets;
        try {
            secrets = secrets(t);
        } catch (CredentialException | Refusal e) {
            return record(t, trigger, started, TargetRunResult.Outcome.FAILED.wire(), "credential: " + e.getMessage(), List.of(), List.of());
        }
        HostKeyPolicy hostKeys = t.hostKeyFingerprint() != null ? HostKeyPolicy.pinned(t.hostKeyFingerprint()) : HostKeyPolicy.trustOnFirstUse();
        TargetRunResult result = new TargetRunner(clock, Report.SOURCE_COLLECTOR, "collector", SshSettings.DEFAULTS, tlsTimeout)
                .run(t.spec(), secrets, hostKeys, budget);
        if (abandoned.get()) {
            return null;
        }

        List<String> assetIds = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (TargetRunResult.AddressReport ar : result.reports()) {
            // a report of errors only is kept for an asset that exists (its checks turn UNKNOWN with the reason), never creates one
            boolean existing = !t.spec().isRange() && t.assetId() != null;
            if (!ar.collected() && !existing) {
                continue;
            }
            try {
                // each target with its credential is a source of its own: its facts are kept apart from the others' on a shared asset
                assetIds.add(ingest.ingestCollected(ar.report(), t.intervalSeconds(), new jp.akashi.collector.ingest.TargetSources.Collected(
                        jp.akashi.collector.ingest.TargetSources.target(t.id(), t.credentialId()), t.name())).assetId());
            } catch (Refusal e) {
                problems.add(ar.address() + ": report refused: " + e.getMessage());
            }
        }
        pin(t, result);
        String message = message(t, result, problems);
        TargetRunResult.Outcome outcome = problems.isEmpty() ? result.outcome()
                : assetIds.isEmpty() ? TargetRunResult.Outcome.FAILED : TargetRunResult.Outcome.PARTIAL;
        List<Map<String, Object>> probes = new ArrayList<>();
        for (TargetRunResult.ProbeResult p : result.probes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("probe", p.probe().wire());
            m.put("code", p.code());
            m.put("message", p.message());
            probes.add(m);
        }
        return record(t, trigger, started, outcome.wire(), message, probes, assetIds);
    }

    private TargetSecrets secrets(Target t) {
        if (t.credentialId() == null) {
            return TargetSecrets.NONE;
        }
        Credential c = db.read(h -> credentialStore.byId(h, t.credentialId()))
                .orElseThrow(() -> new CredentialException("credential " + t.credentialId() + " no longer exists"));
        return credentials.secrets(c);
    }

    /** Trust on first use: the key of the first authenticated login is pinned; later mismatches are refused by the probe. */
    private void pin(Target t, TargetRunResult r) {
        if (t.hostKeyFingerprint() != null || !r.hostKeyAuthenticated() || r.hostKey() == null) {
            return;
        }
        db.write(h -> {
            if (targets.pin(h, t, r.hostKey(), clock.millis())) {
                audit.append(h, "collector", "target.host_key_pinned", t.id(), Map.of("name", t.name(), "fingerprint", r.hostKey()));
            }
            return null;
        });
    }

    private static String message(Target t, TargetRunResult r, List<String> problems) {
        List<String> lines = new ArrayList<>();
        if (!r.message().isEmpty()) {
            lines.add(r.message());
        }
        boolean hostKeyRejected = r.probes().stream()
                .anyMatch(p -> p.probe() == ProbeKind.SSH && RemoteResult.Outcome.HOST_KEY_REJECTED.name().equals(p.code()));
        if (hostKeyRejected) {
            lines.add("The SSH host key differs from the one pinned on " + t.name() + " (" + t.hostKeyFingerprint()
                    + "). If the host was re-installed or its key changed on purpose, reset the pin (the target's page in the console, or "
                    + "POST /api/v1/targets/" + t.id() + "/reset-host-key); otherwise treat it as a possible attack.");
        }
        lines.addAll(problems);
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    private TargetRunRecord record(Target t, String trigger, long started, String outcome, String message,
                                   List<Map<String, Object>> probes, List<String> assetIds) {
        long finished = clock.millis();
        TargetRunRecord run = new TargetRunRecord(Ids.next(), t.id(), trigger, started, finished, outcome,
                message == null ? null : truncate(message), probes, assetIds);
        db.write(h -> {
            if (targets.byId(h, t.id()).isEmpty()) {
                return null; // deleted while it ran
            }
            targets.insertRun(h, run, KEEP_RUNS);
            targets.finished(h, t.id(), finished, outcome, run.message(), t.spec().isRange() || assetIds.isEmpty() ? null : assetIds.get(0));
            return null;
        });
        if ("ok".equals(outcome)) {
            LOG.info("target {} ({}): ok, {} asset(s)", t.name(), t.id(), assetIds.size());
        } else {
            LOG.warn("target {} ({}): {}: {}", t.name(), t.id(), outcome, message);
        }
        return run;
    }

    private static String truncate(String s) {
        return s.length() <= 8000 ? s : s.substring(0, 8000) + "…";
    }

    /** Records a run that could not finish within the budget (its worker is abandoned; its own timeouts end it). */
    TargetRunRecord timedOut(Target t, String trigger, long started) {
        return record(t, trigger, started, TargetRunResult.Outcome.FAILED.wire(),
                "the run did not finish within the budget of " + budget.toMinutes() + " min; nothing was stored", List.of(), List.of());
    }

    /** Records a run that ended with an unexpected error (a defect), so it is visible on the target. */
    TargetRunRecord crashed(Target t, String trigger, long started, Throwable e) {
        LOG.error("target {} ({}): run failed", t.name(), t.id(), e);
        return record(t, trigger, started, TargetRunResult.Outcome.FAILED.wire(), "internal error: " + e, List.of(), List.of());
    }
}
