package jp.akashi.collector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;

/**
 * Acknowledged means durable: in WAL mode with {@code synchronous=NORMAL} and nothing else, the
 * last commits before a power loss can be lost after the agent dropped its copy. By default a
 * write returns only after the WAL was forced to disk (group commit); FULL is SQLite's own fsync
 * per commit; NORMAL (no fsync) only when configured; anything else is refused.
 */
class DurableCommitTest {

    @Test
    void byDefaultEveryAcknowledgedReportWaitsForAForceOfTheWal() throws Exception {
        try (TestCollector c = new TestCollector()) {
            Database db = c.bean(Database.class);
            String journal = db.read(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
            assertThat(journal).isEqualToIgnoringCase("wal");
            String[] agent = c.enrollAgent();
            for (int i = 0; i < 5; i++) {
                long before = db.walForces();
                TestCollector.Response r = c.postJson("/api/v1/reports", agent[1],
                        Reports.host(agent[0], "host-" + i, "machine-" + i, Reports.linuxPolicyFacts("host-" + i, true)));
                assertThat(r.status()).isEqualTo(201);
                assertThat(db.walForces()).as("the WAL was forced before report " + i + " was acknowledged").isGreaterThan(before);
            }
        }
    }

    @Test
    void fullIsSqlitesOwnFsyncPerCommitAndNormalIsOnlyWhatIsConfigured() throws Exception {
        try (TestCollector c = new TestCollector(Map.of(), Map.of("akashi.db.synchronous", "FULL"))) {
            assertThat(synchronous(c)).as("PRAGMA synchronous (2 = FULL)").isEqualTo(2);
        }
        try (TestCollector c = new TestCollector(Map.of(), Map.of("akashi.db.synchronous", "NORMAL"))) {
            assertThat(synchronous(c)).as("PRAGMA synchronous (1 = NORMAL)").isEqualTo(1);
            c.enrollAgent();
            assertThat(c.bean(Database.class).walForces()).isZero();
        }
    }

    @Test
    void anUnknownSynchronousSettingIsRefused() {
        assertThatThrownBy(() -> new TestCollector(Map.of(), Map.of("akashi.db.synchronous", "SOMETIMES")).close())
                .rootCause().hasMessageContaining("akashi.db.synchronous").hasMessageContaining("SOMETIMES");
    }

    private static int synchronous(TestCollector c) {
        int seen = -1;
        for (int i = 0; i < 8; i++) {
            int s = c.bean(Database.class).read(h -> h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one());
            assertThat(seen == -1 || seen == s).as("all connections alike").isTrue();
            seen = s;
        }
        return seen;
    }
}
