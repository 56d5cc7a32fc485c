package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;

import jp.akashi.collector.store.Database;
import jp.akashi.collector.testing.PostgresServer;
import jp.akashi.collector.testing.TestCollector;

/** The spool news of {@link SpoolHealthHttpTest} on a real PostgreSQL server (table agent_spool_health, V11). */
class SpoolHealthPostgresTest extends SpoolHealthHttpTest {
    PostgresServer pg;

    @Override
    TestCollector startCollector() throws Exception {
        pg = PostgresServer.start();
        TestCollector collector = new TestCollector(Map.of("AKASHI_DB_URL", pg.jdbcUrl(), "AKASHI_DB_USER", pg.user()),
                Map.of("akashi.targets.scheduler-enabled", false));
        assertThat(collector.bean(Database.class).sqlite()).isFalse();
        return collector;
    }

    @Override
    @AfterAll
    void stop() throws Exception {
        try {
            super.stop();
        } finally {
            pg.close();
        }
    }
}
