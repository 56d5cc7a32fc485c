package jp.akashi.collector.snapshot;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Evidence snapshots ({@code akashi.snapshots.*}); defaults here only (docs/CONFIGURATION.md).
 *
 * @param schedule        cron with seconds (second minute hour day-of-month month day-of-week), or
 *                        {@code off}; default the 1st of every month at 00:00
 * @param scheduleZone    the zone the schedule is read in; empty: {@code akashi.display-zone}
 * @param awaitEvaluation a snapshot first waits this long for pending evaluations (and says so
 *                        when they did not finish)
 * @param tsaUrl          RFC 3161 time-stamp authority (http/https URL) that stamps each
 *                        snapshot's manifest; empty: none ("no external time stamp")
 * @param tsaTimeout      each request to the authority
 * @param tsaRetry        how often a snapshot whose stamp is pending (authority down) is retried
 */
@ConfigurationProperties("akashi.snapshots")
public record SnapshotsProperties(
        @Bindable(defaultValue = "0 0 0 1 * *") String schedule,
        @Bindable(defaultValue = "") String scheduleZone,
        @Bindable(defaultValue = "PT2M") Duration awaitEvaluation,
        @Bindable(defaultValue = "") String tsaUrl,
        @Bindable(defaultValue = "PT10S") Duration tsaTimeout,
        @Bindable(defaultValue = TSA_RETRY) Duration tsaRetry) {
    /** The default of {@link #tsaRetry}, also the retry job's delay when none is set. */
    static final String TSA_RETRY = "PT5M";
}
