package jp.akashi.collector.enroll;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Agent packages offered for download ({@code akashi.agent-packages.*}); the default is here and only
 * here (docs/CONFIGURATION.md).
 *
 * @param dir directory of the agent packages ({@code .deb}, {@code .rpm}, {@code .msi}, {@code .pkg});
 *            empty: {@code <akashi.data-dir>/agent-packages}
 */
@ConfigurationProperties("akashi.agent-packages")
public record AgentPackagesProperties(
        @Bindable(defaultValue = "") String dir) {
    public AgentPackagesProperties {
        dir = dir == null ? "" : dir.strip();
    }
}
