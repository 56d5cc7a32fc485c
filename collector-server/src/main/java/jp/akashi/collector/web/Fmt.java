package jp.akashi.collector.web;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Formatting for one page: times in the display zone ({@code 2026-11-20 12:00}), relative times
 * in the page's language ({@code 3時間前}), grouped numbers. Templates call it as {@code ${fmt.…}}.
 */
public final class Fmt {
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String NONE = "—";

    private final ZoneId zone;
    private final Locale locale;
    private final WebMessages messages;
    private final long now;

    Fmt(ZoneId zone, Locale locale, WebMessages messages, long now) {
        this.zone = zone;
        this.locale = locale;
        this.messages = messages;
        this.now = now;
    }

    /** {@code 2026-11-20 12:00} in the display zone; a dash for no time. */
    public String time(Long epochMillis) {
        return epochMillis == null ? NONE : MINUTES.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }

    /** {@code 2026-11-20} in the display zone, for validity ends and expiries. */
    public String day(Long epochMillis) {
        return epochMillis == null ? NONE : DAY.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }

    /** With seconds, for the audit log. */
    public String timeSec(Long epochMillis) {
        return epochMillis == null ? NONE : SECONDS.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }

    /** ISO-8601 with offset, for {@code <time datetime>}. */
    public String iso(Long epochMillis) {
        return epochMillis == null ? "" : Instant.ofEpochMilli(epochMillis).atZone(zone).toOffsetDateTime().toString();
    }

    /** {@code たった今}, {@code 5分前}, {@code 3時間前}, {@code 2日前}; for future times {@code あと3時間} (or in English). */
    public String ago(Long epochMillis) {
        if (epochMillis == null) {
            return NONE;
        }
        long seconds = (now - epochMillis) / 1000;
        boolean future = seconds < 0;
        long s = Math.abs(seconds);
        if (s < 60) {
            return messages.text(locale, "time.justNow");
        }
        String suffix = future ? "Later" : "Ago";
        long minutes = s / 60;
        if (minutes < 60) {
            return messages.text(locale, "time.minutes" + suffix, minutes);
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return messages.text(locale, "time.hours" + suffix, hours);
        }
        return messages.text(locale, "time.days" + suffix, hours / 24);
    }

    /** {@code 10,000}. */
    public String num(long n) {
        return NumberFormat.getIntegerInstance(locale).format(n);
    }

    /** {@code 834 B}, {@code 12.5 KB}, {@code 142.0 MB} (1 KB = 1024 bytes). */
    public String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(locale, "%.1f %s", v, units[u]);
    }

    /**
     * An OS version to show after the OS name, or "" when the name already carries it: agents
     * report the distribution's pretty name ({@code Debian GNU/Linux 12 (bookworm)},
     * {@code Ubuntu 24.04.1 LTS}) as well as the version ({@code 12}, {@code 24.04}).
     */
    public String osVersion(String name, String version) {
        if (version == null || version.isBlank()) {
            return "";
        }
        if (name != null && Pattern.compile("(^|[^0-9.])" + Pattern.quote(version) + "($|[^0-9])")
                .matcher(name).find()) {
            return "";
        }
        return version;
    }

    /** The display zone's id, shown in the footer so people know which clock the times follow. */
    public String zone() {
        return zone.getId();
    }
}
