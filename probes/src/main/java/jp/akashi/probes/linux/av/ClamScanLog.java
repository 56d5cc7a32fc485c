package jp.akashi.probes.linux.av;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure parser of clamscan's scan summary, which clamscan --log writes (ClamAV 0.103 and later):
 * {@code End Date:   2026:11:19 03:12:40}, local time.
 */
public final class ClamScanLog {
    private static final Pattern END = Pattern.compile("^End Date:\\s+(\\d{4}:\\d{2}:\\d{2} \\d{2}:\\d{2}:\\d{2})\\s*$", Pattern.MULTILINE);
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

    private ClamScanLog() {
    }

    /** The latest completed scan in the log, or null. */
    public static Instant lastScan(String text, ZoneOffset offset) {
        Instant last = null;
        Matcher m = END.matcher(text == null ? "" : text);
        while (m.find()) {
            try {
                Instant at = LocalDateTime.parse(m.group(1), FORMAT).toInstant(offset);
                if (last == null || at.isAfter(last)) {
                    last = at;
                }
            } catch (DateTimeParseException e) {
                // a damaged summary does not hide the others
            }
        }
        return last;
    }
}
