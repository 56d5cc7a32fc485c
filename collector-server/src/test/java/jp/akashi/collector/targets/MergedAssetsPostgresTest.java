package jp.akashi.collector.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;

import jp.akashi.collector.store.Database;
import jp.akashi.collector.testing.PostgresServer;
import jp.akashi.collector.testing.TestCollector;

/** {@link MergedAssetsTest} on a real PostgreSQL server (asset_source_facts, V16). */
class MergedAssetsPostgresTest extends MergedAssetsTest {
    PostgresServer pg;

    @Override
    TestCollector startCollector() throws Exception {
        pg = PostgresServer.start();
        TestCollector collector = new TestCollector(Map.of("AKASHI_DB_URL", pg.jdbcUrl(), "AKASHI_DB_USER", pg.user()),
                Map.of("akashi.targets.tick", "PT1S", "akashi.targets.budget", "PT3M"));
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
