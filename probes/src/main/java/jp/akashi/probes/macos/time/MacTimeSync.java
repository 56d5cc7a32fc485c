package jp.akashi.probes.macos.time;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jp.akashi.probes.macos.MacLaunchd;

/**
 * Pure readers of the macOS time synchronisation sources: {@code systemsetup -getusingnetworktime}
 * / {@code -getnetworktimeserver} and the time daemons' rows in {@code launchctl list}.
 */
public final class MacTimeSync {
    /** What {@code systemsetup -getusingnetworktime} said. */
    public enum NetworkTime { ON, OFF, NEEDS_ROOT, UNKNOWN }

    /**
     * A time daemon's row in {@code launchctl list}.
     *
     * @param name    the value reported for it (timed, ntpd)
     * @param label   its launchd label
     * @param running launchd shows a PID for it (else it is loaded and started on demand)
     */
    public record Daemon(String name, String label, boolean running) {
    }

    /** launchd labels of the time daemons, with the value reported for each: timed (High Sierra and later), ntpd before it. */
    static final List<String[]> LABELS = List.of(new String[] {"com.apple.timed", "timed"}, new String[] {"org.ntp.ntpd", "ntpd"});

    private MacTimeSync() {
    }

    /**
     * {@code systemsetup -getusingnetworktime}: "Network Time: On" / "Network Time: Off". Without
     * administrator rights systemsetup prints "You need administrator access to run this tool...
     * exiting!" and still exits 0, so that text is what tells.
     */
    public static NetworkTime networkTime(String output) {
        String t = output == null ? "" : output.strip();
        if (t.toLowerCase(Locale.ROOT).contains("administrator access")) {
            return NetworkTime.NEEDS_ROOT;
        }
        for (String line : t.split("\\R")) {
            String l = line.strip();
            if (l.regionMatches(true, 0, "Network Time:", 0, "Network Time:".length())) {
                String v = l.substring("Network Time:".length()).strip().toLowerCase(Locale.ROOT);
                if (v.equals("on")) {
                    return NetworkTime.ON;
                }
                if (v.equals("off")) {
                    return NetworkTime.OFF;
                }
            }
        }
        return NetworkTime.UNKNOWN;
    }

    /** {@code systemsetup -getnetworktimeserver}: the server after "Network Time Server:"; empty when absent or refused. */
    public static Optional<String> timeServer(String output) {
        for (String line : (output == null ? "" : output).split("\\R")) {
            String l = line.strip();
            if (l.regionMatches(true, 0, "Network Time Server:", 0, "Network Time Server:".length())) {
                String v = l.substring("Network Time Server:".length()).strip();
                return v.isEmpty() ? Optional.empty() : Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /**
     * The first time daemon loaded in launchd, from {@code launchctl list} ("PID Status Label"
     * rows, PID "-" when not running); empty when none is loaded. Throws
     * {@link IllegalArgumentException} when the output is not launchctl's table.
     */
    public static Optional<Daemon> daemon(String launchctlList) {
        Daemon found = null;
        int rank = Integer.MAX_VALUE;
        for (MacLaunchd.Job job : MacLaunchd.jobs(launchctlList)) {
            for (int i = 0; i < LABELS.size(); i++) {
                if (job.label().equals(LABELS.get(i)[0]) && i < rank) {
                    rank = i;
                    found = new Daemon(LABELS.get(i)[1], job.label(), job.running());
                }
            }
        }
        return Optional.ofNullable(found);
    }
}
