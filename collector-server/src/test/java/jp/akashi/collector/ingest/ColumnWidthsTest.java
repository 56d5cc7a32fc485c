package jp.akashi.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.store.Database;

class ColumnWidthsTest {

    /** The widths come from the migrated schema, not from a list in the code. */
    @Test
    void widthsAreReadFromTheMigratedSchema() throws Exception {
        Path dir = Files.createTempDirectory("akashi-widths-");
        try (Database db = Database.outsideApplication("jdbc:sqlite:" + dir.resolve("w.db"), "", "", 2)) {
            ColumnWidths w = new ColumnWidths(db);
            assertThat(w.field("asset.hostname")).isEqualTo(255);
            assertThat(w.field("asset.machineId")).isEqualTo(128);
            assertThat(w.field("asset.osFamily")).isEqualTo(32);
            assertThat(w.field("agentVersion")).isEqualTo(64);
            assertThat(w.factValue("os.pretty_name")).isEqualTo(255);
            assertThat(w.column("os.pretty_name")).isEqualTo("assets.os_name");
            assertThat(w.factValue("os.version")).isEqualTo(64);
            assertThat(w.factValue("auth.password.min_length")).as("not copied into a column").isEqualTo(Integer.MAX_VALUE);
            Map<String, Integer> raw = db.read(h -> {
                try {
                    return ColumnWidths.widths(h.getConnection().getMetaData());
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(raw).as("TEXT columns have no width").doesNotContainKey("asset_facts.facts");
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aMappedColumnMissingFromTheSchemaStopsTheStart() {
        Map<String, Integer> columns = new HashMap<>();
        ColumnWidths.FIELDS.values().forEach(l -> l.forEach(c -> columns.put(c, 10)));
        ColumnWidths.FACT_VALUES.values().forEach(l -> l.forEach(c -> columns.put(c, 10)));
        columns.remove("assets.os_name");
        assertThatThrownBy(() -> new ColumnWidths(columns)).hasMessageContaining("assets.os_name");
    }

    @Test
    void widthCountsCodePointsAsPostgresDoes() {
        assertThat(ColumnWidths.fits("😀".repeat(255), 255)).isTrue();
        assertThat(ColumnWidths.fits("😀".repeat(256), 255)).isFalse();
        assertThat(ColumnWidths.fits("a".repeat(256), 255)).isFalse();
    }
}
