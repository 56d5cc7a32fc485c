package jp.akashi.probes.linux.system;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.util.List;
import java.util.Optional;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.Sources;
import jp.akashi.probes.model.Evidence;

/**
 * {@code system.tmp.*}: whether {@code /tmp} is a file system of its own and with which options:
 * as mounted now (the running system's mount table) and as mounted at boot ({@code /etc/fstab},
 * else an enabled systemd {@code tmp.mount}; readable from an offline image).
 */
public final class LinuxTmpMountProbe extends PlatformProbe {
    static final String SEPARATE = "system.tmp.separate";
    static final String OPTIONS = "system.tmp.options";
    static final String CONFIGURED = "system.tmp.configured";
    static final String CONFIGURED_OPTIONS = "system.tmp.configured_options";
    static final List<String> UNITS = List.of("/etc/systemd/system/tmp.mount", "/etc/systemd/system/local-fs.target.wants/tmp.mount",
            "/usr/lib/systemd/system/local-fs.target.wants/tmp.mount", "/lib/systemd/system/local-fs.target.wants/tmp.mount");

    public LinuxTmpMountProbe() {
        super("linux.tmp", ProbeContext.LINUX, List.of(SEPARATE, OPTIONS, CONFIGURED, CONFIGURED_OPTIONS));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        HostAccess h = ctx.host();
        FileRead mounts = h.read("/proc/self/mounts", 1024 * 1024);
        if (mounts.ok()) {
            report(out, SEPARATE, OPTIONS, TmpMount.find(mounts.content()), mounts, "the running system's mount table");
        } else {
            out.failed(mounts, SEPARATE, OPTIONS);
        }
        FileRead fstab = Sources.config(h, "/etc/fstab");
        Optional<TmpMount.Entry> e = fstab.ok() ? TmpMount.find(fstab.content()) : Optional.empty();
        if (e.isPresent()) {
            report(out, CONFIGURED, CONFIGURED_OPTIONS, e, fstab, "/etc/fstab");
            return;
        }
        for (String u : UNITS) {
            FileRead unit = Sources.config(h, u);
            if (unit.ok()) {
                report(out, CONFIGURED, CONFIGURED_OPTIONS, TmpMount.fromUnit(unit.content()), unit, "systemd " + u);
                return;
            }
        }
        if (!fstab.ok() && fstab.status() != FileRead.Status.NOT_FOUND) {
            out.failed(fstab, CONFIGURED, CONFIGURED_OPTIONS);
            return;
        }
        report(out, CONFIGURED, CONFIGURED_OPTIONS, Optional.empty(), fstab, "/etc/fstab or an enabled tmp.mount");
    }

    private static void report(FactSink out, String separate, String options, Optional<TmpMount.Entry> e, FileRead f, String from) {
        String excerpt = e.map(TmpMount.Entry::line).orElse("# no file system mounted on /tmp in " + from + ": /tmp is part of /");
        Evidence ev = f.ok() ? Sources.of(f, excerpt) : Evidence.of("probe:linux.tmp", "", excerpt);
        out.ok(separate, e.isPresent(), ev);
        if (e.isPresent()) {
            out.ok(options, e.get().options(), ev);
        } else {
            out.unsupported(options, code("tmp.not_separate", from));
        }
    }
}
