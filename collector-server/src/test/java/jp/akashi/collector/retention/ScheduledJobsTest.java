package jp.akashi.collector.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;

/**
 * The periodic jobs (retention, attachment sweep, target ticks) run on Micronaut's scheduler at
 * their configured delay, on no thread of their own.
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

    static List<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();
    }
}
