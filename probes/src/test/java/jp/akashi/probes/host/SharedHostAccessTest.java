package jp.akashi.probes.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.testing.FixtureHost;

class SharedHostAccessTest {
    static final List<String> DPKG = List.of("dpkg-query", "-W");

    @Test
    void aCommandOrFileAskedTwiceRunsOnce() {
        FixtureHost h = new FixtureHost().command("dpkg-query -W", 0, "bash\t5.2\n").command("ps -e -o args=", 0, "sshd\n")
                .file("/etc/login.defs", "PASS_MAX_DAYS 90\n");
        SharedHostAccess s = new SharedHostAccess(h);
        CommandResult a = s.exec(DPKG, Duration.ofSeconds(5));
        CommandResult b = s.exec(new ArrayList<>(DPKG), Duration.ofSeconds(5));
        s.exec(List.of("ps", "-e", "-o", "args="), Duration.ofSeconds(5));
        assertThat(b).isSameAs(a);
        assertThat(h.executed()).containsExactly("dpkg-query -W", "ps -e -o args=");
        assertThat(s.read("/etc/login.defs", 4096)).isSameAs(s.read("/etc/login.defs", 4096));
        assertThat(s.read("/etc/login.defs", 1 << 20)).as("the whole file within a larger limit").isSameAs(s.read("/etc/login.defs", 4096));
        assertThat(s.read("/etc/login.defs", 4).content()).isEqualTo("PASS");   // a smaller limit than the file: read again
        assertThat(s.read("/etc/none", 10).ok()).isFalse();
        assertThat(s.read("/etc/none", 4096).ok()).isFalse();
    }

    /** Probes run three at a time: the second asks while the first is still running, and waits for it. */
    @Test
    void concurrentCallersWaitForTheFirstRun() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HostAccess slow = new Slow(() -> {
            runs.incrementAndGet();
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new CommandResult("dpkg-query -W", 0, "bash\n", "", false, Duration.ofMillis(5), null);
        });
        SharedHostAccess s = new SharedHostAccess(slow);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<CommandResult>> f = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                f.add(pool.submit(() -> s.exec(DPKG, Duration.ofSeconds(5))));
            }
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(100);
            release.countDown();
            for (Future<CommandResult> r : f) {
                assertThat(r.get(10, TimeUnit.SECONDS).stdout()).isEqualTo("bash\n");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(runs).hasValue(1);
    }

    @Test
    void aTimeoutIsRunAgainForACallerThatWaitsLonger() {
        AtomicInteger runs = new AtomicInteger();
        HostAccess h = new Slow(() -> runs.incrementAndGet() == 1
                ? new CommandResult("dpkg-query -W", -1, "", "", true, Duration.ofSeconds(5), null)
                : new CommandResult("dpkg-query -W", 0, "bash\n", "", false, Duration.ofSeconds(7), null));
        SharedHostAccess s = new SharedHostAccess(h);
        assertThat(s.exec(DPKG, Duration.ofSeconds(5)).timedOut()).isTrue();
        assertThat(s.exec(DPKG, Duration.ofSeconds(5)).timedOut()).as("the same time allowed: the same answer").isTrue();
        assertThat(s.exec(DPKG, Duration.ofSeconds(20)).succeeded()).isTrue();
        assertThat(s.exec(DPKG, Duration.ofSeconds(5)).succeeded()).isTrue();
        assertThat(runs).hasValue(2);
    }

    /** A host whose one command is answered by {@code answer}. */
    private record Slow(java.util.function.Supplier<CommandResult> answer) implements HostAccess {
        @Override
        public String describe() {
            return "slow";
        }

        @Override
        public CommandResult exec(List<String> argv, Duration timeout) {
            return answer.get();
        }

        @Override
        public FileRead read(String path, int maxBytes) {
            return FileRead.notFound(path);
        }

        @Override
        public Optional<FileEntry> stat(String path) {
            return Optional.empty();
        }

        @Override
        public List<FileEntry> list(String dir) {
            return List.of();
        }

        @Override
        public boolean privileged() {
            return true;
        }

        @Override
        public boolean hasCommand(String name) {
            return true;
        }
    }
}
