package jp.akashi.probes.linux.disk;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.Sources;

/**
 * {@code disk.system_encrypted} on Linux: whether a dm-crypt (LUKS) device lies between the disk and
 * the root file system, from lsblk's device tree. File-system level encryption (ZFS native,
 * fscrypt, eCryptfs) is not seen.
 */
public final class LinuxDiskProbe extends PlatformProbe {
    static final String KEY = "disk.system_encrypted";

    public LinuxDiskProbe() {
        super("linux.disk", ProbeContext.LINUX, List.of(KEY));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        HostAccess h = ctx.host();
        String[] rootMount = rootMount(h);
        CommandResult r = Sources.run(h, Sources.QUICK, "lsblk", "-J", "-p", "-o", "NAME,TYPE,FSTYPE,MOUNTPOINT");
        if (!r.succeeded()) {
            out.failed(r, KEY);
            return;
        }
        List<LsblkTree.Device> path;
        try {
            path = LsblkTree.pathToRoot(r.stdout(), rootMount == null ? null : rootMount[0]);
        } catch (IOException e) {
            out.error(KEY, code("fact.output_not_parsed", "lsblk", e.getMessage()), Sources.of(r));
            return;
        }
        if (path.isEmpty()) {
            String what = rootMount == null ? "unknown" : rootMount[1] + " from " + rootMount[0];
            out.unsupported(KEY, code("disk.root_not_block_device", what));
            return;
        }
        boolean crypt = path.stream().anyMatch(d -> "crypt".equals(d.type()) || "crypto_LUKS".equals(d.fstype()));
        String chain = path.stream().map(d -> d.name() + " (" + d.type() + (d.fstype() == null ? "" : ", " + d.fstype()) + ")")
                .collect(Collectors.joining(" → "));
        out.ok(KEY, crypt, Sources.of(r, "root file system: " + chain));
    }

    /** {device, fstype} of / from /proc/mounts, or null. */
    private static String[] rootMount(HostAccess h) {
        FileRead f = h.read("/proc/self/mounts", 256 * 1024);
        if (!f.ok()) {
            return null;
        }
        String[] found = null;
        for (String line : f.content().split("\\R")) {
            String[] p = line.split("\\s+");
            if (p.length >= 3 && p[1].equals("/")) {
                // the last mount on / is the one in effect
                found = new String[] {p[0], p[2]};
            }
        }
        return found;
    }
}
