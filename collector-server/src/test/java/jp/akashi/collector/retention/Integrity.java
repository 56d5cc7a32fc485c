package jp.akashi.collector.retention;

import java.util.ArrayList;
import java.util.List;

import jp.akashi.collector.store.Database;

/** What must hold after any prune: nothing still used refers to a report or body that is gone. */
final class Integrity {
    private Integrity() {
    }

    static List<String> problems(Database db) {
        List<String> out = new ArrayList<>();
        String[][] checks = {
                {"reports without their body", "SELECT COUNT(*) FROM reports r LEFT JOIN report_bodies b ON b.sha256 = r.body_sha256 WHERE b.sha256 IS NULL"},
                {"current facts without their report", "SELECT COUNT(*) FROM asset_facts f LEFT JOIN reports r ON r.id = f.report_id WHERE r.id IS NULL"},
                {"last reports that are gone", "SELECT COUNT(*) FROM assets a LEFT JOIN reports r ON r.id = a.last_report_id "
                        + "WHERE a.last_report_id IS NOT NULL AND r.id IS NULL"},
                {"check results without their report", "SELECT COUNT(*) FROM check_results c LEFT JOIN reports r ON r.id = c.report_id "
                        + "WHERE c.report_id IS NOT NULL AND r.id IS NULL"},
                {"snapshot references that are gone", "SELECT COUNT(*) FROM snapshot_reports s LEFT JOIN reports r ON r.id = s.report_id WHERE r.id IS NULL"},
        };
        for (String[] c : checks) {
            long n = db.read(h -> h.createQuery(c[1]).mapTo(Long.class).one());
            if (n > 0) {
                out.add(n + " " + c[0]);
            }
        }
        return out;
    }
}
