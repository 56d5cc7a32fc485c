package jp.akashi.probes.linux.storage;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.util.ArrayList;
import java.util.List;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.EvidenceTrail;
import jp.akashi.probes.linux.Sources;

/**
 * {@code storage.removable_write_blocked} on Linux: USB mass storage is blocked when the
 * usb-storage module is blacklisted or replaced by {@code install … /bin/false} in modprobe.d (or on
 * the kernel command line), is not loaded now, and is not built into the kernel. USBGuard and
 * desktop policies (udisks, polkit) are not evaluated.
 */
public final class LinuxStorageProbe extends PlatformProbe {
    static final String KEY = "storage.removable_write_blocked";
    public static final List<String> DIRS = List.of("/etc/modprobe.d", "/run/modprobe.d", "/usr/local/lib/modprobe.d",
            "/usr/lib/modprobe.d", "/lib/modprobe.d");
    static final String MODULE = "usb-storage";

    public LinuxStorageProbe() {
        super("linux.storage", ProbeContext.LINUX, List.of(KEY));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        HostAccess h = ctx.host();
        EvidenceTrail t = new EvidenceTrail();
        List<String> blocking = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        int read = 0;
        for (String dir : DIRS) {
            for (FileRead f : Sources.dropIns(h, dir, ".conf")) {
                if (!f.ok()) {
                    unreadable.add(f.path());
                    continue;
                }
                read++;
                List<String> b = ModprobeRules.blocking(f.content(), MODULE);
                blocking.addAll(b);
                t.add("file:" + f.path(), f.content(), String.join("\n", b));
            }
        }
        if (!unreadable.isEmpty()) {
            out.error(KEY, code("fact.files_unreadable", String.join(", ", unreadable)));
            return;
        }
        FileRead cmdline = h.read("/proc/cmdline", 64 * 1024);
        if (cmdline.ok() && ModprobeRules.blacklistedOnCmdline(cmdline.content(), MODULE)) {
            blocking.add("kernel command line modprobe.blacklist");
            t.add("file:/proc/cmdline", cmdline.content(), cmdline.content());
        }
        t.note(read + " modprobe.d file(s) read in " + String.join(", ", DIRS));
        if (blocking.isEmpty()) {
            t.note("nothing blacklists or replaces " + MODULE);
            out.ok(KEY, false, t.build("file:/etc/modprobe.d"));
            return;
        }
        FileRead modules = h.read("/proc/modules", 1024 * 1024);
        boolean loaded = modules.ok() && modules.content().lines().anyMatch(l -> l.startsWith("usb_storage "));
        t.note(modules.ok() ? "usb_storage " + (loaded ? "is loaded now" : "is not loaded") : "/proc/modules not readable");
        FileRead release = h.read("/proc/sys/kernel/osrelease", 4096);
        boolean builtin = false;
        if (release.ok()) {
            FileRead b = h.read("/lib/modules/" + release.content().strip() + "/modules.builtin", 4 * 1024 * 1024);
            builtin = b.ok() && b.content().contains("/usb-storage.ko");
            t.note(b.ok() ? "usb-storage " + (builtin ? "is built into the kernel: blacklisting cannot stop it" : "is a loadable module")
                    : "modules.builtin not readable");
        }
        out.ok(KEY, !loaded && !builtin, t.build("file:/etc/modprobe.d"));
    }
}
