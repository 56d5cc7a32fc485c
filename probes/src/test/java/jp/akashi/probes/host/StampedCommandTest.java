package jp.akashi.probes.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.testing.FixtureHost;
import jp.akashi.probes.testing.MapMemo;

class StampedCommandTest {
    static final List<String> CMD = List.of("apt", "list", "--upgradable");
    static final Instant T0 = Instant.parse("2026-12-08T00:00:00Z");
    static final Instant OLD = Instant.parse("2026-12-01T00:00:00Z");
    static final List<StampedCommand.Input> INPUTS = List.of(StampedCommand.Input.file("/var/lib/dpkg/status"),
            StampedCommand.Input.dir("/var/lib/apt/lists", 1), StampedCommand.Input.dir("/etc/apt", 2));
    static final Duration MAX_AGE = Duration.ofHours(6);

    private final MapMemo memo = new MapMemo();

    static FixtureHost host() {
        return new FixtureHost()
                .file("/var/lib/dpkg/status", "Package: bash\n", OLD)
                .file("/var/lib/apt/lists/a_Packages", "x", OLD)
                .file("/etc/apt/sources.list.d/debian.sources", "Types: deb\n", OLD)
                .command("apt list --upgradable", 0, "Listing...\nbash/stable 5.2 amd64 [upgradable from: 5.1]\n");
    }

    private StampedCommand.Outcome run(FixtureHost h, Instant at) {
        return StampedCommand.run(h, memo, Clock.fixed(at, ZoneOffset.UTC), CMD, Duration.ofSeconds(10), INPUTS, MAX_AGE);
    }

    @Test
    void unchangedInputsReuseTheLastAnswerAndSaySo() {
        FixtureHost h = host();
        StampedCommand.Outcome first = run(h, T0);
        StampedCommand.Outcome second = run(h, T0.plusSeconds(900));
        assertThat(h.executed()).containsExactly("apt list --upgradable");
        assertThat(first.reused()).isFalse();
        assertThat(first.note()).isNull();
        assertThat(second.reused()).isTrue();
        assertThat(second.result().stdout()).isEqualTo(first.result().stdout());
        assertThat(second.ranAt()).isEqualTo(T0);
        assertThat(second.note()).contains("reused", T0.toString(), "apt list --upgradable");
    }

    /** Every kind of change to an input runs the command again: the class, not one file. */
    @Test
    void anyChangeOfAnInputRunsAgain() {
        List<Consumer<FixtureHost>> changes = List.of(
                h -> h.file("/var/lib/dpkg/status", "Package: bash\n", OLD.plusSeconds(1)),            // mtime
                h -> h.file("/var/lib/dpkg/status", "Package: bash2\n", OLD),                          // size, same mtime
                h -> h.file("/var/lib/apt/lists/b_Packages", "y", OLD),                                // a new list
                h -> h.remove("/var/lib/apt/lists/a_Packages"),                                        // a list gone
                h -> h.file("/etc/apt/sources.list.d/debian.sources", "Types: deb deb-src\n", OLD),    // two levels down
                h -> h.file("/etc/apt/preferences.d/pin", "Package: *\n", OLD),                        // a new directory of files
                h -> h.remove("/var/lib/dpkg/status"));                                                // an input vanished
        for (int i = 0; i < changes.size(); i++) {
            FixtureHost h = host();
            memo.entries.clear();
            run(h, T0);
            changes.get(i).accept(h);
            StampedCommand.Outcome again = run(h, T0.plusSeconds(60));
            assertThat(again.reused()).as("change %d", i).isFalse();
            assertThat(h.executed()).as("change %d", i).hasSize(2);
        }
    }

    @Test
    void tooOldAClockGoneBackOrARacyInputRunsAgain() {
        FixtureHost h = host();
        run(h, T0);
        assertThat(run(h, T0.plus(MAX_AGE).plusSeconds(1)).reused()).as("older than the maximum age").isFalse();
        memo.entries.clear();
        run(h, T0);
        assertThat(run(h, T0.minusSeconds(1)).reused()).as("the clock went back").isFalse();

        // an input written within the same second as the run may have changed again unseen
        FixtureHost racy = host().file("/var/lib/dpkg/status", "Package: bash\n", T0.minusMillis(500));
        memo.entries.clear();
        run(racy, T0);
        assertThat(run(racy, T0.plusSeconds(900)).reused()).isFalse();
        assertThat(racy.executed()).hasSize(2);
    }

    @Test
    void aFailureIsNeverReusedAndNoMemoMeansEveryRun() {
        FixtureHost h = host().command("apt list --upgradable", 100, "", "E: could not lock");
        run(h, T0);
        assertThat(memo.entries).isEmpty();
        assertThat(run(h, T0.plusSeconds(900)).reused()).isFalse();

        FixtureHost ok = host();
        for (int i = 0; i < 3; i++) {
            StampedCommand.run(ok, CommandMemo.NONE, Clock.fixed(T0.plusSeconds(i), ZoneOffset.UTC), CMD, Duration.ofSeconds(10), INPUTS, MAX_AGE);
        }
        assertThat(ok.executed()).hasSize(3);
    }

    @Test
    void anEntryForOtherInputsIsNotUsed() {
        FixtureHost h = host();
        run(h, T0);
        CommandMemo.Entry e = memo.entries.values().iterator().next();
        memo.entries.replaceAll((k, v) -> new CommandMemo.Entry("0".repeat(64), e.ranAt(), e.result()));
        assertThat(run(h, T0.plusSeconds(60)).reused()).isFalse();
    }
}
