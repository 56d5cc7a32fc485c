package jp.akashi.probes.windows.screen;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.probes.windows.WinValues;

/**
 * Pure: the idle time before Windows locks the screen, from the inventory's {@code screen}
 * section. A session locks at the first of: the machine inactivity limit (policy
 * InactivityTimeoutSecs), a password-protected screen saver (per user; Group Policy values win
 * over the user's own), and sleep on mains power when waking requires sign-in (power setting
 * CONSOLELOCK). The host's value is that of its weakest loaded user profile; 0 when nothing locks.
 *
 * @param seconds the lock timeout, {@code null} when the power settings could not be read
 */
public record ScreenLock(Long seconds, String problem, Map<String, Object> detail) {

    public static ScreenLock of(JsonNode section) {
        Long inactivity = positive(WinValues.integer(section, "inactivity_policy"));
        JsonNode power = WinValues.field(section, "power");
        Map<String, Object> d = new LinkedHashMap<>();
        putIf(d, "inactivity_policy_seconds", inactivity);
        if (power == null || WinValues.text(power, "error") != null) {
            String why = "power settings unreadable: " + (power == null ? "missing" : WinValues.text(power, "error"));
            return new ScreenLock(null, why, d);
        }
        Long sleep = positive(WinValues.integer(power, "sleep_ac"));
        Long consoleLock = WinValues.integer(power, "console_lock_ac");
        // CONSOLELOCK defaults to 1 (sign-in required on wake) where Windows does not expose it.
        boolean wakeLocks = consoleLock == null || consoleLock == 1;
        Long sleepLock = wakeLocks ? sleep : null;
        putIf(d, "sleep_ac_seconds", sleep);
        putIf(d, "console_lock_ac", consoleLock);

        List<Map<String, Object>> users = new ArrayList<>();
        boolean someNever = false;
        long longest = 0;
        for (JsonNode u : WinValues.items(section, "users")) {
            Long saver = screenSaverLock(WinValues.field(u, "policy"), WinValues.field(u, "desktop"));
            long t = first(inactivity, saver, sleepLock);
            Map<String, Object> um = new LinkedHashMap<>();
            um.put("sid", WinValues.text(u, "sid"));
            putIf(um, "screensaver_lock_seconds", saver);
            um.put("lock_seconds", t);
            users.add(um);
            someNever |= t == 0;
            longest = Math.max(longest, t);
        }
        d.put("users", users);
        long result = users.isEmpty() ? first(inactivity, sleepLock) : someNever ? 0 : longest;
        return new ScreenLock(result, null, d);
    }

    /** The earliest of the timeouts that are set; 0 when none is. */
    static long first(Long... candidates) {
        return Arrays.stream(candidates).filter(c -> c != null && c > 0).mapToLong(Long::longValue).min().orElse(0);
    }

    /** Screen saver timeout when it is active and password protected (policy value first, then the user's). */
    static Long screenSaverLock(JsonNode policy, JsonNode desktop) {
        Long active = pick(policy, desktop, "ScreenSaveActive");
        Long secure = pick(policy, desktop, "ScreenSaverIsSecure");
        Long timeout = pick(policy, desktop, "ScreenSaveTimeOut");
        return active != null && active == 1 && secure != null && secure == 1 ? positive(timeout) : null;
    }

    private static Long pick(JsonNode policy, JsonNode desktop, String name) {
        Long p = WinValues.integer(policy, name);
        return p != null ? p : WinValues.integer(desktop, name);
    }

    private static Long positive(Long v) {
        return v != null && v > 0 ? v : null;
    }

    private static void putIf(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
