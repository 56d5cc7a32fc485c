package jp.akashi.probes.windows.storage;

import java.util.List;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.windows.WinSection;
import jp.akashi.probes.windows.WindowsInventory;

/** {@code storage.removable_write_blocked} on Windows (see {@link RemovableStoragePolicy}). */
public final class WindowsRemovableStorageProbe extends PlatformProbe {

    public WindowsRemovableStorageProbe() {
        super("windows.storage", ProbeContext.WINDOWS, List.of("storage.removable_write_blocked", "storage.windows.removable_policy"));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        WinSection s = WindowsInventory.of(ctx).section("removable");
        if (!s.ok()) {
            s.fail(out, keys().toArray(String[]::new));
            return;
        }
        RemovableStoragePolicy p = RemovableStoragePolicy.of(s.data());
        out.ok("storage.removable_write_blocked", p.writeBlocked(), s.evidence());
        out.ok("storage.windows.removable_policy", p.detail(), s.evidence());
    }
}
