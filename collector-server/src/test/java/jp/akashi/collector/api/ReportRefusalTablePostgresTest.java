package jp.akashi.collector.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;

import jp.akashi.collector.store.Database;
import jp.akashi.collector.testing.PostgresServer;
import jp.akashi.collector.testing.TestCollector;

/**
 * The same table on a real PostgreSQL server, where an over-long value or a NUL does not slip
 * into the database as it does on SQLite but fails the transaction: every row must still be a 400
 * before the database is reached, with the column widths read from PostgreSQL's own schema.
 */
class ReportRefusalTablePostgresTest extends ReportRefusalTableTest {
    PostgresServer pg;

    @Override
    TestCollector startCollector() throws Exception {
        pg = PostgresServer.start();
        TestCollector collector = new TestCollector(Map.of("AKASHI_DB_URL", pg.jdbcUrl(), "AKASHI_DB_USER", pg.user()));
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
