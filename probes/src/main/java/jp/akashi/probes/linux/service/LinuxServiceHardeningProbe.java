package jp.akashi.probes.linux.service;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.InstalledPackages;
import jp.akashi.probes.linux.Sources;
import jp.akashi.probes.model.Evidence;

/**
 * {@code service.*} and {@code file.world_writable_system} on Linux: brute-force blockers that run
 * ({@code pgrep}), legacy plain-text servers installed (package database) and world-writable files
 * in system paths (one bounded {@code find}).
 */
public final class LinuxServiceHardeningProbe extends PlatformProbe {
    /** The scan gives up after this long rather than slow the whole collection down. */
    static final Duration SCAN_LIMIT = Duration.ofSeconds(3);

    public LinuxServiceHardeningProbe() {
        super("linux.services", ProbeContext.LINUX, List.of("service.bruteforce_protection", "service.legacy_installed",
                "file.world_writable_system"));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        HostAccess h = ctx.host();
        bruteForce(h, out);
        legacy(h, out);
        worldWritable(h, out);
    }

    /**
     * pgrep for the blockers only, not a second full {@code ps}: its answer does not change with every other
     * process that comes and goes meanwhile (the log probe's process list stays the one a capture replays).
     */
    private static void bruteForce(HostAccess h, FactSink out) {
        CommandResult r = h.exec(LegacyServers.PGREP, Sources.QUICK);
        // pgrep exits 1 when nothing matches: still an answer
        if (r.timedOut() || r.problem() != null || (r.exitCode() != 0 && r.exitCode() != 1)) {
            out.failed(r, "service.bruteforce_protection");
            return;
        }
        List<String> running = LegacyServers.blockersRunning(r.stdout());
        out.ok("service.bruteforce_protection", running, Sources.of(r, running.isEmpty()
                ? "# no fail2ban-server, sshguard, crowdsec or denyhosts process" : "running: " + String.join(", ", running)));
    }

    private static void legacy(HostAccess h, FactSink out) {
        InstalledPackages pkgs = InstalledPackages.lookup(h, LegacyServers.PACKAGES);
        if (!pkgs.ok()) {
            out.error("service.legacy_installed", pkgs.problemCode());
            return;
        }
        List<String> names = pkgs.packages().stream().map(InstalledPackages.Package::name)
                .filter(LegacyServers.PACKAGES::contains).distinct().toList();
        out.ok("service.legacy_installed", names, Sources.of(pkgs.source(), names.isEmpty()
                ? "# none of " + String.join(", ", LegacyServers.PACKAGES) + " is installed"
                : pkgs.packages().stream().filter(p -> names.contains(p.name())).map(p -> p.name() + " " + p.version())
                        .reduce((a, b) -> a + "\n" + b).orElse("")));
    }

    private static void worldWritable(HostAccess h, FactSink out) {
        List<String> existing = new ArrayList<>();
        for (String p : WorldWritable.PATHS) {
            if (h.stat(p).filter(e -> e.directory()).isPresent()) {
                existing.add(p);
            }
        }
        if (existing.isEmpty()) {
            out.error("file.world_writable_system", code("fact.none_exists", String.join(", ", WorldWritable.PATHS)));
            return;
        }
        CommandResult r = h.exec(WorldWritable.command(existing), SCAN_LIMIT);
        List<String> found = WorldWritable.parse(r.stdout());
        // find exits 1 when a subdirectory is unreadable; what it printed is still true
        boolean finished = !r.timedOut() && r.problem() == null && (r.exitCode() == 0 || r.exitCode() == 1);
        if (!finished && found.isEmpty()) {
            out.failed(r, "file.world_writable_system");
            return;
        }
        String head = (finished ? "" : "# scan stopped (" + r.describeFailure() + "): a partial list\n")
                + (r.exitCode() == 1 ? "# some directories could not be read: " + r.stderr().lines().limit(3).reduce((a, b) -> a + "; " + b).orElse("") + "\n" : "");
        out.ok("file.world_writable_system", found, Evidence.of("cmd:" + r.command(), r.stdout(), head + (found.isEmpty()
                ? "# no world-writable file or non-sticky directory under " + String.join(", ", existing) : String.join("\n", found))));
    }
}
