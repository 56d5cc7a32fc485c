package jp.akashi.collector.task;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Tasks ({@code akashi.tasks.*}); the default is here and only here (docs/CONFIGURATION.md).
 *
 * @param closeInterval how often tasks whose check or criterion passes again close themselves ({@link TaskService})
 */
@ConfigurationProperties("akashi.tasks")
public record TasksProperties(
        @Bindable(defaultValue = TasksProperties.CLOSE_INTERVAL) Duration closeInterval) {
    public TasksProperties {
        if (closeInterval.isNegative() || closeInterval.isZero()) {
            throw new IllegalArgumentException("akashi.tasks.close-interval: must be positive, not " + closeInterval);
        }
    }

    /** {@code akashi.tasks.close-interval}'s default, also the {@code @Scheduled} job's. */
    public static final String CLOSE_INTERVAL = "1m";
}
