package jp.akashi.collector.evaluate;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The check library and its end-of-life tables ({@code akashi.checks.root}; the checks' parameters
 * {@code akashi.checks.params.*} are read by {@link CheckLibraryProvider}); the default is here and only here
 * (docs/CONFIGURATION.md).
 *
 * @param root classpath folder of the check files ({@code *.yaml}, docs/CHECKS.md)
 */
@ConfigurationProperties("akashi.checks")
public record ChecksProperties(
        @Bindable(defaultValue = "checks") String root) {
    public ChecksProperties {
        root = root == null || root.isBlank() ? "checks" : root.strip();
    }
}
