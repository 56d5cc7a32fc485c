package jp.akashi.agent.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.akashi.agent.AgentMain;
import jp.akashi.agent.config.AgentConfig;
import jp.akashi.agent.config.AgentPaths;

/**
 * The probation of an installed version: confirmed by a delivering round (then the daemon
 * restarts onto it), rolled back at its deadline otherwise, and never retried once rolled back.
 * (Download and install against a real collector: integration-tests SelfUpdateTest.)
 */
class SelfUpdaterTest {
    @TempDir
    Path dir;

    static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    AgentPaths paths() {
        return new AgentPaths(dir.resolve("cfg"), dir.resolve("state"));
    }

    SelfUpdater updater(Instant now, String running) {
        AgentConfig cfg = new AgentConfig("https://collector:8443", null, "a1", "c1", 60, "h");
        return new SelfUpdater(cfg, paths(), dir.resolve("lib/akashi-agent.jar"), Clock.fixed(now, ZoneOffset.UTC),
                new PrintStream(new ByteArrayOutputStream()), running);
    }

    void installed() throws Exception {
        Files.createDirectories(dir.resolve("lib"));
        Files.createDirectories(dir.resolve("state"));
        Path jar = dir.resolve("lib/akashi-agent.jar");
        Files.writeString(jar, "old");
        Path fresh = Files.writeString(dir.resolve("new.jar"), "new");
        JarSwap.install(fresh, jar);
        new UpdateState(new UpdateOffer("0.5.0", "akashi-agent-0.5.0.jar", "/agent/packages/akashi-agent-0.5.0.jar", "ab".repeat(32), "sig"),
                null, List.of(), new UpdateState.Probation("0.4.0", "0.5.0", "ab".repeat(32), jar.toString(), JarSwap.previous(jar).toString(),
                T0.plusSeconds(120).toString()), null).save(paths().stateDir());
    }

    @Test
    void aDeliveringRoundConfirmsTheNewVersionAndTheDaemonRestartsOntoIt() throws Exception {
        installed();
        assertThat(updater(T0.plusSeconds(5), "0.4.0").afterRound(AgentMain.EXIT_OK, true)).isEqualTo(SelfUpdater.Next.RESTART);
        UpdateState s = UpdateState.load(paths().stateDir());
        assertThat(s.probation()).isNull();
        assertThat(s.outcome().state()).isEqualTo("updated");
        assertThat(s.outcome().from()).isEqualTo("0.4.0");
        assertThat(Files.readString(dir.resolve("lib/akashi-agent.jar"))).isEqualTo("new");
        assertThat(Files.readString(dir.resolve("lib/akashi-agent.jar.previous"))).isEqualTo("old");
    }

    @Test
    void failingRoundsWaitForTheDeadlineThenTheOldJarIsBackAndTheVersionDeclined() throws Exception {
        installed();
        assertThat(updater(T0.plusSeconds(60), "0.4.0").afterRound(AgentMain.EXIT_ERROR, true)).isEqualTo(SelfUpdater.Next.CONTINUE);
        assertThat(Files.readString(dir.resolve("lib/akashi-agent.jar"))).as("still on probation").isEqualTo("new");
        assertThat(updater(T0.plusSeconds(121), "0.4.0").afterRound(AgentMain.EXIT_ERROR, true)).isEqualTo(SelfUpdater.Next.ROUND_NOW);
        assertThat(Files.readString(dir.resolve("lib/akashi-agent.jar"))).isEqualTo("old");
        UpdateState s = UpdateState.load(paths().stateDir());
        assertThat(s.outcome().state()).isEqualTo("rolled_back");
        assertThat(s.outcome().detail()).contains("did not report within two intervals");
        assertThat(s.declined()).containsExactly("ab".repeat(32));
        // the same offer is not taken again (nothing is downloaded: no collector is reachable here)
        assertThat(updater(T0.plusSeconds(200), "0.4.0").afterRound(AgentMain.EXIT_OK, true)).isEqualTo(SelfUpdater.Next.CONTINUE);
        assertThat(UpdateState.load(paths().stateDir()).outcome().state()).isEqualTo("rolled_back");
    }

    @Test
    void aDaemonAlreadyOnTheNewVersionRestartsOntoTheOldOneWhenItRollsBack() throws Exception {
        installed();
        assertThat(updater(T0.plusSeconds(121), "0.5.0").afterRound(AgentMain.EXIT_ERROR, true)).isEqualTo(SelfUpdater.Next.RESTART);
    }

    @Test
    void anOfferOfTheRunningOrAnOlderVersionIsIgnored() throws Exception {
        Files.createDirectories(dir.resolve("state"));
        new UpdateState(new UpdateOffer("0.4.0", "akashi-agent-0.4.0.jar", "/agent/packages/akashi-agent-0.4.0.jar", "cd".repeat(32), "sig"),
                null, List.of(), null, null).save(paths().stateDir());
        assertThat(updater(T0, "0.4.0").afterRound(AgentMain.EXIT_OK, true)).isEqualTo(SelfUpdater.Next.CONTINUE);
        assertThat(updater(T0, "0.5.0").afterRound(AgentMain.EXIT_OK, true)).isEqualTo(SelfUpdater.Next.CONTINUE);
        assertThat(UpdateState.load(paths().stateDir()).outcome()).as("nothing attempted").isNull();
    }
}
