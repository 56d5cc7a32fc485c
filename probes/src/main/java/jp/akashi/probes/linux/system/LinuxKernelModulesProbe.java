package jp.akashi.probes.linux.system;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.EvidenceTrail;
import jp.akashi.probes.linux.Sources;
import jp.akashi.probes.linux.storage.LinuxStorageProbe;
import jp.akashi.probes.linux.storage.ModprobeRules;

/**
 * {@code kernel.modules.blocked}: the kernel modules that modprobe.d stops from loading
 * ({@code blacklist m}, {@code install m /bin/true}), read from files (also from an offline image);
 * {@code kernel.filesystems.available}: the file system types the running kernel can mount now
 * ({@code /proc/filesystems}: built in or loaded).
 */
public final class LinuxKernelModulesProbe extends PlatformProbe {
    static final String BLOCKED = "kernel.modules.blocked";
    static final String AVAILABLE = "kernel.filesystems.available";

    public LinuxKernelModulesProbe() {
        super("linux.modules", ProbeContext.LINUX, List.of(BLOCKED, AVAILABLE));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        HostAccess h = ctx.host();
        EvidenceTrail t = new EvidenceTrail();
        TreeSet<String> blocked = new TreeSet<>();
        List<String> unreadable = new ArrayList<>();
        String decider = LinuxStorageProbe.DIRS.get(0);
        int read = 0;
        for (String dir : LinuxStorageProbe.DIRS) {
            for (FileRead f : Sources.dropIns(h, dir, ".conf")) {
                if (!f.ok()) {
                    unreadable.add(f.path());
                    continue;
                }
                read++;
                List<String> here = ModprobeRules.blockedModules(f.content());
                if (!here.isEmpty()) {
                    decider = f.path();
                }
                blocked.addAll(here);
                t.add("file:" + f.path(), f.content(), Sources.lines(f.content(), "^\\s*(blacklist|install)\\s"));
            }
        }
        if (!unreadable.isEmpty()) {
            out.error(BLOCKED, code("fact.files_unreadable", String.join(", ", unreadable)));
        } else {
            t.note(read + " modprobe.d file(s) read in " + String.join(", ", LinuxStorageProbe.DIRS) + "; blocked: "
                    + (blocked.isEmpty() ? "none" : String.join(", ", blocked)));
            out.ok(BLOCKED, new ArrayList<>(blocked), t.build("file:" + decider));
        }
        FileRead fs = h.read("/proc/filesystems", 64 * 1024);
        if (!fs.ok()) {
            out.failed(fs, AVAILABLE);
            return;
        }
        List<String> types = parseFilesystems(fs.content());
        out.ok(AVAILABLE, types, Sources.of(fs, String.join(" ", types)));
    }

    /** Pure: the type names of {@code /proc/filesystems} ({@code nodev\tsysfs}, {@code \text4}), in order, with _ for -. */
    public static List<String> parseFilesystems(String text) {
        List<String> out = new ArrayList<>();
        for (String raw : text == null ? new String[0] : text.split("\\R")) {
            String[] f = raw.strip().split("\\s+");
            String name = f[f.length - 1];
            if (!name.isEmpty() && !name.equals("nodev")) {
                out.add(name.replace('-', '_'));
            }
        }
        return out;
    }
}
