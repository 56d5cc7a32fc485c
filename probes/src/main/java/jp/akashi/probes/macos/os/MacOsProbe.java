package jp.akashi.probes.macos.os;

import static jp.akashi.probes.model.ProbeMessages.code;

import static jp.akashi.probes.macos.MacFacts.ev;
import static jp.akashi.probes.macos.MacFacts.put;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.model.Evidence;

/**
 * {@code os.*} on macOS: sw_vers, uname, the platform expert (hardware UUID, model) from ioreg,
 * kern.boottime and kern.hv_vmm_present. Support status is decided by the collector's
 * end-of-life table from {@code os.version}/{@code os.macos.major}.
 */
public final class MacOsProbe extends PlatformProbe {
    private static final Duration SHORT = jp.akashi.probes.macos.MacFacts.SHORT;

    public MacOsProbe() {
        super("macos.os", ProbeContext.MACOS, List.of("os.family", "os.name", "os.version", "os.kernel", "os.arch", "os.hostname", "os.machine_id",
                "os.hardware.uuid", "os.hardware.vendor", "os.hardware.model", "os.virtualization", "os.uptime_seconds",
                "os.macos.build", "os.macos.major", "os.macos.codename"));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        HostAccess h = ctx.host();
        out.ok("os.family", "macos", null);

        CommandResult sw = h.exec(List.of("sw_vers"), SHORT);
        if (sw.succeeded()) {
            Map<String, String> v = MacSystemInfo.swVers(sw.stdout());
            Evidence ev = ev(sw);
            put(out, "os.name", v.get("ProductName"), ev, "sw_vers printed no ProductName");
            put(out, "os.version", v.get("ProductVersion"), ev, "sw_vers printed no ProductVersion");
            put(out, "os.macos.build", v.get("BuildVersion"), ev, "sw_vers printed no BuildVersion");
            Integer major = MacSystemInfo.major(v.get("ProductVersion"));
            put(out, "os.macos.major", major == null ? null : Long.valueOf(major), ev, "ProductVersion is not a version number");
            put(out, "os.macos.codename", MacSystemInfo.codename(major), ev, "no codename known for macOS " + major);
        } else {
            out.failed(sw, "os.name", "os.version", "os.macos.build", "os.macos.major", "os.macos.codename");
        }

        CommandResult un = h.exec(List.of("uname", "-r", "-m", "-n"), SHORT);
        String[] parts = un.succeeded() ? un.stdout().strip().split("\\s+") : new String[0];
        if (parts.length == 3) {
            out.ok("os.hostname", parts[0], ev(un));
            out.ok("os.kernel", parts[1], ev(un));
            out.ok("os.arch", parts[2], ev(un));
        } else if (!un.succeeded()) {
            out.failed(un, "os.hostname", "os.kernel", "os.arch");
        } else {
            for (String k : List.of("os.hostname", "os.kernel", "os.arch")) {
                out.error(k, code("os.uname_unexpected"), ev(un));
            }
        }

        CommandResult io = h.exec(List.of("ioreg", "-rd1", "-c", "IOPlatformExpertDevice"), SHORT);
        String model = null;
        if (io.succeeded()) {
            Map<String, String> p = MacSystemInfo.ioreg(io.stdout());
            Evidence ev = ev(io);
            model = p.get("model");
            put(out, "os.machine_id", p.get("IOPlatformUUID"), ev, "ioreg shows no IOPlatformUUID");
            put(out, "os.hardware.uuid", p.get("IOPlatformUUID"), ev, "ioreg shows no IOPlatformUUID");
            put(out, "os.hardware.vendor", p.get("manufacturer"), ev, "ioreg shows no manufacturer");
            put(out, "os.hardware.model", model, ev, "ioreg shows no model");
        } else {
            out.failed(io, "os.machine_id", "os.hardware.uuid", "os.hardware.vendor", "os.hardware.model");
        }

        CommandResult hv = h.exec(List.of("sysctl", "-n", "kern.hv_vmm_present"), SHORT);
        String virt = hv.succeeded() ? MacSystemInfo.virtualization(hv.stdout(), model) : null;
        if (!hv.succeeded()) {
            out.failed(hv, "os.virtualization");
        } else {
            put(out, "os.virtualization", virt, ev(hv), "unexpected kern.hv_vmm_present value");
        }

        CommandResult bt = h.exec(List.of("sysctl", "-n", "kern.boottime"), SHORT);
        Instant boot = bt.succeeded() ? MacSystemInfo.bootTime(bt.stdout()) : null;
        Instant now = ctx.clock().instant();
        if (!bt.succeeded()) {
            out.failed(bt, "os.uptime_seconds");
        } else if (boot == null || boot.isAfter(now)) {
            out.error("os.uptime_seconds", code("os.boottime_unexpected"), ev(bt));
        } else {
            out.ok("os.uptime_seconds", Duration.between(boot, now).toSeconds(), ev(bt));
        }
    }
}
