package jp.akashi.probes.linux.patch;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Pure parser of the header of an apt {@code InRelease}/{@code Release} file: {@code Date:} (when the
 * archive published these lists, so the host fetched them no earlier) and {@code Valid-Until:}
 * (after which apt refuses them).
 */
public final class AptRelease {
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss zzz", Locale.ENGLISH);

    private AptRelease() {
    }

    /** The two dates; either may be null (absent or malformed). */
    public record Header(Instant date, Instant validUntil, String suite, String codename, String lines) {
    }

    public static Header parse(String text) {
        Instant date = null;
        Instant until = null;
        String suite = null;
        String codename = null;
        StringBuilder lines = new StringBuilder();
        for (String raw : text == null ? new String[0] : text.split("\\R")) {
            // the header ends at the first hash list (an indented line) or the signature
            if (raw.startsWith(" ") || raw.startsWith("-----BEGIN PGP SIGNATURE")) {
                break;
            }
            if (raw.startsWith("Date:")) {
                date = instant(raw.substring(5));
                lines.append(raw).append('\n');
            } else if (raw.startsWith("Valid-Until:")) {
                until = instant(raw.substring(12));
                lines.append(raw).append('\n');
            } else if (raw.startsWith("Suite:") || raw.startsWith("Codename:") || raw.startsWith("Origin:")) {
                lines.append(raw).append('\n');
                if (raw.startsWith("Suite:")) {
                    suite = raw.substring(6).strip();
                } else if (raw.startsWith("Codename:")) {
                    codename = raw.substring(9).strip();
                }
            }
        }
        return new Header(date, until, suite, codename, lines.toString());
    }

    /** An RFC 2822 date as apt writes it ({@code Tue, 01 Dec 2026 19:40:00 UTC}); null when malformed. */
    static Instant instant(String s) {
        String v = s.strip().replaceAll("\\s+", " ");
        try {
            return ZonedDateTime.parse(v, RFC_2822).toInstant();
        } catch (DateTimeParseException e) {
            try {
                // "+0000" instead of a zone name
                return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
