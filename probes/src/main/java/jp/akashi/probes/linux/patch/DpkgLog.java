package jp.akashi.probes.linux.patch;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure parser of /var/log/dpkg.log: {@code 2026-11-22 03:04:29 upgrade libssl3:amd64 3.0.11-1 3.0.13-1}.
 * dpkg writes local time without a zone, so the caller supplies the host's offset.
 */
public final class DpkgLog {
    private static final Pattern ACTION = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}) (install|upgrade) (\\S+) (\\S+) (\\S+)\\s*$");

    private DpkgLog() {
    }

    /** The last {@code install} or {@code upgrade} action: when, and the line itself. */
    public record Entry(Instant at, String line) {
    }

    public static Optional<Entry> lastInstall(String text, ZoneOffset offset) {
        Entry last = null;
        for (String line : text == null ? new String[0] : text.split("\\R")) {
            Matcher m = ACTION.matcher(line);
            if (!m.matches()) {
                continue;
            }
            try {
                Instant at = LocalDateTime.parse(m.group(1).replace(' ', 'T')).toInstant(offset);
                if (last == null || !at.isBefore(last.at())) {
                    last = new Entry(at, line);
                }
            } catch (DateTimeParseException e) {
                // a damaged line (power loss mid-write) is skipped, the others still count
            }
        }
        return Optional.ofNullable(last);
    }
}
