package jp.akashi.collector.answer;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Evidence files no answer keeps ({@code akashi.attachments.*}); defaults here only
 * (docs/CONFIGURATION.md).
 *
 * @param orphanGrace   an uploaded file no answer refers to is removed after this long
 * @param sweepInterval how often the sweep runs (also once at start)
 * @param tempGrace     temporary files of uploads that never finished are removed after this long
 */
@ConfigurationProperties("akashi.attachments")
public record AttachmentProperties(
        @Bindable(defaultValue = "PT24H") Duration orphanGrace,
        @Bindable(defaultValue = SWEEP_INTERVAL) Duration sweepInterval,
        @Bindable(defaultValue = "PT10M") Duration tempGrace) {
    /** The default of {@link #sweepInterval}, also the sweep's delay when none is set. */
    static final String SWEEP_INTERVAL = "PT1H";
}
