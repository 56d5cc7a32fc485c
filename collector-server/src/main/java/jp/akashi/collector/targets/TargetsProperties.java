package jp.akashi.collector.targets;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Agentless collection from network devices and hosts ({@code akashi.targets.*}); defaults here
 * only (docs/CONFIGURATION.md).
 *
 * @param tick             how often due targets are looked for
 * @param parallelism      targets run at once (1..64)
 * @param budget           longest one target's run may take
 * @param tlsTimeout       each TLS connect and handshake
 * @param schedulerEnabled whether this instance runs targets at all
 */
@ConfigurationProperties("akashi.targets")
public record TargetsProperties(
        @Bindable(defaultValue = TICK) Duration tick,
        @Bindable(defaultValue = "4") int parallelism,
        @Bindable(defaultValue = "PT10M") Duration budget,
        @Bindable(defaultValue = "PT5S") Duration tlsTimeout,
        @Bindable(defaultValue = "true") boolean schedulerEnabled) {
    public TargetsProperties {
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("akashi.targets.parallelism must be 1..64, not " + parallelism);
        }
    }

    /** The default of {@link #tick}, also the scheduler's delay when none is set. */
    static final String TICK = "PT30S";
}
