package jp.akashi.probes.linux.time;

import java.util.List;
import java.util.Optional;

/** Pure readers of what the time synchronisation tools say. */
public final class TimeSyncState {
    /** Program names of time synchronisation daemons, as ps shows them, with the value reported for each. */
    static final List<String[]> DAEMONS = List.of(new String[] {"chronyd", "chrony"}, new String[] {"systemd-timesyncd", "systemd-timesyncd"},
            new String[] {"ntpd", "ntpd"}, new String[] {"openntpd", "openntpd"});
    /** Unit names that start a time synchronisation daemon at boot, with the value reported for each. */
    static final List<String[]> UNITS = List.of(new String[] {"chrony.service", "chrony"}, new String[] {"chronyd.service", "chrony"},
            new String[] {"systemd-timesyncd.service", "systemd-timesyncd"}, new String[] {"ntp.service", "ntpd"},
            new String[] {"ntpd.service", "ntpd"}, new String[] {"ntpsec.service", "ntpd"}, new String[] {"openntpd.service", "openntpd"});

    private TimeSyncState() {
    }

    /** {@code timedatectl show -p NTPSynchronized --value}: yes or no; empty for anything else. */
    public static Optional<Boolean> timedatectl(String out) {
        String v = out == null ? "" : out.strip();
        if (v.startsWith("NTPSynchronized=")) {
            v = v.substring("NTPSynchronized=".length());
        }
        return v.equals("yes") ? Optional.of(true) : v.equals("no") ? Optional.of(false) : Optional.empty();
    }

    /**
     * {@code chronyc -n tracking}: synchronised when the leap status is Normal (or a leap second is
     * announced) and a reference is selected; "Not synchronised" or reference 0.0.0.0/127.127.1.1 is not.
     */
    public static Optional<Boolean> chronyTracking(String out) {
        String leap = null;
        String ref = null;
        for (String raw : out == null ? new String[0] : out.split("\\R")) {
            int colon = raw.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String k = raw.substring(0, colon).strip();
            String v = raw.substring(colon + 1).strip();
            if (k.equals("Leap status")) {
                leap = v;
            } else if (k.equals("Reference ID")) {
                ref = v;
            }
        }
        if (leap == null) {
            return Optional.empty();
        }
        boolean noRef = ref == null || ref.startsWith("00000000") || ref.startsWith("7F7F0101");
        return Optional.of(!leap.equals("Not synchronised") && !noRef);
    }
}
