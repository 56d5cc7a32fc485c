package jp.akashi.collector.ingest;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jp.akashi.collector.store.Database;

/**
 * How long a report field may be: the width of the column the collector copies it into, read
 * from the migrated schema itself (db/migration), so the limit and the column cannot drift apart.
 * SQLite stores a 60,000-character name in a VARCHAR(255) column; PostgreSQL refuses the
 * transaction — a report must be refused before either.
 */
@Singleton
public class ColumnWidths {
    /** Report fields and the columns each is copied into (IngestService.store, AssetStore.updateObserved). */
    static final Map<String, List<String>> FIELDS = Map.of(
            "agentVersion", List.of("reports.agent_version", "agents.last_version"),
            "asset.hostname", List.of("assets.hostname"),
            "asset.machineId", List.of("assets.machine_id"),
            "asset.hardwareUuid", List.of("assets.hardware_uuid"),
            "asset.snmpEngineId", List.of("assets.snmp_engine_id"),
            "asset.address", List.of("assets.address"),
            "asset.osFamily", List.of("assets.os_family"));
    /** Fact values shown on the asset row (IngestService.knownValues). */
    static final Map<String, List<String>> FACT_VALUES = Map.of(
            "os.family", List.of("assets.os_family"),
            "os.name", List.of("assets.os_name"),
            "os.pretty_name", List.of("assets.os_name"),
            "os.version", List.of("assets.os_version"));

    private final Map<String, Integer> fieldWidths = new HashMap<>();
    private final Map<String, Integer> factWidths = new HashMap<>();
    private final Map<String, String> columnOf = new HashMap<>();

    @Inject
    public ColumnWidths(Database db) {
        this(read(db));
    }

    private static Map<String, Integer> read(Database db) {
        return db.<Map<String, Integer>>read(h -> {
            try {
                return widths(h.getConnection().getMetaData());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read column widths from the database: " + e.getMessage(), e);
            }
        });
    }

    /** @param columns {@code table.column} → width in characters of every fixed-width text column */
    ColumnWidths(Map<String, Integer> columns) {
        resolve(FIELDS, columns, fieldWidths);
        resolve(FACT_VALUES, columns, factWidths);
    }

    private void resolve(Map<String, List<String>> fields, Map<String, Integer> columns, Map<String, Integer> out) {
        fields.forEach((field, cols) -> {
            int width = Integer.MAX_VALUE;
            for (String col : cols) {
                Integer w = columns.get(col);
                if (w == null) {
                    throw new IllegalStateException("column " + col + " (for " + field + ") is not a VARCHAR column of the schema");
                }
                if (w < width) {
                    width = w;
                    columnOf.put(field, col);
                }
            }
            out.put(field, width);
        });
    }

    /** Width of the column report field {@code field} goes into ({@code asset.hostname}), or MAX_VALUE. */
    int field(String field) {
        return fieldWidths.getOrDefault(field, Integer.MAX_VALUE);
    }

    /** Width of the column the value of fact {@code key} goes into, or MAX_VALUE when it goes into none. */
    int factValue(String key) {
        return factWidths.getOrDefault(key, Integer.MAX_VALUE);
    }

    /** The narrowest column {@code fieldOrKey} goes into, for messages. */
    String column(String fieldOrKey) {
        return columnOf.get(fieldOrKey);
    }

    /** Whether {@code s} fits in {@code width} characters (PostgreSQL counts code points, not UTF-16 units). */
    static boolean fits(String s, int width) {
        return s.length() <= width || s.codePointCount(0, s.length()) <= width;
    }

    /** Widths of the VARCHAR/CHAR columns of the tables report fields go into. */
    static Map<String, Integer> widths(DatabaseMetaData meta) throws SQLException {
        Map<String, Integer> out = new HashMap<>();
        for (String table : List.of("assets", "reports", "agents")) {
            try (ResultSet rs = meta.getColumns(null, null, table, null)) {
                while (rs.next()) {
                    String type = rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT);
                    if (type.contains("char") && !type.contains("text")) {
                        out.merge(table + "." + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), rs.getInt("COLUMN_SIZE"), Math::min);
                    }
                }
            }
        }
        return out;
    }
}
