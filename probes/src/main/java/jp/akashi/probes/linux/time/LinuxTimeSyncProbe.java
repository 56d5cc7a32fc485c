package jp.akashi.probes.linux.time;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.FileEntry;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.Processes;
import jp.akashi.probes.linux.Sources;
import jp.akashi.probes.model.Evidence;

/**
 * {@code time.sync.*}: whether the clock is
 * synchronised ({@code timedatectl}, else {@code chronyc tracking}), and which daemon systemd starts
 * at boot (the units' links under /etc/systemd/system, readable from an offline image). Which daemon
 * runs ({@code time.sync.service}) comes from the log probe's process list ({@link #service}).
 */
public final class LinuxTimeSyncProbe extends PlatformProbe {
    static final String SERVICE = "time.sync.service";
    static final String SYNCED = "time.sync.synchronized";
    static final String AT_BOOT = "time.sync.enabled_at_boot";
    static final String UNIT_DIR = "/etc/systemd/system";
    static final List<String> WANTS = List.of("multi-user.target.wants", "sysinit.target.wants", "time-set.target.wants",
            "time-sync.target.wants");

    public LinuxTimeSyncProbe() {
        super("linux.time", ProbeContext.LINUX, List.of(SYNCED, AT_BOOT));
    }

    /**
     * {@code time.sync.service} from a process list another probe has read (the log probe's: one ps
     * per collection gives every probe the same view of the host).
     */
    public static void service(Processes ps, FactSink out) {
        if (!ps.ok()) {
            out.failed(ps.source(), SERVICE);
            return;
        }
        String found = "none";
        for (String[] d : TimeSyncState.DAEMONS) {
            if (ps.running(d[0])) {
                found = d[1];
                break;
            }
        }
        out.ok(SERVICE, found, Sources.of(ps.source(), "# time synchronisation daemon: " + found));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        HostAccess h = ctx.host();
        synced(h, out);
        atBoot(h, out);
    }

    private static void synced(HostAccess h, FactSink out) {
        CommandResult t = Sources.run(h, Sources.QUICK, "timedatectl", "show", "-p", "NTPSynchronized", "--value");
        Optional<Boolean> v = t.succeeded() ? TimeSyncState.timedatectl(t.stdout()) : Optional.empty();
        if (v.isPresent()) {
            out.ok(SYNCED, v.get(), Sources.of(t, "NTPSynchronized=" + t.stdout().strip()));
            return;
        }
        CommandResult c = Sources.run(h, Sources.QUICK, "chronyc", "-n", "tracking");
        Optional<Boolean> cv = c.succeeded() ? TimeSyncState.chronyTracking(c.stdout()) : Optional.empty();
        if (cv.isPresent()) {
            out.ok(SYNCED, cv.get(), Sources.of(c, Sources.lines(c.stdout(), "^(Reference ID|Leap status|System time)")));
            return;
        }
        if (t.notFound() && c.notFound()) {
            out.unsupported(SYNCED, code("time.no_tools"));
        } else {
            CommandResult shown = t.notFound() ? c : t;
            out.error(SYNCED, code("time.no_state", shown.describeFailure()),
                    Evidence.of("cmd:" + shown.command(), shown.stdout() + shown.stderr()));
        }
    }

    private static void atBoot(HostAccess h, FactSink out) {
        if (h.stat(UNIT_DIR).isEmpty()) {
            out.unsupported(AT_BOOT, code("time.no_systemd", UNIT_DIR));
            return;
        }
        List<String> lines = new ArrayList<>();
        String found = null;
        // the targets these daemons' units are wanted by (listing every *.wants directory costs a round trip each over SSH)
        for (String wants : WANTS) {
            for (FileEntry e : h.list(UNIT_DIR + "/" + wants)) {
                for (String[] u : TimeSyncState.UNITS) {
                    if (e.name().equals(u[0])) {
                        lines.add(e.path());
                        if (found == null) {
                            found = u[1];
                        }
                    }
                }
            }
        }
        String v = found == null ? "none" : found;
        String excerpt = lines.isEmpty() ? "# no time synchronisation unit enabled in " + UNIT_DIR + "/{" + String.join(",", WANTS) + "}" : String.join("\n", lines);
        out.ok(AT_BOOT, v, Evidence.of("file:" + (lines.isEmpty() ? UNIT_DIR : lines.get(0)), excerpt, excerpt));
    }
}
