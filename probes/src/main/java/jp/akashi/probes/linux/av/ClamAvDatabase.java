package jp.akashi.probes.linux.av;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Pure parser of a ClamAV signature database header (the first 512 bytes of daily.cvd / daily.cld):
 * {@code ClamAV-VDB:16 Apr 2020 07-58 -0400:25784:2267600:63:<md5>:<dsig>:raynman:1587038339}. The
 * last field is the build time in seconds since the epoch; the second is the same time as text.
 */
public final class ClamAvDatabase {
    private static final DateTimeFormatter BUILD = DateTimeFormatter.ofPattern("dd MMM yyyy HH-mm Z", Locale.ENGLISH);

    private ClamAvDatabase() {
    }

    /** The database's build: time and version; null when the text is not a CVD header. */
    public record Header(Instant built, long version) {
    }

    public static Header parse(String head) {
        if (head == null || !head.startsWith("ClamAV-VDB:")) {
            return null;
        }
        String[] f = head.strip().split(":");
        if (f.length < 4 || !f[2].matches("\\d{1,10}")) {
            return null;
        }
        long version = Long.parseLong(f[2]);
        if (f.length >= 9 && f[8].strip().matches("\\d{9,11}")) {
            return new Header(Instant.ofEpochSecond(Long.parseLong(f[8].strip())), version);
        }
        try {
            return new Header(ZonedDateTime.parse(f[1].strip(), BUILD).toInstant(), version);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
