package jp.akashi.probes.linux.log;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure parser of {@code journalctl --header}: each journal file's header gives its first entry's time
 * as {@code Head realtime timestamp: Thu 2020-11-05 08:42:14 CET (5b3573c04ac60)}, the hex being
 * microseconds since the epoch (the capitalisation differs between systemd versions). The oldest
 * entry of the journal is the smallest non-zero head timestamp.
 */
public final class JournalHeader {
    private static final Pattern HEAD = Pattern.compile("(?i)^\\s*head realtime timestamp:.*\\(([0-9a-f]{1,16})\\)\\s*$");

    private JournalHeader() {
    }

    /** The oldest head timestamp, or null when no file has one. */
    public static Instant oldest(String text) {
        Instant oldest = null;
        for (String line : text == null ? new String[0] : text.split("\\R")) {
            Matcher m = HEAD.matcher(line);
            if (!m.find()) {
                continue;
            }
            long micros = Long.parseUnsignedLong(m.group(1), 16);
            if (micros <= 0) {
                continue;
            }
            Instant at = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
            if (oldest == null || at.isBefore(oldest)) {
                oldest = at;
            }
        }
        return oldest;
    }
}
