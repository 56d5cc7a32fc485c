package jp.akashi.probes.linux.log;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure parser of the timestamp that starts a syslog file line: RFC 3339 as rsyslog writes by default
 * on Debian 12 and newer ({@code 2026-11-20T03:00:01.123456+09:00}), or the traditional
 * {@code Nov 20 03:00:01} (local time, no year: the year is the one that puts the line at or before
 * the file's last modification).
 */
public final class SyslogTime {
    private static final Pattern RFC3339 = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([+-]\\d{2}:\\d{2}|Z))\\s");
    private static final Pattern TRADITIONAL = Pattern.compile("^([A-Z][a-z]{2}) ([ \\d]\\d) (\\d{2}:\\d{2}:\\d{2})\\s");
    private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

    private SyslogTime() {
    }

    /** Whether the line starts with a timestamp that carries its year (RFC 3339, as RFC 5424 and ISO 8601 write it). */
    public static boolean hasYear(String line) {
        return line != null && RFC3339.matcher(line).find();
    }

    /**
     * @param modified when the file was last written (bounds the traditional format's year)
     * @param offset   the host's UTC offset (traditional lines are local time); null if unknown
     * @return the instant, or null when the line starts with neither format (or the offset is needed but unknown)
     */
    public static Instant parse(String line, Instant modified, ZoneOffset offset) {
        if (line == null) {
            return null;
        }
        Matcher m = RFC3339.matcher(line);
        if (m.find()) {
            try {
                return OffsetDateTime.parse(m.group(1)).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        Matcher t = TRADITIONAL.matcher(line);
        if (!t.find() || offset == null || modified == null) {
            return null;
        }
        try {
            MonthDay md = MonthDay.parse(t.group(1) + " " + t.group(2).strip(), MONTH_DAY);
            int year = modified.atOffset(offset).getYear();
            LocalDateTime time = md.atYear(year).atTime(LocalTime.parse(t.group(3)));
            Instant at = time.toInstant(offset);
            // a line cannot be newer than the file holding it (a day's slack for clock adjustments)
            if (at.isAfter(modified.plusSeconds(86400))) {
                at = md.atYear(year - 1).atTime(LocalTime.parse(t.group(3))).toInstant(offset);
            }
            return at;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
