package jp.akashi.collector.store;

import java.util.UUID;

/** Random ids for rows (text UUIDs, the same on SQLite and PostgreSQL). */
public final class Ids {
    private Ids() {
    }

    public static String next() {
        return UUID.randomUUID().toString();
    }
}
