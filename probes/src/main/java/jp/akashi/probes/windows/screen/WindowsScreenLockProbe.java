package jp.akashi.probes.windows.screen;

import java.util.List;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.windows.WinSection;
import jp.akashi.probes.windows.WindowsInventory;

/** {@code screen.lock_timeout_seconds} on Windows (see {@link ScreenLock}). */
public final class WindowsScreenLockProbe extends PlatformProbe {

    public WindowsScreenLockProbe() {
        super("windows.screen", ProbeContext.WINDOWS, List.of("screen.lock_timeout_seconds", "screen.windows.lock_sources"));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        WinSection s = WindowsInventory.of(ctx).section("screen");
        if (!s.ok()) {
            s.fail(out, keys().toArray(String[]::new));
            return;
        }
        ScreenLock l = ScreenLock.of(s.data());
        out.ok("screen.windows.lock_sources", l.detail(), s.evidence());
        s.put(out, "screen.lock_timeout_seconds", l.seconds(), l.problem());
    }
}
