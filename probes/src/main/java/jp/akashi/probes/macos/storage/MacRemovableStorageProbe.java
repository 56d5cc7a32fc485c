package jp.akashi.probes.macos.storage;

import java.util.List;
import java.util.Map;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.macos.MacPlist;

/**
 * {@code storage.removable_write_blocked} on macOS: a configuration profile's media mount
 * controls (com.apple.systemuiserver mount-controls, harddisk-external "deny" or "read-only").
 * Without such a profile nothing blocks writing; third-party device control is not visible.
 */
public final class MacRemovableStorageProbe extends PlatformProbe {
    static final String MANAGED = "/Library/Managed Preferences/com.apple.systemuiserver.plist";

    public MacRemovableStorageProbe() {
        super("macos.storage", ProbeContext.MACOS, List.of("storage.removable_write_blocked"));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        MacPlist p = MacPlist.read(ctx.host(), MANAGED);
        if (p.absent()) {
            out.ok("storage.removable_write_blocked", false, jp.akashi.probes.model.Evidence.of("file:" + MANAGED, "", "(no such profile)"));
            return;
        }
        if (!p.ok()) {
            p.fail(out, "storage.removable_write_blocked");
            return;
        }
        out.ok("storage.removable_write_blocked", blocked(p.get("mount-controls")), p.evidence());
    }

    /** Pure: whether mount-controls deny or make read-only external hard disks. */
    public static boolean blocked(Object mountControls) {
        if (!(mountControls instanceof Map<?, ?> m) || !(m.get("harddisk-external") instanceof List<?> l)) {
            return false;
        }
        return l.contains("deny") || l.contains("read-only");
    }
}
