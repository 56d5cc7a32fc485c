package jp.akashi.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.akashi.agent.spool.Spool;
import jp.akashi.probes.model.AssetIdentity;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.util.Json;

class SpoolTest {
    @TempDir
    Path dir;

    static Report report(int minute) {
        Instant t = Instant.parse("2026-11-20T00:00:00Z").plusSeconds(minute * 60L);
        return new Report(1, UUID.randomUUID(), "agent-1", "test", Report.SOURCE_AGENT,
                new AssetIdentity("host", "h", "m", null, null, null, "linux"), t, t, List.of());
    }

    @Test
    void reportsWaitOldestFirstAndSurviveAsOwnerOnlyFiles() throws Exception {
        Spool spool = new Spool(dir.resolve("spool"), 10, 1 << 20);
        Report first = report(1);
        Report second = report(2);
        spool.put(second);
        spool.put(first);
        List<Path> pending = new Spool(dir.resolve("spool"), 10, 1 << 20).pending();
        assertThat(pending).hasSize(2);
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(pending.get(0)))) {
            assertThat(Json.mapper().readValue(in, Report.class).reportId()).isEqualTo(first.reportId());
        }
        assertThat(Files.getPosixFilePermissions(pending.get(0))).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        spool.acknowledge(pending.get(0));
        assertThat(spool.pending()).hasSize(1);
    }

    @Test
    void aFullSpoolDropsTheOldestAndSaysHowMany() throws Exception {
        Spool spool = new Spool(dir.resolve("spool"), 3, 1 << 20);
        int dropped = 0;
        for (int i = 0; i < 5; i++) {
            dropped += spool.put(report(i));
        }
        assertThat(dropped).isEqualTo(2);
        assertThat(spool.pending()).hasSize(3);
        assertThat(spool.pending().get(0).getFileName().toString()).startsWith(String.format("%013d",
                Instant.parse("2026-11-20T00:02:00Z").toEpochMilli()));
    }

    @Test
    void refusedReportsAreKeptAsideWithTheReason() throws Exception {
        Spool spool = new Spool(dir.resolve("spool"), 10, 1 << 20);
        spool.put(report(1));
        Path p = spool.pending().get(0);
        spool.reject(p, "HTTP 400: facts[3] (auth.password.min_length): value must be of type integer");
        assertThat(spool.pending()).isEmpty();
        Path rejected = dir.resolve("spool").resolve("rejected");
        assertThat(rejected.resolve(p.getFileName())).exists();
        assertThat(Files.readString(rejected.resolve(p.getFileName() + ".reason.txt"))).contains("must be of type integer");
    }
}
