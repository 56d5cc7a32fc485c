package jp.akashi.collector.testing;

import java.util.Map;

/**
 * A real PostgreSQL and two collector instances on it that share one data directory (the signing
 * key, snapshots, attachments), as several collectors behind a load balancer run.
 */
public final class TwoCollectorsOnPostgres implements AutoCloseable {
    public final PostgresServer pg;
    public final TestCollector a;
    public final TestCollector b;

    private TwoCollectorsOnPostgres(PostgresServer pg, TestCollector a, TestCollector b) {
        this.pg = pg;
        this.a = a;
        this.b = b;
    }

    /** @param properties Micronaut properties for both instances */
    public static TwoCollectorsOnPostgres start(Map<String, Object> properties) throws Exception {
        PostgresServer pg = PostgresServer.start();
        TestCollector a = null;
        try {
            Map<String, String> env = Map.of("AKASHI_DB_URL", pg.jdbcUrl(), "AKASHI_DB_USER", pg.user());
            a = new TestCollector(env, properties);
            return new TwoCollectorsOnPostgres(pg, a, new TestCollector(a.dataDir(), env, properties));
        } catch (Exception e) {
            if (a != null) {
                a.close();
            }
            pg.close();
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        b.stop(); // its data directory is a's, removed with a
        a.close();
        pg.close();
    }
}
