package jp.akashi.probes.macos.net;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.util.List;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.macos.MacFacts;
import jp.akashi.probes.model.Evidence;

/** {@code net.listening*} on macOS from lsof (root sees every process's sockets). */
public final class MacListeningProbe extends PlatformProbe {

    public MacListeningProbe() {
        super("macos.net", ProbeContext.MACOS, List.of("net.listening", "net.listening_ports"));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        CommandResult tcp = MacFacts.run(ctx.host(), MacFacts.SHORT, "lsof", "-nP", "-iTCP", "-sTCP:LISTEN");
        CommandResult udp = MacFacts.run(ctx.host(), MacFacts.SHORT, "lsof", "-nP", "-iUDP");
        for (CommandResult r : List.of(tcp, udp)) {
            // lsof exits 1 with no output when nothing matches
            if (!r.succeeded() && !(r.exitCode() == 1 && r.stdout().isBlank() && !r.timedOut())) {
                out.failed(r, "net.listening", "net.listening_ports");
                return;
            }
        }
        Evidence ev = Evidence.of("cmd:lsof -nP -iTCP -sTCP:LISTEN; lsof -nP -iUDP", tcp.stdout() + udp.stdout());
        try {
            LsofListeners.Result r = LsofListeners.parse(tcp.stdout(), udp.stdout());
            out.ok("net.listening", r.sockets(), ev);
            out.ok("net.listening_ports", r.externalTcpPorts(), ev);
        } catch (IllegalArgumentException e) {
            out.error("net.listening", code("fact.output_problem", e.getMessage()), ev);
            out.error("net.listening_ports", code("fact.output_problem", e.getMessage()), ev);
        }
    }
}
