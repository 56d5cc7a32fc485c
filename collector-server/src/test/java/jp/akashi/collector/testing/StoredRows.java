package jp.akashi.collector.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.store.Database;

/** Row counts of the tables a report writes to, read from the collector's own database. */
public final class StoredRows {
    /** Everything ingest writes: reports, their bodies, assets, current facts, and the audit log (asset.create). */
    public static final List<String> INGEST_TABLES = List.of("reports", "report_bodies", "assets", "asset_facts", "audit_log");

    private StoredRows() {
    }

    public static Map<String, Long> count(TestCollector c) {
        return c.bean(Database.class).read(h -> {
            Map<String, Long> m = new LinkedHashMap<>();
            for (String t : INGEST_TABLES) {
                m.put(t, h.createQuery("SELECT COUNT(*) FROM " + t).mapTo(Long.class).one());
            }
            return m;
        });
    }
}
