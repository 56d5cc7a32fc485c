package jp.akashi.probes.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.HostProbes;
import jp.akashi.probes.host.LocalHostAccess;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.testing.FixtureHost;

/** Probes run one after another, or several at once where the host access allows it; the result is the same. */
class ProbeRunnerTest {

    /** Records whether it met the other probes inside collect() (a barrier only opens if they run at the same time). */
    private static Probe meeting(String id, CyclicBarrier barrier, AtomicInteger running, AtomicInteger peak) {
        return new Probe() {
            @Override public String id() { return id; }
            @Override public List<String> keys() { return List.of(id + ".met", id + ".missing"); }
            @Override public boolean appliesTo(ProbeContext ctx) { return true; }
            @Override public void collect(ProbeContext ctx, FactSink out) {
                peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                boolean met;
                try {
                    barrier.await(2, TimeUnit.SECONDS);
                    met = true;
                } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                    met = false;
                }
                running.decrementAndGet();
                out.ok(id + ".met", met, null);
                if (id.equals("p2")) {
                    throw new IllegalStateException("boom");
                }
            }
        };
    }

    private static List<Probe> three(CyclicBarrier barrier, AtomicInteger running, AtomicInteger peak) {
        return List.of(meeting("p1", barrier, running, peak), meeting("p2", barrier, running, peak), meeting("p3", barrier, running, peak));
    }

    @Test
    void aConcurrentHostRunsProbesAtOnceAndKeepsTheirOrder() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        List<Integer> indices = Collections.synchronizedList(new ArrayList<>());
        ProbeContext ctx = new ProbeContext(new LocalHostAccess(), Clock.systemUTC(), ProbeContext.LINUX, Map.of());

        List<Fact> facts = new ProbeRunner(three(new CyclicBarrier(3), running, peak), 3)
                .run(ctx, (p, i, n) -> indices.add(i * 10 + n));

        assertThat(peak.get()).isEqualTo(3);
        assertThat(facts).extracting(Fact::key)
                .containsExactly("p1.met", "p1.missing", "p2.met", "p2.missing", "p3.met", "p3.missing");
        assertThat(facts).filteredOn(f -> f.key().endsWith(".met")).extracting(Fact::value).containsOnly(true);
        // what a probe did not record is an error naming the probe and, if it threw, the failure
        assertThat(facts).filteredOn(f -> f.key().endsWith(".missing")).extracting(Fact::status).containsOnly(FactStatus.ERROR);
        assertThat(facts.get(3).message()).contains("p2").contains("boom");
        assertThat(facts.get(1).message()).contains("p1").doesNotContain("boom");
        assertThat(facts).extracting(Fact::probe).containsExactly("p1", "p1", "p2", "p2", "p3", "p3");
        assertThat(indices).containsExactlyInAnyOrder(13, 23, 33);
    }

    @Test
    void aHostThatCannotServeConcurrentCallsGetsOneProbeAtATime() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        ProbeContext ctx = new ProbeContext(new FixtureHost(), Clock.systemUTC(), ProbeContext.LINUX, Map.of());

        // a barrier of one never waits: each probe runs alone and still completes
        List<Fact> facts = new ProbeRunner(three(new CyclicBarrier(1), running, peak), 3).run(ctx);

        assertThat(peak.get()).isEqualTo(1);
        assertThat(facts).hasSize(6);
    }

    @Test
    void oneThreadIsSequentialEvenOnTheLocalHost() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        ProbeContext ctx = new ProbeContext(new LocalHostAccess(), Clock.systemUTC(), ProbeContext.LINUX, Map.of());

        new ProbeRunner(three(new CyclicBarrier(1), running, peak)).run(ctx);

        assertThat(peak.get()).isEqualTo(1);
    }

    /** The real probes on this machine: several at once report the same keys with the same statuses as one at a time. */
    @Test
    void theRealProbesGiveTheSameFactsConcurrently() {
        ProbeContext ctx = new ProbeContext(new LocalHostAccess(), Clock.systemUTC(), HostProbes.localOsFamily(), Map.of());
        List<String> sequential = new ProbeRunner(HostProbes.all()).run(ctx).stream().map(f -> f.key() + "=" + f.status() + "@" + f.probe()).toList();
        List<String> concurrent = new ProbeRunner(HostProbes.all(), ProbeRunner.LOCAL_THREADS).run(ctx).stream()
                .map(f -> f.key() + "=" + f.status() + "@" + f.probe()).toList();
        assertThat(concurrent).isNotEmpty().containsExactlyElementsOf(sequential);
    }

    @Test
    void refusesZeroThreads() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ProbeRunner(List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
