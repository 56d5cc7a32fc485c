package jp.akashi.collector.catalog;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The framework catalog ({@code akashi.catalog.*}); the default is here and only here (docs/CONFIGURATION.md).
 *
 * @param root classpath folder of the catalog's {@code *.yaml} files
 */
@ConfigurationProperties("akashi.catalog")
public record CatalogProperties(
        @Bindable(defaultValue = CatalogProperties.ROOT) String root) {
    public CatalogProperties {
        root = root == null || root.isBlank() ? ROOT : root.strip();
    }

    /** {@code akashi.catalog.root}'s default. */
    public static final String ROOT = CatalogLoader.DEFAULT_ROOT;
}
