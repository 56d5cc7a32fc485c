package jp.akashi.probes.linux.log;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.akashi.probes.linux.IniFile;

/**
 * journald's retention settings from journald.conf and its drop-ins ({@code [Journal]} Storage,
 * MaxRetentionSec, SystemMaxUse).
 */
public final class Journald {
    private static final Pattern SPAN = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)");

    private Journald() {
    }

    /**
     * Where journald keeps entries: {@code persistent}, {@code volatile} or {@code none}. {@code auto}
     * (the default) is persistent when /var/log/journal exists.
     */
    public static String storage(IniFile conf, boolean varLogJournalExists) {
        String s = conf.get("Journal", "Storage");
        String v = s == null ? "auto" : s.strip().toLowerCase(Locale.ROOT);
        if (v.equals("auto")) {
            return varLogJournalExists ? "persistent" : "volatile";
        }
        return v;
    }

    /**
     * A systemd time span in seconds ({@code 6month}, {@code 1y}, {@code 2w 3d}, a bare number =
     * seconds); null when malformed. A month is 30.44 days and a year 365.25, as systemd counts.
     */
    public static Long seconds(String span) {
        if (span == null || span.isBlank()) {
            return null;
        }
        Matcher m = SPAN.matcher(span.strip());
        double total = 0;
        int end = 0;
        while (m.find()) {
            if (!span.strip().substring(end, m.start()).isBlank()) {
                return null;
            }
            Double unit = unit(m.group(2));
            if (unit == null) {
                return null;
            }
            total += Double.parseDouble(m.group(1)) * unit;
            end = m.end();
        }
        return end == span.strip().length() && end > 0 ? (long) total : null;
    }

    private static Double unit(String u) {
        return switch (u) {
            case "", "s", "sec", "second", "seconds" -> 1.0;
            case "us", "usec" -> 1e-6;
            case "ms", "msec" -> 1e-3;
            case "m", "min", "minute", "minutes" -> 60.0;
            case "h", "hr", "hour", "hours" -> 3600.0;
            case "d", "day", "days" -> 86400.0;
            case "w", "week", "weeks" -> 7 * 86400.0;
            case "M", "month", "months" -> 30.44 * 86400;
            case "y", "year", "years" -> 365.25 * 86400;
            default -> null;
        };
    }
}
