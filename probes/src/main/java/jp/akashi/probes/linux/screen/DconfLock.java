package jp.akashi.probes.linux.screen;

import jp.akashi.probes.linux.IniFile;

/**
 * GNOME's lock settings in dconf keyfiles: {@code [org/gnome/desktop/session] idle-delay=uint32 900},
 * {@code [org/gnome/desktop/screensaver] lock-enabled=true}, {@code lock-delay=uint32 0}. The screen
 * locks idle-delay + lock-delay seconds after the last input; 0 when locking is off or idle-delay is 0.
 */
public final class DconfLock {
    private final IniFile ini = new IniFile();

    public DconfLock merge(String keyfile) {
        ini.merge(keyfile);
        return this;
    }

    /** The timeout, or null when the keyfiles do not set both idle-delay and lock-enabled (unless locking is off). */
    public Long timeoutSeconds() {
        Long idle = number(ini.get("org/gnome/desktop/session", "idle-delay"));
        String enabled = ini.get("org/gnome/desktop/screensaver", "lock-enabled");
        if (enabled != null && enabled.strip().equals("false")) {
            return 0L;
        }
        if (idle == null || enabled == null) {
            return null;
        }
        if (idle == 0) {
            return 0L;
        }
        Long delay = number(ini.get("org/gnome/desktop/screensaver", "lock-delay"));
        return idle + (delay == null ? 0 : delay);
    }

    private static Long number(String v) {
        if (v == null) {
            return null;
        }
        String s = v.strip().replaceFirst("^uint32\\s+", "");
        return s.matches("\\d{1,9}") ? Long.valueOf(s) : null;
    }
}
