package jp.akashi.collector.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.List;

import org.jdbi.v3.core.Handle;

/**
 * Inserts many rows with multi-row {@code INSERT … VALUES (…), (…)} statements: one statement
 * per few hundred rows instead of one per row, which is what makes writing a full evaluation of
 * a large fleet fast on SQLite. Table and column names are code constants, never input.
 */
public final class MultiRowInsert {
    /** Stays well under SQLite's and PostgreSQL's bound-parameter limits. */
    static final int MAX_PARAMS = 8000;

    private MultiRowInsert() {
    }

    public static void run(Handle h, String table, List<String> columns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int perStatement = Math.max(1, MAX_PARAMS / columns.size());
        String head = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ";
        String tuple = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        try {
            PreparedStatement full = null;
            for (int i = 0; i < rows.size(); i += perStatement) {
                List<Object[]> part = rows.subList(i, Math.min(rows.size(), i + perStatement));
                boolean isFull = part.size() == perStatement;
                PreparedStatement ps = isFull && full != null ? full
                        : h.getConnection().prepareStatement(head + String.join(", ", Collections.nCopies(part.size(), tuple)));
                int n = 1;
                for (Object[] row : part) {
                    for (Object v : row) {
                        if (v == null) {
                            ps.setNull(n++, Types.VARCHAR);
                        } else if (v instanceof Long l) {
                            ps.setLong(n++, l);
                        } else if (v instanceof Integer x) {
                            ps.setInt(n++, x);
                        } else {
                            ps.setString(n++, v.toString());
                        }
                    }
                }
                ps.executeUpdate();
                if (isFull) {
                    full = ps;
                } else {
                    ps.close();
                }
            }
            if (full != null) {
                full.close();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("insert into " + table + " failed: " + e.getMessage(), e);
        }
    }
}
