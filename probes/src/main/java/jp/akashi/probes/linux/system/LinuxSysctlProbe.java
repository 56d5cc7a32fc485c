package jp.akashi.probes.linux.system;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.EvidenceTrail;
import jp.akashi.probes.linux.Sources;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;

/**
 * {@code sysctl.*}: the security-relevant kernel parameters as the running kernel has them
 * (one {@code sysctl} run, else {@code /proc/sys}; one fact each; an offline image has none) and, in {@code sysctl.configured},
 * the values the boot configuration sets for them ({@link SysctlConfig}; readable from an image).
 */
public final class LinuxSysctlProbe extends PlatformProbe {
    private static final String IPV6_OFF = "net.ipv6.conf.all.disable_ipv6";
    /** The parameters watched, in the order they are reported. */
    public static final List<String> WATCHED = List.of(
            "net.ipv4.ip_forward",
            "net.ipv4.conf.all.accept_redirects", "net.ipv4.conf.default.accept_redirects",
            "net.ipv4.conf.all.send_redirects", "net.ipv4.conf.default.send_redirects",
            "net.ipv4.conf.all.accept_source_route", "net.ipv4.conf.default.accept_source_route",
            "net.ipv4.tcp_syncookies", "kernel.randomize_va_space", "kernel.dmesg_restrict", "fs.suid_dumpable",
            // IPv6 has its own forwarding, redirect and source-route switches (a host hardened for IPv4 only stays open)
            IPV6_OFF, "net.ipv6.conf.all.forwarding",
            "net.ipv6.conf.all.accept_redirects", "net.ipv6.conf.default.accept_redirects",
            "net.ipv6.conf.all.accept_source_route", "net.ipv6.conf.default.accept_source_route");
    static final String CONFIGURED = "sysctl.configured";
    /** {@code kernel.ipv6}: enabled, disabled (on every interface) or absent (a kernel without IPv6, e.g. ipv6.disable=1). */
    static final String IPV6 = "kernel.ipv6";

    public LinuxSysctlProbe() {
        super("linux.sysctl", ProbeContext.LINUX, factKeys());
    }

    private static List<String> factKeys() {
        List<String> k = new ArrayList<>();
        WATCHED.forEach(w -> k.add("sysctl." + w));
        k.add(CONFIGURED);
        k.add(IPV6);
        return k;
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        HostAccess h = ctx.host();
        // one sysctl run instead of a read per parameter: over SSH every read is a round trip
        List<String> argv = new ArrayList<>(List.of("sysctl"));
        argv.addAll(WATCHED);
        CommandResult r = h.exec(argv, Sources.QUICK);
        if (r.notFound() || r.timedOut() || r.exitCode() < 0) {
            running(h, out);
            String proc = "/proc/sys/" + IPV6_OFF.replace('.', '/');
            ipv6(out, Evidence.of("file:" + proc, ""));
        } else {
            Map<String, String> values = parseSysctl(r.stdout());
            for (String name : WATCHED) {
                String v = values.get(name);
                if (v == null) {
                    out.unsupported("sysctl." + name, code("sysctl.kernel_lacks", name, r.command(),
                            Sources.lines(r.stderr(), name).strip()));
                } else {
                    put(out, "sysctl." + name, name, v, Sources.of(r, name + " = " + v));
                }
            }
            ipv6(out, Evidence.of("cmd:" + r.command(), r.stderr(), Sources.lines(r.stderr(), IPV6_OFF).strip()));
        }
        configured(h, out);
    }

    /**
     * Whether the running kernel has IPv6, from {@code disable_ipv6}, which every IPv6 kernel has:
     * a kernel that lacks it (no /proc/sys/net/ipv6 tree) has no IPv6 at all, so its IPv6 switches
     * cannot be set and do not matter. {@code lacking} is what showed the absence (sysctl's complaint
     * or the missing file). Unknown when the value could not be read, or when the IPv4 switches were
     * missing too (no readable /proc/sys, e.g. a capture or a restricted container, proves nothing).
     */
    private static void ipv6(FactSink out, Evidence lacking) {
        Fact off = out.facts().stream().filter(f -> f.key().equals("sysctl." + IPV6_OFF)).findFirst().orElse(null);
        if (off == null) {
            return;
        }
        // a missing IPv6 switch proves a kernel without IPv6 only where the IPv4 ones were there to read
        boolean sysReadable = out.facts().stream().anyMatch(f -> f.key().equals("sysctl.net.ipv4.ip_forward") && f.status() == FactStatus.OK);
        switch (off.status()) {
            case OK -> out.ok(IPV6, Long.valueOf(1L).equals(off.value()) ? "disabled" : "enabled", off.evidence());
            case UNSUPPORTED -> {
                if (sysReadable) {
                    out.ok(IPV6, "absent", lacking);
                } else {
                    out.unsupported(IPV6, code("sysctl.ipv6_unknown", off.message()));
                }
            }
            default -> out.error(IPV6, code("sysctl.ipv6_unknown", off.message()));
        }
    }

    /** Without the sysctl program: the same values read from /proc/sys one by one. */
    private static void running(HostAccess h, FactSink out) {
        for (String name : WATCHED) {
            String key = "sysctl." + name;
            FileRead f = h.read("/proc/sys/" + name.replace('.', '/'), 4096);
            if (!f.ok()) {
                out.failed(f, key);
                continue;
            }
            String v = f.content().strip();
            put(out, key, name, v, Sources.of(f, name + " = " + v));
        }
    }

    private static void put(FactSink out, String key, String name, String v, Evidence ev) {
        if (v.matches("\\d{1,9}")) {
            out.ok(key, Long.parseLong(v), ev);
        } else {
            out.error(key, code("fact.not_a_number", name, v), ev);
        }
    }

    /** Pure: {@code name = value} lines of sysctl's output. */
    static Map<String, String> parseSysctl(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String raw : text == null ? new String[0] : text.split("\\R")) {
            int eq = raw.indexOf('=');
            if (eq > 0) {
                m.put(raw.substring(0, eq).strip(), raw.substring(eq + 1).strip());
            }
        }
        return m;
    }

    private static void configured(HostAccess h, FactSink out) {
        List<FileRead> files = SysctlConfig.files(h);
        List<String> unreadable = files.stream().filter(f -> !f.ok()).map(FileRead::path).toList();
        if (!unreadable.isEmpty()) {
            out.error(CONFIGURED, code("fact.files_unreadable", String.join(", ", unreadable)));
            return;
        }
        Map<String, SysctlConfig.Setting> all = SysctlConfig.parse(files);
        Map<String, Object> value = new LinkedHashMap<>();
        EvidenceTrail t = new EvidenceTrail();
        for (FileRead f : files) {
            t.add("file:" + f.path(), f.content(), "");
        }
        String decider = files.isEmpty() ? SysctlConfig.DIRS.get(0) : files.get(0).path();
        for (String name : WATCHED) {
            SysctlConfig.Setting s = all.get(name);
            if (s == null) {
                continue;
            }
            decider = s.file();
            value.put(name, s.value().matches("\\d{1,9}") ? (Object) Long.parseLong(s.value()) : s.value());
            t.note(s.file() + ": " + s.line());
        }
        t.note(files.size() + " file(s) read (" + String.join(", ", SysctlConfig.DIRS) + ", " + SysctlConfig.MAIN
                + "); watched parameters they do not set keep the kernel's default");
        out.ok(CONFIGURED, value, t.build("file:" + decider));
    }
}
