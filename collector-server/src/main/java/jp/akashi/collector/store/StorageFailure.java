package jp.akashi.collector.store;

import java.sql.SQLException;
import java.util.Locale;

import org.sqlite.SQLiteException;

/**
 * What a storage error means for the collector's health, read from the database driver's own
 * codes (SQLite result codes, PostgreSQL SQLSTATE) or the operating system's message: the disk is
 * full, the database is damaged, or the database cannot be written right now. Constraint
 * violations, serialization failures and the application's own refusals are none of these.
 *
 * @param kind   what broke
 * @param code   the driver's name for it (SQLITE_FULL, 53100, ENOSPC …), never SQL text or values
 */
public record StorageFailure(Kind kind, String code) {

    public enum Kind {
        /** No space left on the volume of the database or the data directory. */
        FULL,
        /** Pages of the database are damaged (SQLITE_CORRUPT, SQLITE_NOTADB, PostgreSQL XX001/XX002). */
        CORRUPT,
        /** The database cannot be written or reached (I/O error, read-only, connection lost). */
        UNAVAILABLE
    }

    /** The failure behind {@code t} (its whole cause chain), or null when it is none of the storage failures. */
    public static StorageFailure of(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof StorageUnavailable su) {
                return su.failure();
            }
            StorageFailure f = c instanceof SQLiteException s ? sqlite(s)
                    : c instanceof SQLException s ? sqlState(s)
                    : c instanceof java.io.IOException io ? io(io) : null;
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private static StorageFailure sqlite(SQLiteException e) {
        int primary = e.getResultCode().code & 0xff;
        String name = e.getResultCode().name();
        return switch (primary) {
            case 13 -> new StorageFailure(Kind.FULL, name);                   // SQLITE_FULL
            case 11, 26 -> new StorageFailure(Kind.CORRUPT, name);            // SQLITE_CORRUPT, SQLITE_NOTADB
            case 8, 10, 14, 15 -> new StorageFailure(Kind.UNAVAILABLE, name); // READONLY, IOERR, CANTOPEN, PROTOCOL
            default -> null;
        };
    }

    private static StorageFailure sqlState(SQLException e) {
        String state = e.getSQLState();
        if (e instanceof java.sql.SQLTransientConnectionException) {
            return new StorageFailure(Kind.UNAVAILABLE, state == null ? "connection-timeout" : state);
        }
        if (state == null || state.length() != 5) {
            return null;
        }
        if (state.equals("53100")) {
            return new StorageFailure(Kind.FULL, state);
        }
        if (state.equals("XX001") || state.equals("XX002")) {
            return new StorageFailure(Kind.CORRUPT, state);
        }
        if (state.startsWith("08") || state.startsWith("53") || state.startsWith("58") || state.equals("57P01")
                || state.equals("25006")) {
            return new StorageFailure(Kind.UNAVAILABLE, state);
        }
        return null;
    }

    private static StorageFailure io(java.io.IOException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return m.contains("no space left on device") || m.contains("disk quota exceeded")
                ? new StorageFailure(Kind.FULL, "ENOSPC") : null;
    }

    /** A short, secret-free description for /health and the logs. */
    public String summary() {
        return switch (kind) {
            case FULL -> "disk full (" + code + ")";
            case CORRUPT -> "database damaged (" + code + ")";
            case UNAVAILABLE -> "database unavailable (" + code + ")";
        };
    }
}
