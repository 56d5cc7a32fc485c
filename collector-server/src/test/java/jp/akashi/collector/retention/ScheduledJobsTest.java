package jp.akashi.collector.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;

/**
 * The periodic jobs (retention, attachment sweep, target ticks, the snapshot schedule) run on
 * Micronaut's scheduler at their configured delay, on no thread of their own; targets run in the
 * named executor {@code target-slots}, sized by {@code akashi.targets.parallelism}.
 */
class ScheduledJobsTest {
    @Test
    void retentionRunsOnItsTickWithoutAThreadOfItsOwn() throws Exception {
        TestCollector c = new TestCollector(Map.of(), Map.of("akashi.retention.tick", "PT1S", "akashi.retention.period", "PT1S"));
        try {
            RetentionPruner pruner = c.bean(RetentionPruner.class);
            long deadline = System.currentTimeMillis() + 20_000;
            while (pruner.lastPassAt() == null && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(pruner.lastPassAt()).as("a pass ran on the scheduler").isNotNull();
            assertThat(threadNames()).noneMatch(n -> n.startsWith("akashi-retention") || n.startsWith("akashi-attachment-sweep")
                    || n.startsWith("akashi-target-tick"));
        } finally {
            c.close();
        }
    }

    @Test
    void snapshotScheduleAndTargetSlotsUseMicronautsExecutors() throws Exception {
        TestCollector c = new TestCollector(Map.of(), Map.of("akashi.snapshots.schedule", "0 0 0 1 * *",
                "akashi.targets.parallelism", "2"));
        try {
            assertThat(c.bean(jp.akashi.collector.snapshot.SnapshotSchedule.class).nextRun()).as("planned at start").isPresent();
            assertThat(threadNames()).noneMatch(n -> n.startsWith("akashi-snapshot-schedule") || n.startsWith("akashi-evaluator")
                    || n.startsWith("akashi-lease-renewal"));
            assertThat(threadNames()).anyMatch(n -> n.startsWith("evaluator-")).anyMatch(n -> n.startsWith("lease-renewal-"));
            java.util.concurrent.ExecutorService slots = c.context().getBean(java.util.concurrent.ExecutorService.class,
                    io.micronaut.inject.qualifiers.Qualifiers.byName(jp.akashi.collector.targets.TargetSlots.NAME));
            java.util.concurrent.atomic.AtomicInteger now = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
            java.util.Set<String> names = java.util.concurrent.ConcurrentHashMap.newKeySet();
            List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                runs.add(slots.submit(() -> {
                    most.accumulateAndGet(now.incrementAndGet(), Math::max);
                    names.add(Thread.currentThread().getName());
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    now.decrementAndGet();
                }));
            }
            for (java.util.concurrent.Future<?> f : runs) {
                f.get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertThat(most.get()).as("runs at once: akashi.targets.parallelism").isEqualTo(2);
            assertThat(names).allMatch(n -> n.startsWith("akashi-target-")).hasSize(2);
        } finally {
            c.close();
        }
    }

    static List<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();
    }
}
