package jp.akashi.collector.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.akashi.collector.store.Database;

/**
 * The console reads the verdicts' heads on every page and a verdict's detail (which names the
 * failing assets and grows with the fleet) only when its revision moved: every write must move it.
 */
class CriterionVerdictStoreTest {
    private final CriterionVerdictStore store = new CriterionVerdictStore();

    private static CriterionVerdict verdict(String id, Verdict v, String reason) {
        return new CriterionVerdict(id, v, List.of(Text.of(reason, reason)), List.of(), null, null, null);
    }

    @Test
    void onlyChangedDetailsAreReadAgain(@TempDir Path dir) throws Exception {
        try (Database db = Database.outsideApplication("jdbc:sqlite:" + dir.resolve("akashi.db"), "", "", 2)) {
            // more rows than the IN-list bound, so both ways of reading details are used below
            db.write(h -> {
                for (int i = 0; i < 100; i++) {
                    store.put(h, verdict("meti-scs:" + i, Verdict.MET, "r" + i), 1, 1, false);
                }
                return null;
            });
            CriterionVerdictStore.Delta first = db.read(h -> store.changedSince(h, Map.of()));
            assertThat(first.heads()).hasSize(100);
            assertThat(first.details()).hasSize(100);
            assertThat(CriterionVerdictStore.parse(first.details().get("meti-scs:7")).reasons().get(0).ja()).isEqualTo("r7");

            Map<String, Long> known = new HashMap<>();
            first.heads().forEach((id, head) -> known.put(id, head.revision()));
            assertThat(db.read(h -> store.changedSince(h, known)).details()).as("nothing changed").isEmpty();

            // one verdict rewritten (by this instance or another): its detail alone comes back
            db.write(h -> {
                store.put(h, verdict("meti-scs:7", Verdict.NOT_MET, "new"), 2, 2, true);
                return null;
            });
            CriterionVerdictStore.Delta second = db.read(h -> store.changedSince(h, known));
            assertThat(second.details()).containsOnlyKeys("meti-scs:7");
            assertThat(CriterionVerdictStore.parse(second.details().get("meti-scs:7")).verdict()).isEqualTo(Verdict.NOT_MET);
            assertThat(second.heads().get("meti-scs:7").revision()).isGreaterThan(known.get("meti-scs:7"));
            assertThat(second.heads().get("meti-scs:7").since()).isEqualTo(2);

            // many changed at once: read by one scan, still only the changed ones
            Map<String, Long> stale = new HashMap<>(known);
            for (int i = 0; i < 80; i++) {
                stale.put("meti-scs:" + i, -1L);
            }
            assertThat(db.read(h -> store.changedSince(h, stale)).details()).hasSize(80);
            java.util.Optional<CriterionVerdictStore.Stored> one = db.read(h -> store.one(h, "meti-scs:7"));
            assertThat(one.map(CriterionVerdictStore.Stored::verdict)).contains(Verdict.NOT_MET);
            java.util.Optional<CriterionVerdictStore.Stored> none = db.read(h -> store.one(h, "meti-scs:none"));
            assertThat(none).isEmpty();
        }
    }
}
