package jp.akashi.probes.macos.screen;

import static jp.akashi.probes.model.ProbeMessages.code;

import static jp.akashi.probes.macos.MacFacts.ev;

import java.util.List;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.macos.MacFacts;
import jp.akashi.probes.macos.MacPlist;
import jp.akashi.probes.macos.MacValues;
import jp.akashi.probes.model.Evidence;

/**
 * {@code screen.lock_timeout_seconds} on macOS. A configuration profile's screen saver settings
 * (idleTime, askForPassword, askForPasswordDelay) win; otherwise the display sleeps after
 * pmset's displaysleep (on mains power) and locks after sysadminctl's screen lock delay.
 */
public final class MacScreenLockProbe extends PlatformProbe {
    static final String MANAGED = "/Library/Managed Preferences/com.apple.screensaver.plist";

    public MacScreenLockProbe() {
        super("macos.screen", ProbeContext.MACOS, List.of("screen.lock_timeout_seconds"));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        HostAccess h = ctx.host();
        MacPlist managed = MacPlist.read(h, MANAGED);
        if (managed.ok()) {
            Long idle = MacValues.integer(managed.dict(), "idleTime");
            Boolean ask = MacValues.bool(managed.dict(), "askForPassword");
            Long delay = MacValues.integer(managed.dict(), "askForPasswordDelay");
            if (idle != null && ask != null) {
                out.ok("screen.lock_timeout_seconds", ask && idle > 0 ? idle + (delay == null ? 0 : Math.max(0, delay)) : 0L, managed.evidence());
                return;
            }
        }
        CommandResult lock = MacFacts.run(h, MacFacts.SHORT, "sysadminctl", "-screenLock", "status");
        CommandResult pm = MacFacts.run(h, MacFacts.SHORT, "pmset", "-g", "custom");
        if (lock.timedOut() || lock.notFound()) {
            out.failed(lock, "screen.lock_timeout_seconds");
            return;
        }
        if (!pm.succeeded()) {
            out.failed(pm, "screen.lock_timeout_seconds");
            return;
        }
        Evidence ev = Evidence.of("cmd:sysadminctl -screenLock status; pmset -g custom", lock.stdout() + lock.stderr() + pm.stdout(),
                (lock.stdout() + lock.stderr()).strip() + "\n" + pm.stdout());
        Long delay = MacScreenLock.lockDelay(lock.stdout() + lock.stderr());
        Long sleep = MacScreenLock.displaySleepMinutesOnAc(pm.stdout());
        if (delay == null) {
            out.error("screen.lock_timeout_seconds", code("screen.sysadminctl_no_lock"), ev(lock));
        } else if (sleep == null) {
            out.error("screen.lock_timeout_seconds", code("screen.pmset_no_displaysleep"), ev);
        } else {
            out.ok("screen.lock_timeout_seconds", delay < 0 || sleep == 0 ? 0L : sleep * 60 + delay, ev);
        }
    }
}
