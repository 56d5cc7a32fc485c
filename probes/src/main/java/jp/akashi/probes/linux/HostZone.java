package jp.akashi.probes.linux;

import java.time.DateTimeException;
import java.time.ZoneOffset;
import java.util.Optional;

import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.HostAccess;

/**
 * The host's current UTC offset, for the many Linux logs that write local time without a zone
 * (dpkg.log, traditional syslog, clamscan). Asked from the host itself, because over SSH the
 * collector's zone says nothing about the target's.
 */
public final class HostZone {
    private HostZone() {
    }

    public static Optional<ZoneOffset> offset(HostAccess h) {
        CommandResult r = Sources.run(h, Sources.QUICK, "date", "+%z");
        return r.succeeded() ? parse(r.stdout()) : Optional.empty();
    }

    /** Parses {@code date +%z} output such as {@code +0900} or {@code -0430}. */
    public static Optional<ZoneOffset> parse(String text) {
        String s = text == null ? "" : text.strip();
        if (!s.matches("[+-]\\d{4}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneOffset.of(s.substring(0, 3) + ":" + s.substring(3)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
