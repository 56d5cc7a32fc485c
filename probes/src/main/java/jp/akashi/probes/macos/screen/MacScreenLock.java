package jp.akashi.probes.macos.screen;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pure parsers for the screen lock sources of macOS. */
public final class MacScreenLock {
    private static final Pattern DELAY = Pattern.compile("screenLock delay is (\\d+) seconds");
    private static final Pattern DISPLAYSLEEP = Pattern.compile("^\\s*displaysleep\\s+(\\d+)");

    private MacScreenLock() {
    }

    /**
     * {@code sysadminctl -screenLock status} (it logs to stderr): seconds between the screen
     * saver or display sleep and the lock, 0 for "immediate", -1 for "off"; {@code null} when not understood.
     */
    public static Long lockDelay(String output) {
        Matcher m = DELAY.matcher(output);
        if (m.find()) {
            return Long.parseLong(m.group(1));
        }
        if (output.contains("screenLock is immediate")) {
            return 0L;
        }
        if (output.contains("screenLock is off")) {
            return -1L;
        }
        return null;
    }

    /** {@code pmset -g custom}: displaysleep minutes of the "AC Power:" section (desktops list only it); {@code null} when absent. */
    public static Long displaySleepMinutesOnAc(String pmset) {
        boolean ac = false;
        for (String line : pmset.split("\\R")) {
            if (line.strip().endsWith(":") && !line.startsWith(" ")) {
                ac = line.strip().equals("AC Power:");
                continue;
            }
            Matcher m = DISPLAYSLEEP.matcher(line);
            if (ac && m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        return null;
    }
}
