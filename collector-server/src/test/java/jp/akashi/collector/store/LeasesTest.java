package jp.akashi.collector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.PostgresServer;

/**
 * Leases between two "instances" (two pools and two Leases, as two collector processes have) on a
 * real PostgreSQL server, and the SQLite case (one instance holds everything).
 */
class LeasesTest {
    static PostgresServer pg;
    static Database dbA;
    static Database dbB;
    static Leases a;
    static Leases b;

    @BeforeAll
    static void start() throws Exception {
        pg = PostgresServer.start();
        dbA = Database.outsideApplication(pg.jdbcUrl(), pg.user(), "", 2);
        dbB = Database.outsideApplication(pg.jdbcUrl(), pg.user(), "", 2);
        a = new Leases(dbA);
        b = new Leases(dbB);
    }

    @AfterAll
    static void stop() throws Exception {
        a.stop();
        b.stop();
        dbA.close();
        dbB.close();
        pg.close();
    }

    @Test
    void scheduledWorkRunsOnceUntilTheLeaseExpiresAndItsHolderGetsItBack() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        assertThat(a.runIfHolder("t.once", Duration.ofSeconds(2), runs::incrementAndGet)).isTrue();
        assertThat(b.runIfHolder("t.once", Duration.ofSeconds(2), runs::incrementAndGet)).as("the other instance in the same period").isFalse();
        assertThat(a.runIfHolder("t.once", Duration.ofSeconds(2), runs::incrementAndGet)).as("the holder itself").isTrue();
        assertThat(runs).hasValue(2);
        assertThat(b.holderOf("t.once")).contains(a.holder());
        Thread.sleep(2300); // the holder stopped calling (killed): the lease expires
        assertThat(b.holderOf("t.once")).isEmpty();
        assertThat(b.runIfHolder("t.once", Duration.ofSeconds(2), runs::incrementAndGet)).isTrue();
        assertThat(a.runIfHolder("t.once", Duration.ofSeconds(2), runs::incrementAndGet)).isFalse();
        assertThat(runs).hasValue(3);
    }

    @Test
    void aLeaseIsRenewedWhileItsWorkRunsLongerThanItsTtl() {
        AtomicInteger otherRan = new AtomicInteger();
        assertThat(a.runIfHolder("t.long", Duration.ofSeconds(1), () -> {
            long end = System.currentTimeMillis() + 2500;
            while (System.currentTimeMillis() < end) {
                if (b.runIfHolder("t.long", Duration.ofSeconds(1), otherRan::incrementAndGet)) {
                    return;
                }
                sleep(200);
            }
        })).isTrue();
        assertThat(otherRan).as("the other instance never ran while the work was under way").hasValue(0);
    }

    @Test
    void anExclusiveLeaseIsReleasedByClose() {
        Optional<Leases.Lease> held = a.tryAcquire("t.run", Duration.ofSeconds(60));
        assertThat(held).isPresent();
        assertThat(b.tryAcquire("t.run", Duration.ofSeconds(60))).isEmpty();
        assertThat(a.tryAcquire("t.run", Duration.ofSeconds(60))).as("a second holder in the same process").isEmpty();
        held.get().close();
        Optional<Leases.Lease> next = b.tryAcquire("t.run", Duration.ofSeconds(60));
        assertThat(next).as("free at once after close, long before its ttl").isPresent();
        next.get().close();
    }

    @Test
    void aTtlBelowOneSecondIsRefused() {
        assertThatThrownBy(() -> a.tryAcquire("t.bad", Duration.ofMillis(10))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onSqliteTheOneInstanceHoldsEveryLeaseAndOnlyItsOwnHoldersExcludeEachOther() throws Exception {
        Path dir = Files.createTempDirectory("akashi-leases-");
        try (Database sqlite = Database.outsideApplication("jdbc:sqlite:" + dir.resolve("akashi.db"), "", "", 2)) {
            Leases l = new Leases(sqlite);
            AtomicInteger runs = new AtomicInteger();
            assertThat(l.runIfHolder("t.s", Duration.ofSeconds(60), runs::incrementAndGet)).isTrue();
            assertThat(l.runIfHolder("t.s", Duration.ofSeconds(60), runs::incrementAndGet)).isTrue();
            assertThat(runs).hasValue(2);
            Optional<Leases.Lease> held = l.tryAcquire("t.r", Duration.ofSeconds(60));
            assertThat(held).isPresent();
            assertThat(l.holderOf("t.r")).contains(l.holder());
            assertThat(l.tryAcquire("t.r", Duration.ofSeconds(60))).isEmpty();
            held.get().close();
            assertThat(l.holderOf("t.r")).isEmpty();
            l.stop();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
