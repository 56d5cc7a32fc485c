package jp.akashi.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.akashi.probes.host.CommandMemo;
import jp.akashi.probes.host.CommandResult;

class FileCommandMemoTest {
    static final String KEY = "apt\u0000list\u0000--upgradable";
    static final CommandMemo.Entry ENTRY = new CommandMemo.Entry("ab".repeat(32), Instant.parse("2026-12-08T01:00:00Z"),
            new CommandResult("apt list --upgradable", 0, "Listing...\nbash/stable 5.2 amd64 [upgradable from: 5.1]\n",
                    "WARNING: apt does not have a stable CLI interface.\n", false, Duration.ofMillis(850), null));

    @TempDir
    Path dir;

    @Test
    void keepsAnEntryOwnerOnlyAndGivesItBack() throws Exception {
        FileCommandMemo memo = new FileCommandMemo(dir.resolve("memo"), Map.of("PATH", "/usr/bin"));
        assertThat(memo.recall(KEY)).isEmpty();
        memo.remember(KEY, ENTRY);
        CommandMemo.Entry back = new FileCommandMemo(dir.resolve("memo"), Map.of("PATH", "/usr/bin")).recall(KEY).orElseThrow();
        assertThat(back.stamp()).isEqualTo(ENTRY.stamp());
        assertThat(back.ranAt()).isEqualTo(ENTRY.ranAt());
        assertThat(back.result().stdout()).isEqualTo(ENTRY.result().stdout());
        assertThat(back.result().succeeded()).isTrue();
        try (var files = Files.list(dir.resolve("memo"))) {
            Path f = files.findFirst().orElseThrow();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("memo")))).isEqualTo("rwx------");
        // the commands inherit the agent's environment: another one (APT_CONFIG set) is another entry
        assertThat(new FileCommandMemo(dir.resolve("memo"), Map.of("PATH", "/usr/bin", "APT_CONFIG", "/tmp/apt.conf")).recall(KEY)).isEmpty();
    }

    /** A damaged memo costs one run of the command: it is absent, removed, and never an error. */
    @Test
    void aDamagedEntryIsAbsentAndRemoved() throws Exception {
        FileCommandMemo memo = new FileCommandMemo(dir, Map.of());
        memo.remember(KEY, ENTRY);
        Path f;
        try (var files = Files.list(dir)) {
            f = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        byte[] good = Files.readAllBytes(f);
        for (byte[] bad : new byte[][] {
                new byte[0],
                "{\"key\":".getBytes(),
                new String(good).replace(KEY.replace("\u0000", "\\u0000"), "other").getBytes(),   // an entry for another command
                new String(good).replace("\"ranAt\":\"2026-12-08T01:00:00Z\"", "\"ranAt\":\"yesterday\"").getBytes(),
                new byte[FileCommandMemo.MAX_FILE_BYTES + 10]}) {
            Files.write(f, bad);
            assertThat(memo.recall(KEY)).isEmpty();
            assertThat(f).doesNotExist();
        }
    }

    @Test
    void aMemoThatCannotBeWrittenOrAHugeOutputKeepsNothing() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        FileCommandMemo blocked = new FileCommandMemo(file.resolve("memo"), Map.of());
        blocked.remember(KEY, ENTRY);
        assertThat(blocked.recall(KEY)).isEmpty();

        FileCommandMemo memo = new FileCommandMemo(dir.resolve("memo"), Map.of());
        memo.remember(KEY, ENTRY);
        String huge = "x".repeat(FileCommandMemo.MAX_OUTPUT_CHARS + 1);
        memo.remember(KEY, new CommandMemo.Entry(ENTRY.stamp(), ENTRY.ranAt(),
                new CommandResult("apt list --upgradable", 0, huge, "", false, Duration.ZERO, null)));
        assertThat(memo.recall(KEY)).as("the older, smaller answer is not left to stand for the newer one").isEmpty();
    }
}
