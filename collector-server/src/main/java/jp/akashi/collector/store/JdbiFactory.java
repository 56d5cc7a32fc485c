package jp.akashi.collector.store;

import io.micronaut.context.annotation.Factory;

import jakarta.inject.Singleton;

import javax.sql.DataSource;

import org.jdbi.v3.core.Jdbi;

/** The application's one {@link Jdbi}, on the {@code DataSource} bean (migrated by then: {@link Migrations}). */
@Factory
public class JdbiFactory {
    @Singleton
    Jdbi jdbi(DataSource dataSource) {
        return create(dataSource);
    }

    /** The same for a database outside the application ({@link Database#outsideApplication}). */
    static Jdbi create(DataSource dataSource) {
        return Jdbi.create(dataSource);
    }
}
