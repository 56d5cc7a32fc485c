package jp.akashi.collector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;

/**
 * Acknowledged means durable: the collector's SQLite connections commit with
 * {@code synchronous=FULL} (in WAL mode, NORMAL can lose the last commits before a power loss,
 * after the agent already dropped its copy); NORMAL only when configured; anything else is refused.
 */
class DurableCommitTest {

    @Test
    void commitsAreSynchronousFullUnlessConfiguredOtherwise() throws Exception {
        try (TestCollector c = new TestCollector()) {
            assertThat(synchronous(c)).as("PRAGMA synchronous (2 = FULL)").isEqualTo(2);
            String journal = c.bean(Database.class).read(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
            assertThat(journal).isEqualToIgnoringCase("wal");
        }
        try (TestCollector c = new TestCollector(Map.of(), Map.of("akashi.db.synchronous", "NORMAL"))) {
            assertThat(synchronous(c)).as("PRAGMA synchronous (1 = NORMAL)").isEqualTo(1);
        }
    }

    @Test
    void anUnknownSynchronousSettingIsRefused() {
        assertThatThrownBy(() -> new TestCollector(Map.of(), Map.of("akashi.db.synchronous", "SOMETIMES")).close())
                .rootCause().hasMessageContaining("akashi.db.synchronous").hasMessageContaining("SOMETIMES");
    }

    private static int synchronous(TestCollector c) {
        // every pooled connection: ask as many times as the pool is large, from a fresh handle each time
        int seen = -1;
        for (int i = 0; i < 8; i++) {
            int s = c.bean(Database.class).read(h -> h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one());
            assertThat(seen == -1 || seen == s).as("all connections alike").isTrue();
            seen = s;
        }
        return seen;
    }
}
