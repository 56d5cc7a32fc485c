package jp.akashi.probes.linux.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.EvidenceTrail;
import jp.akashi.probes.linux.Sources;
import jp.akashi.probes.model.Evidence;

/**
 * {@code sysctl.*}: the security-relevant kernel parameters as the running kernel has them
 * ({@code /proc/sys}, one fact each; an offline image has none) and, in {@code sysctl.configured},
 * the values the boot configuration sets for them ({@link SysctlConfig}; readable from an image).
 */
public final class LinuxSysctlProbe extends PlatformProbe {
    /** The parameters watched, in the order they are reported. */
    public static final List<String> WATCHED = List.of(
            "net.ipv4.ip_forward",
            "net.ipv4.conf.all.accept_redirects", "net.ipv4.conf.default.accept_redirects",
            "net.ipv4.conf.all.send_redirects", "net.ipv4.conf.default.send_redirects",
            "net.ipv4.conf.all.accept_source_route", "net.ipv4.conf.default.accept_source_route",
            "net.ipv4.tcp_syncookies", "kernel.randomize_va_space", "kernel.dmesg_restrict", "fs.suid_dumpable");
    static final String CONFIGURED = "sysctl.configured";

    public LinuxSysctlProbe() {
        super("linux.sysctl", ProbeContext.LINUX, factKeys());
    }

    private static List<String> factKeys() {
        List<String> k = new ArrayList<>();
        WATCHED.forEach(w -> k.add("sysctl." + w));
        k.add(CONFIGURED);
        return k;
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        HostAccess h = ctx.host();
        for (String name : WATCHED) {
            String key = "sysctl." + name;
            FileRead f = h.read("/proc/sys/" + name.replace('.', '/'), 4096);
            if (!f.ok()) {
                out.failed(f, key);
                continue;
            }
            String v = f.content().strip();
            Evidence ev = Sources.of(f, name + " = " + v);
            if (v.matches("-?\\d{1,9}")) {
                long n = Long.parseLong(v);
                if (n < 0) {
                    out.error(key, "unexpected negative value " + v, ev);
                } else {
                    out.ok(key, n, ev);
                }
            } else {
                out.error(key, "not a number: " + v, ev);
            }
        }
        configured(h, out);
    }

    private static void configured(HostAccess h, FactSink out) {
        List<FileRead> files = SysctlConfig.files(h);
        List<String> unreadable = files.stream().filter(f -> !f.ok()).map(FileRead::path).toList();
        if (!unreadable.isEmpty()) {
            out.error(CONFIGURED, "cannot read " + String.join(", ", unreadable));
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
