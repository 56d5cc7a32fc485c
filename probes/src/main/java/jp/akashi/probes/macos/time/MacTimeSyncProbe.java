package jp.akashi.probes.macos.time;

import static jp.akashi.probes.model.ProbeMessages.code;

import static jp.akashi.probes.macos.MacFacts.ev;

import java.util.List;
import java.util.Optional;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.macos.MacFacts;
import jp.akashi.probes.model.Evidence;

/**
 * {@code time.sync.*} on macOS. "Set time and date automatically" ({@code systemsetup
 * -getusingnetworktime}, root only) decides whether the clock follows a time server; the daemon
 * that does it (timed; ntpd on releases before High Sierra) is read from launchd's table ({@code launchctl
 * list}). macOS keeps no documented synchronisation state that could be read without asking a time
 * server (sntp does that, over the network), so {@code time.sync.synchronized} is unsupported.
 */
public final class MacTimeSyncProbe extends PlatformProbe {
    static final String SERVICE = "time.sync.service";
    static final String SYNCED = "time.sync.synchronized";
    static final String AT_BOOT = "time.sync.enabled_at_boot";
    static final String SYSTEMSETUP = "systemsetup";

    public MacTimeSyncProbe() {
        super("macos.time", ProbeContext.MACOS, List.of(SERVICE, SYNCED, AT_BOOT));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        HostAccess h = ctx.host();
        CommandResult nt = MacFacts.run(h, MacFacts.SHORT, SYSTEMSETUP, "-getusingnetworktime");
        if (!nt.succeeded()) {
            out.failed(nt, SERVICE, AT_BOOT);
            out.unsupported(SYNCED, code("time.macos_no_sync_state"));
            return;
        }
        switch (MacTimeSync.networkTime(nt.stdout() + nt.stderr())) {
            case NEEDS_ROOT -> {
                // systemsetup exits 0 with its refusal: the text says it, not the exit code
                out.error(SERVICE, code("time.systemsetup_needs_root"), ev(nt));
                out.error(AT_BOOT, code("time.systemsetup_needs_root"), ev(nt));
                out.unsupported(SYNCED, code("time.macos_no_sync_state"));
            }
            case UNKNOWN -> {
                out.error(SERVICE, code("time.systemsetup_no_state"), ev(nt));
                out.error(AT_BOOT, code("time.systemsetup_no_state"), ev(nt));
                out.unsupported(SYNCED, code("time.macos_no_sync_state"));
            }
            case OFF -> {
                // the clock is set by hand: nothing follows a time server, now or after a restart
                Evidence e = Evidence.of("cmd:" + nt.command(), nt.stdout(), nt.stdout().strip() + "\n# time synchronisation daemon: none");
                out.ok(SERVICE, "none", e);
                out.ok(AT_BOOT, "none", e);
                out.unsupported(SYNCED, code("time.macos_network_time_off"));
            }
            case ON -> networkTimeOn(h, nt, out);
        }
    }

    private static void networkTimeOn(HostAccess h, CommandResult nt, FactSink out) {
        out.unsupported(SYNCED, code("time.macos_no_sync_state"));
        CommandResult lc = MacFacts.run(h, MacFacts.SHORT, "launchctl", "list");
        if (!lc.succeeded()) {
            out.failed(lc, SERVICE, AT_BOOT);
            return;
        }
        Optional<MacTimeSync.Daemon> d;
        try {
            d = MacTimeSync.daemon(lc.stdout());
        } catch (IllegalArgumentException e) {
            out.error(SERVICE, code("fact.output_unparsed_of", "launchctl list", e.getMessage()), ev(lc));
            out.error(AT_BOOT, code("fact.output_unparsed_of", "launchctl list", e.getMessage()), ev(lc));
            return;
        }
        // the time server only documents the evidence; no fact depends on it
        CommandResult srv = MacFacts.run(h, MacFacts.SHORT, SYSTEMSETUP, "-getnetworktimeserver");
        String server = srv.succeeded() ? MacTimeSync.timeServer(srv.stdout()).map(s -> "Network Time Server: " + s).orElse("") : "";
        StringBuilder excerpt = new StringBuilder(nt.stdout().strip()).append('\n');
        if (!server.isEmpty()) {
            excerpt.append(server).append('\n');
        }
        String source = "cmd:" + nt.command() + (server.isEmpty() ? "" : "; " + srv.command()) + "; " + lc.command();
        if (d.isEmpty()) {
            excerpt.append("# launchctl list: neither com.apple.timed nor org.ntp.ntpd is loaded");
            Evidence e = Evidence.of(source, nt.stdout() + srv.stdout() + lc.stdout(), excerpt.toString());
            // the setting is on, but launchd holds no daemon that would act on it (disabled or removed)
            out.ok(SERVICE, "none", e);
            out.error(AT_BOOT, code("time.macos_no_daemon_loaded"), e);
            return;
        }
        MacTimeSync.Daemon daemon = d.get();
        excerpt.append("# launchctl list: ").append(daemon.label())
                .append(daemon.running() ? " running" : " loaded, started by launchd on demand");
        Evidence e = Evidence.of(source, nt.stdout() + srv.stdout() + lc.stdout(), excerpt.toString());
        out.ok(SERVICE, daemon.name(), e);
        // the setting is kept across restarts and launchd loads the daemon at boot
        out.ok(AT_BOOT, daemon.name(), e);
    }
}
