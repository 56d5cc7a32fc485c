package jp.akashi.collector.config;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The time zone in which the collector shows times to people ({@code akashi.display-zone}, default
 * {@value #DEFAULT}): console pages, reports and exports, download file names, the dates in
 * verdict reasons, and the days a date typed into a form (an exception's expiry) or a validity
 * period ends on. The one place this zone is decided; every class that shows or reads a local time
 * takes this bean. Stored times stay UTC instants.
 */
@Singleton
public final class DisplayZone {
    /** The zone when none is configured: the product's first users are in Japan. */
    public static final String DEFAULT = "Asia/Tokyo";

    private final ZoneId zone;
    private final DateTimeFormatter minute;
    private final DateTimeFormatter day;
    private final DateTimeFormatter compactDay;
    private final DateTimeFormatter compactMinute;
    private final DateTimeFormatter abbreviation;

    @Inject
    public DisplayZone(CollectorProperties settings) {
        this(settings.zone());
    }

    /** A zone by name ({@code akashi.display-zone}'s syntax), for code and tests outside the application context. */
    public DisplayZone(String zoneId) {
        this(CollectorProperties.zone(zoneId));
    }

    public DisplayZone(ZoneId zone) {
        this.zone = zone;
        this.minute = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
        this.day = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(zone);
        this.compactDay = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(zone);
        this.compactMinute = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(zone);
        this.abbreviation = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH).withZone(zone);
    }

    /** The default zone ({@value #DEFAULT}), for code and tests outside the application context. */
    public static DisplayZone standard() {
        return new DisplayZone(ZoneId.of(DEFAULT));
    }

    public ZoneId zone() {
        return zone;
    }

    /** "2026-11-20 09:00" */
    public String minute(long epochMillis) {
        return minute.format(Instant.ofEpochMilli(epochMillis));
    }

    /** "2026-11-20" */
    public String day(long epochMillis) {
        return day.format(Instant.ofEpochMilli(epochMillis));
    }

    /** "20261120", for file names. */
    public String compactDay(long epochMillis) {
        return compactDay.format(Instant.ofEpochMilli(epochMillis));
    }

    /** "20261120-0900", for file names. */
    public String compactMinute(long epochMillis) {
        return compactMinute.format(Instant.ofEpochMilli(epochMillis));
    }

    /** The zone's short name at that instant ("JST", "UTC", "CEST"). */
    public String abbreviation(long epochMillis) {
        return abbreviation.format(Instant.ofEpochMilli(epochMillis));
    }

    /** The local date of an instant. */
    public LocalDate date(long epochMillis) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), zone);
    }

    /** Today in this zone. */
    public LocalDate today(Clock clock) {
        return date(clock.millis());
    }

    /** The first millisecond of {@code day} in this zone. */
    public long startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** The last millisecond of {@code day} in this zone (an expiry typed as a date lasts the whole day). */
    public long endOf(LocalDate day) {
        return startOf(day.plusDays(1)) - 1;
    }

    @Override
    public String toString() {
        return zone.getId();
    }
}
