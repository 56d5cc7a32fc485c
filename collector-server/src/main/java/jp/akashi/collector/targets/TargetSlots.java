package jp.akashi.collector.targets;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The named executor {@value #NAME}: the slots in which targets run, as many as
 * {@code akashi.targets.parallelism} ({@link TargetsProperties}, validated there, 1..64). A fixed pool
 * whose threads ({@code akashi-target-N}) take a due target's run each; the run itself happens on the
 * {@code targets} executor (application.yml), so a run past its budget can be abandoned. It is made
 * here rather than under {@code micronaut.executors} so that its size has one default, the record's.
 * The context shuts it down when it closes ({@link TargetScheduler} does too, first).
 */
@Factory
public class TargetSlots {
    public static final String NAME = "target-slots";

    @Singleton
    @Named(NAME)
    @Bean(preDestroy = "shutdownNow")
    ExecutorService targetSlots(TargetsProperties settings) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory named = r -> {
            Thread th = new Thread(r, "akashi-target-" + n.incrementAndGet());
            th.setDaemon(true);
            return th;
        };
        return Executors.newFixedThreadPool(settings.parallelism(), named);
    }
}
