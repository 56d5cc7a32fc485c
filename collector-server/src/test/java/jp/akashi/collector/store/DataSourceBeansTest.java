package jp.akashi.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;

import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import jp.akashi.probes.testing.TestDaemons;

/**
 * The database is Micronaut's beans, set up from {@code akashi.db.*}: micronaut-jdbc-hikari's pool
 * {@code default} (URL, pool size and SQLite pragmas from akashi.db; the file in the data directory
 * when no URL is set), migrated by micronaut-flyway before {@link Database} gets it, one {@link Jdbi}
 * bean on it, and the pool closed by Micronaut when the application stops.
 */
class DataSourceBeansTest {
    Path dir;

    @AfterEach
    void clean() throws Exception {
        if (dir != null) {
            TestDaemons.deleteTree(dir);
        }
    }

    @Test
    void thePoolIsMicronautsFromAkashiDbMigratedBeforeTheDatabaseUsesItAndClosedWithTheApplication() throws Exception {
        dir = Files.createTempDirectory("akashi-ds-");
        Path data = dir.resolve("data");
        HikariDataSource pool;
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(
                "akashi.data-dir", data.toString(),
                "akashi.db.pool-size", "3",
                "akashi.db.synchronous", "FULL",
                "akashi.targets.scheduler-enabled", false))) {
            // no akashi.db.url: the SQLite file in the data directory
            Path file = data.resolve("akashi.db").toAbsolutePath();
            pool = (HikariDataSource) ctx.getBean(DataSource.class);
            assertThat(pool.getJdbcUrl()).isEqualTo("jdbc:sqlite:" + file);
            assertThat(pool.getPoolName()).isEqualTo("akashi-db");
            assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
            assertThat(pool.getDataSourceProperties()).containsEntry("journal_mode", "WAL").containsEntry("synchronous", "FULL")
                    .containsEntry("foreign_keys", "true").containsEntry("busy_timeout", "30000").containsEntry("cache_size", "-32000");
            assertThat(pool.getConnectionTestQuery()).as("Hikari's own connection check, as before").isNull();
            assertThat(pool.getMetricRegistry()).as("no pool meters on /metrics").isNull();

            Database db = ctx.getBean(Database.class);
            assertThat(db.sqlite()).isTrue();
            assertThat(db.jdbi()).isSameAs(ctx.getBean(Jdbi.class));
            Flyway flyway = ctx.getBean(Flyway.class, Qualifiers.byName("default"));
            assertThat(flyway.info().pending()).as("migrated when the pool was made").isEmpty();
            int migrated = db.read(h -> h.createQuery("SELECT count(*) FROM flyway_schema_history WHERE success")
                    .mapTo(Integer.class).one());
            assertThat(migrated).isPositive();
            int synchronous = db.read(h -> h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one());
            assertThat(synchronous).as("PRAGMA synchronous (2 = FULL)").isEqualTo(2);
            assertThat(Files.exists(Path.of(file + "-wal"))).isTrue();
            assertThat(pool.isClosed()).isFalse();
        }
        assertThat(pool.isClosed()).as("closed by Micronaut with the application").isTrue();
    }
}
