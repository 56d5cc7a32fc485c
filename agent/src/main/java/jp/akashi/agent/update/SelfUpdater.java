package jp.akashi.agent.update;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jp.akashi.agent.AgentMain;
import jp.akashi.agent.config.AgentConfig;
import jp.akashi.agent.config.AgentPaths;
import jp.akashi.agent.transport.CollectorClient;
import jp.akashi.probes.update.Versions;

/**
 * The daemon's self-update (docs/DEPLOY-LINUX.md, "Self-update"). After each round it looks at
 * the collector's latest offer; a newer version it has not declined is downloaded, checked
 * ({@link PackageCheck}: hash, signature, version) and installed over the agent's jar, keeping
 * the previous jar. The new version is then on probation: the daemon (still the old code) runs
 * its rounds as child processes of the new jar; the first round that delivers confirms it and
 * the daemon exits with {@link AgentMain#EXIT_RESTART} so the service manager starts the new
 * version. If no round of the new version delivers within two intervals, the previous jar is put
 * back and the version is declined. Spool, state and enrolment are never touched.
 */
public final class SelfUpdater {
    /** The largest package accepted. */
    static final long MAX_PACKAGE_BYTES = 256L * 1024 * 1024;

    /** What the daemon does next. */
    public enum Next {
        /** Carry on as scheduled. */
        CONTINUE,
        /** A new version was installed: run a round now to see it report. */
        ROUND_NOW,
        /** Exit with {@link AgentMain#EXIT_RESTART}: the service manager starts the installed version. */
        RESTART
    }

    private final AgentConfig config;
    private final AgentPaths paths;
    private final Path jar;
    private final Clock clock;
    private final PrintStream log;
    private final String running;
    private final boolean windows;

    /**
     * @param jar the agent jar the service runs (null when not running from a jar: no self-update)
     * @param running the version of this process's code
     */
    public SelfUpdater(AgentConfig config, AgentPaths paths, Path jar, Clock clock, PrintStream log, String running) {
        this.config = config;
        this.paths = paths;
        this.jar = jar;
        this.clock = clock;
        this.log = log;
        this.running = running;
        this.windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
    }

    public boolean onProbation() {
        return UpdateState.load(paths.stateDir()).probation() != null;
    }

    /** When a version on probation is rolled back if it has not reported, if one is. */
    public java.util.Optional<Instant> probationDeadline() {
        UpdateState.Probation p = UpdateState.load(paths.stateDir()).probation();
        try {
            return p == null ? java.util.Optional.empty() : java.util.Optional.of(Instant.parse(p.deadline()));
        } catch (java.time.format.DateTimeParseException e) {
            return java.util.Optional.of(clock.instant());
        }
    }

    /**
     * @param code the round's exit code
     * @param collected whether the round collected (a delivery-only round proves less, but counts
     *                  when it delivered: the new jar talked to the collector)
     */
    public Next afterRound(int code, boolean collected) throws IOException {
        UpdateState s = UpdateState.load(paths.stateDir());
        if (s.probation() != null) {
            return probation(s, code);
        }
        UpdateOffer o = s.offer();
        if (o == null || jar == null || !Versions.older(running, o.version()) || s.declined().contains(o.sha256())
                || s.held(clock.instant())) {
            return Next.CONTINUE;
        }
        return tryInstall(s, o);
    }

    private Next probation(UpdateState s, int code) throws IOException {
        UpdateState.Probation p = s.probation();
        if (code == AgentMain.EXIT_OK) {
            log.println("self-update: version " + p.to() + " reported; the update to it is complete");
            s.withProbation(null).withOutcome(outcome(UpdateState.Outcome.UPDATED, p.to(), p.from(), null)).save(paths.stateDir());
            return running.equals(p.to()) ? Next.CONTINUE : Next.RESTART;
        }
        if (clock.instant().isBefore(Instant.parse(p.deadline()))) {
            return Next.CONTINUE;
        }
        Path installed = Path.of(p.jar());
        try {
            JarSwap.rollBack(installed);
        } catch (IOException e) {
            log.println("self-update: cannot put " + JarSwap.previous(installed) + " back yet (" + e.getMessage() + "); trying again after the next round");
            return Next.CONTINUE;
        }
        refreshClassArchive(installed);
        String why = "version " + p.to() + " did not report within two intervals (by " + p.deadline() + "; last exit " + code
                + "); rolled back to " + p.from();
        log.println("self-update: " + why);
        s.withProbation(null).declining(p.sha256()).withOutcome(outcome(UpdateState.Outcome.ROLLED_BACK, p.to(), p.from(), why))
                .save(paths.stateDir());
        // the old version reports the rollback at once
        return running.equals(p.from()) ? Next.ROUND_NOW : Next.RESTART;
    }

    private Next tryInstall(UpdateState s, UpdateOffer o) throws IOException {
        if (windows) {
            // the service's JVM holds its jar open and Windows will not rename over it: say so once, download nothing
            return refused(s, o, "self-update is not supported on Windows (the running service's jar cannot be replaced);"
                    + " run the newer package's install-agent.ps1", true);
        }
        log.println("self-update: the collector offers version " + o.version() + " (" + o.file() + "); downloading");
        Path part = paths.stateDir().resolve("update-download.part");
        try {
            CollectorClient client = new CollectorClient(config.server(), config.fingerprint(), running);
            PublicKey key;
            try {
                key = UpdateKey.pinnedOrFetch(paths.configDir(), client);
            } catch (IOException | GeneralSecurityException e) {
                // transient (or a garbled key file): tried again later
                return refused(s, o, "cannot read the collector's signing key: " + e.getMessage(), false);
            }
            try {
                client.download(o.url(), part, MAX_PACKAGE_BYTES);
            } catch (IOException e) {
                return refused(s, o, "download failed: " + e.getMessage(), false);
            }
            try {
                PackageCheck.verify(part, o, key);
            } catch (PackageCheck.HashMismatch e) {
                // the file on the collector is not the one allowed (changed, or being replaced): tried again later
                return refused(s, o, e.getMessage(), false);
            } catch (PackageCheck.Refused e) {
                return refused(s, o, e.getMessage(), true);
            }
            try {
                JarSwap.install(part, jar);
            } catch (IOException e) {
                // e.g. a read-only installation, or Windows refusing to replace a jar in use: the old jar stays
                return refused(s, o, "cannot replace " + jar + ": " + e.getMessage(), false);
            }
            refreshClassArchive(jar);
        } catch (GeneralSecurityException e) {
            return refused(s, o, "TLS set-up failed: " + e.getMessage(), false);
        } finally {
            Files.deleteIfExists(part);
        }
        Instant deadline = clock.instant().plus(Duration.ofSeconds(2L * config.interval()));
        log.println("self-update: installed " + o.version() + " over " + jar + " (previous kept as " + JarSwap.previous(jar)
                + "); on probation until " + deadline);
        s.withProbation(new UpdateState.Probation(running, o.version(), o.sha256(), jar.toString(), JarSwap.previous(jar).toString(),
                deadline.toString())).save(paths.stateDir());
        return Next.ROUND_NOW;
    }

    /**
     * The packaged agent's AppCDS archive belongs to one jar (path, size, time): after the jar
     * changed, {@code lib/cds.sh} dumps it again (without it the JVM only starts slower).
     */
    private void refreshClassArchive(Path installedJar) {
        Path cds = installedJar.resolveSibling("cds.sh");
        if (!Files.isRegularFile(cds)) {
            return;
        }
        try {
            Process p = new ProcessBuilder("sh", cds.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)) {
                p.destroyForcibly();
                log.println("self-update: " + cds + " took too long; the agent runs without its class archive");
            }
        } catch (IOException e) {
            log.println("self-update: cannot run " + cds + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Next refused(UpdateState s, UpdateOffer o, String why, boolean forGood) throws IOException {
        Instant retry = clock.instant().plus(Duration.ofSeconds(config.interval()));
        log.println("self-update: refused version " + o.version() + ": " + why + (forGood ? "" : " (tried again after " + retry + ")"));
        UpdateState next = s.withOutcome(outcome(UpdateState.Outcome.REFUSED, o.version(), running, why));
        (forGood ? next.declining(o.sha256()) : next.holdingUntil(retry.toString())).save(paths.stateDir());
        return Next.CONTINUE;
    }

    private UpdateState.Outcome outcome(String state, String version, String from, String detail) {
        return new UpdateState.Outcome(state, version, from, detail == null ? null : detail.substring(0, Math.min(900, detail.length())),
                clock.instant().toString());
    }
}
