package jp.akashi.probes.host.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.akashi.probes.HostProbes;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.api.ProbeRunner;
import jp.akashi.probes.host.LocalHostAccess;
import jp.akashi.probes.model.Fact;

/** Records a collection on this (real) machine, writes and reads the capture, and replays it. */
class CaptureReplayTest {
    private static final Clock AT = Clock.fixed(Instant.parse("2026-11-22T03:00:00Z"), ZoneOffset.UTC);

    @Test
    void replayingACaptureGivesTheFactsTheLiveRunGave(@TempDir Path dir) throws Exception {
        String os = HostProbes.localOsFamily();
        RecordingHostAccess recording = new RecordingHostAccess(new LocalHostAccess(), AT);
        List<Fact> live = new ProbeRunner(HostProbes.all()).run(new ProbeContext(recording, AT, os, Map.of()));
        HostCapture written = recording.capture(os);
        Path file = dir.resolve("capture.json");
        written.write(file);

        HostCapture read = HostCapture.read(file);
        assertThat(read.commands()).hasSameSizeAs(written.commands()).isNotEmpty();
        assertThat(read.files()).isNotEmpty();
        List<Fact> replayed = new ProbeRunner(HostProbes.all()).run(new ProbeContext(new ReplayHostAccess(read), AT, read.osFamily(), Map.of()));

        assertThat(replayed).hasSameSizeAs(live);
        for (int i = 0; i < live.size(); i++) {
            Fact a = live.get(i);
            Fact b = replayed.get(i);
            assertThat(b.key()).isEqualTo(a.key());
            if (a.key().startsWith("account.")) {
                // judged from the redacted shadow file: the same verdict, but evidence hashed over other text
                assertThat(b.status()).as(a.key()).isEqualTo(a.status());
                assertThat(b.value()).as(a.key()).isEqualTo(a.value());
                continue;
            }
            assertThat(b).as(a.key()).isEqualTo(a);
        }
    }

    @Test
    void whatTheCaptureLacksIsAbsentNotGuessed() {
        HostCapture empty = new HostCapture(HostCapture.FORMAT, AT.instant(), ProbeContext.LINUX, "h", false,
                List.of(), List.of(), List.of(), List.of(), Map.of());
        ReplayHostAccess host = new ReplayHostAccess(empty);
        assertThat(host.exec("ss", "-tulpn").notFound()).isTrue();
        assertThat(host.read("/etc/os-release").status()).isEqualTo(jp.akashi.probes.host.FileRead.Status.NOT_FOUND);
        assertThat(host.stat("/etc")).isEmpty();
        assertThat(host.hasCommand("apt")).isFalse();
    }

    @Test
    void passwordHashesNeverEnterACapture() {
        String shadow = "root:$y$j9T$abc$def:19700:0:99999:7:::\n"
                + "daemon:*:19700:0:99999:7:::\n"
                + "locked:!$6$salt$hash:19700:0:99999:7:::\n"
                + "never:!!:19700::::::\n"
                + "open::19700:0:99999:7:::\n";
        String r = Redaction.shadow(shadow);
        assertThat(r).doesNotContain("abc$def", "salt$hash")
                .isEqualTo("root:$redacted$:19700:0:99999:7:::\n"
                        + "daemon:*:19700:0:99999:7:::\n"
                        + "locked:!$redacted$:19700:0:99999:7:::\n"
                        + "never:!!:19700::::::\n"
                        + "open::19700:0:99999:7:::\n");
    }
}
