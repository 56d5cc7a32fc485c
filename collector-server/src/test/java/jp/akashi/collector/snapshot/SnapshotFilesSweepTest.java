package jp.akashi.collector.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temporary files a crash left in the snapshot directory (builds, private copies of downloads) do not pile up. */
class SnapshotFilesSweepTest {
    @TempDir
    Path dataDir;

    @Test
    void staleTemporariesGoYoungOnesAndSnapshotsStay() throws Exception {
        SnapshotFiles files = new SnapshotFiles(dataDir.toString());
        String id = "5ec510c1-52da-49be-860d-b7eefc8fb38f";
        Path stale = files.temporary(id);
        Path young = files.temporary(id);
        Path zip = Files.writeString(files.path(id), "a snapshot");
        Path oldZip = Files.writeString(files.dir().resolve("0ec510c1-52da-49be-860d-b7eefc8fb38f.zip"), "an old snapshot");
        FileTime longAgo = FileTime.from(Instant.now().minus(Duration.ofDays(2)));
        Files.setLastModifiedTime(stale, longAgo);
        Files.setLastModifiedTime(oldZip, longAgo);

        assertThat(files.sweepTemporaries(SnapshotFiles.STALE_TEMPORARY)).isEqualTo(1);
        assertThat(stale).doesNotExist();
        assertThat(young).exists();
        assertThat(zip).exists();
        assertThat(oldZip).exists();
        assertThat(files.sweepTemporaries(SnapshotFiles.STALE_TEMPORARY)).isZero();
    }
}
