package jp.akashi.probes.windows;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.WeakHashMap;

import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.HostAccess;

/**
 * The one {@code inventory.ps1} run that the Windows probes share: PowerShell takes about a second
 * to start, so the script gathers every source in one go and each probe reads its section. The
 * result is kept per host for a few minutes, enough for one collection and never for the next
 * hourly one.
 */
public final class WindowsInventory {
    /** Upper bound for the whole script; each CIM query inside has its own 20 s limit. */
    public static final Duration TIMEOUT = Duration.ofSeconds(150);
    private static final Duration FRESH = Duration.ofMinutes(5);
    private static final Map<HostAccess, Cached> CACHE = new WeakHashMap<>();

    private record Cached(Instant at, PowerShellRun run) {
    }

    private WindowsInventory() {
    }

    public static WindowsScript script() {
        return WindowsScript.load("inventory.ps1");
    }

    /** The inventory of {@code ctx}'s host, running the script unless a fresh result is at hand. */
    public static PowerShellRun of(ProbeContext ctx) {
        synchronized (CACHE) {
            Instant now = ctx.clock().instant();
            Cached c = CACHE.get(ctx.host());
            if (c != null && !now.isBefore(c.at()) && Duration.between(c.at(), now).compareTo(FRESH) < 0) {
                return c.run();
            }
            PowerShellRun run = PowerShellRun.execute(ctx.host(), script(), TIMEOUT);
            CACHE.put(ctx.host(), new Cached(now, run));
            return run;
        }
    }
}
