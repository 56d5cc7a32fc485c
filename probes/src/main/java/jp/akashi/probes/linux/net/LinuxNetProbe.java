package jp.akashi.probes.linux.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.EvidenceTrail;
import jp.akashi.probes.linux.Sources;
import jp.akashi.probes.model.Evidence;

/**
 * {@code net.listening*} on Linux from {@code ss -H -tulpn} (owning processes are visible only to
 * root), or from /proc/net when ss is missing or fails.
 */
public final class LinuxNetProbe extends PlatformProbe {
    private static final List<String> PROC_FILES = List.of("tcp", "tcp6", "udp", "udp6");

    public LinuxNetProbe() {
        super("linux.net", ProbeContext.LINUX, List.of("net.listening", "net.listening_ports"));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        HostAccess h = ctx.host();
        CommandResult ss = Sources.run(h, Sources.QUICK, "ss", "-H", "-tulpn");
        if (!ss.succeeded() && !ss.notFound() && !ss.timedOut()) {
            // ss older than iproute2 4.17 has no -H; the parser skips the header line instead
            ss = Sources.run(h, Sources.QUICK, "ss", "-tulpn");
        }
        if (ss.succeeded()) {
            SsListeners.Result r = SsListeners.parse(ss.stdout());
            if (r.unparsed() == 0) {
                record(out, r.listeners(), Sources.of(ss));
                return;
            }
        }
        // ss missing, failing, or printing something new: the kernel's own tables
        EvidenceTrail t = new EvidenceTrail().note("ss: " + (ss.succeeded() ? "output not understood" : ss.describeFailure()));
        List<Listener> all = new ArrayList<>();
        int read = 0;
        for (String name : PROC_FILES) {
            FileRead f = h.read("/proc/net/" + name);
            if (f.ok()) {
                read++;
                all.addAll(ProcNetListeners.parse(name, f.content()));
                t.add("file:/proc/net/" + name, f.content(), null);
            } else if (name.equals("tcp")) {
                out.failed(f, "net.listening", "net.listening_ports");
                return;
            }
        }
        t.note(read + " of /proc/net/{tcp,tcp6,udp,udp6} read; owning processes are not listed there");
        all.sort(Listener.ORDER);
        record(out, all, t.build("file:/proc/net/tcp"));
    }

    private static void record(FactSink out, List<Listener> listeners, Evidence ev) {
        List<Map<String, Object>> items = listeners.stream().map(Listener::toMap).toList();
        out.ok("net.listening", items, ev);
        TreeSet<Long> ports = new TreeSet<>();
        for (Listener l : listeners) {
            if (l.tcp() && !l.loopback()) {
                ports.add((long) l.port());
            }
        }
        out.ok("net.listening_ports", new ArrayList<>(ports), ev);
    }
}
