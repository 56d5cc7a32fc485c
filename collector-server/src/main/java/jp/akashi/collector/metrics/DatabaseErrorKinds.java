package jp.akashi.collector.metrics;

import java.sql.SQLException;

/**
 * The kind label of a database error, from SQLite's result code or PostgreSQL's SQLSTATE: what
 * an operator acts on (a full disk, corruption, lock contention), not the driver's wording.
 */
public final class DatabaseErrorKinds {
    private DatabaseErrorKinds() {
    }

    /** The first SQLException in {@code t}'s causes, or null when the failure is not the database's. */
    public static SQLException sqlCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException e) {
                return e;
            }
        }
        return null;
    }

    public static String of(SQLException e) {
        String state = e.getSQLState();
        if (e.getClass().getName().startsWith("org.sqlite.")) {
            return sqlite(e.getErrorCode() & 0xff);
        }
        if (state == null || state.length() < 2) {
            return "other";
        }
        return switch (state) {
            case "53100" -> "disk_full";
            case "40P01" -> "deadlock";
            case "40001" -> "serialization";
            case "XX001", "XX002" -> "corrupt";
            case "55P03" -> "busy";
            default -> switch (state.substring(0, 2)) {
                case "23" -> "constraint";
                case "08", "57" -> "connection";
                case "58" -> "io";
                case "53" -> "resources";
                default -> "other";
            };
        };
    }

    /** SQLite primary result codes (sqlite.org/rescode.html). */
    private static String sqlite(int code) {
        return switch (code) {
            case 13 -> "disk_full";
            case 5, 6 -> "busy";
            case 11, 26 -> "corrupt";
            case 10, 14 -> "io";
            case 19 -> "constraint";
            case 8 -> "read_only";
            default -> "other";
        };
    }
}
