package jp.akashi.collector.store;

import io.micronaut.flyway.FlywayConfigurationCustomizer;

import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.Map;

import org.flywaydb.core.api.configuration.FluentConfiguration;

import jp.akashi.collector.config.CollectorProperties;

/**
 * The schema migration of {@code datasources.default}: micronaut-flyway runs it
 * ({@code flyway.datasources.default.enabled}) as soon as the {@code DataSource} bean is made, before
 * any bean that needs the database gets it; this sets where the migrations are and the placeholders
 * that differ between the databases ({@code ${blob}}: BLOB on SQLite, BYTEA on PostgreSQL; {@code ${text}}).
 */
@Singleton
@Named(DataSourceSettings.NAME)
public class Migrations implements FlywayConfigurationCustomizer {
    private final boolean sqlite;

    public Migrations(DatabaseProperties db, CollectorProperties collector) {
        this.sqlite = db.url(collector).startsWith("jdbc:sqlite:");
    }

    @Override
    public String getName() {
        return DataSourceSettings.NAME;
    }

    @Override
    public void customizeFluentConfiguration(FluentConfiguration flyway) {
        configure(flyway, sqlite);
    }

    /** The migration's settings, for the application's data source and for the tests' databases outside it. */
    static FluentConfiguration configure(FluentConfiguration flyway, boolean sqlite) {
        return flyway.locations("classpath:db/migration")
                .placeholders(Map.of(
                        "blob", sqlite ? "BLOB" : "BYTEA",
                        "text", "TEXT"));
    }
}
