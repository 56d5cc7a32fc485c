package jp.akashi.probes.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An offline root is read only inside itself, and never runs anything. */
class ImageHostAccessTest {
    @TempDir
    Path dir;

    private Path image() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("usr/share/zoneinfo/Asia"));
        Files.writeString(root.resolve("usr/share/zoneinfo/Asia/Tokyo"), "image zone");
        Files.writeString(root.resolve("etc/hostname"), "image-host\n");
        return root;
    }

    @Test
    void absoluteLinksPointIntoTheImageNotAtTheCollectingMachine() throws Exception {
        Path root = image();
        Files.createSymbolicLink(root.resolve("etc/localtime"), Path.of("/usr/share/zoneinfo/Asia/Tokyo"));
        // a link to the collecting machine's own file: inside the image it does not exist
        Files.createSymbolicLink(root.resolve("etc/hosts"), Path.of("/etc/hostname"));
        Files.createSymbolicLink(root.resolve("etc/passwd"), Path.of(Files.createTempFile(dir, "host-", ".txt").toString()));
        ImageHostAccess h = new ImageHostAccess(root);
        assertThat(h.read("/etc/localtime").content()).isEqualTo("image zone");
        assertThat(h.read("/etc/hosts").content()).as("/etc/hostname of the image").isEqualTo("image-host\n");
        assertThat(h.read("/etc/passwd").status()).as("a host path outside the image").isEqualTo(FileRead.Status.NOT_FOUND);
        assertThat(h.stat("/etc/localtime")).get().extracting(FileEntry::size).isEqualTo(10L);
    }

    @Test
    void dotDotStopsAtTheRoot() throws Exception {
        Path root = image();
        Files.writeString(dir.resolve("outside.txt"), "secret of the collecting machine");
        Files.createSymbolicLink(root.resolve("etc/up"), Path.of("../../../../outside.txt"));
        ImageHostAccess h = new ImageHostAccess(root);
        assertThat(h.read("/../outside.txt").ok()).isFalse();
        assertThat(h.read("/etc/../../../outside.txt").ok()).isFalse();
        assertThat(h.read("/etc/up").ok()).isFalse();
        assertThat(h.read("/etc/../etc/hostname").content()).isEqualTo("image-host\n");
    }

    @Test
    void linkLoopsAndSpecialFilesAreErrorsNotHangs() throws Exception {
        Path root = image();
        Files.createSymbolicLink(root.resolve("etc/a"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("etc/b"), Path.of("/etc/a"));
        Path fifo = root.resolve("etc/fifo");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        ImageHostAccess h = new ImageHostAccess(root);
        assertThat(h.read("/etc/a").status()).isEqualTo(FileRead.Status.ERROR);
        assertThat(h.read("/etc/a").problem()).contains("symbolic links");
        assertThat(h.read("/etc/fifo").problem()).isEqualTo("not a regular file");
        assertThat(h.list("/etc")).extracting(FileEntry::name).contains("hostname", "fifo").doesNotContain("a", "b");
    }

    @Test
    void nothingRunsAndLiveOnlyPathsSaySo() throws Exception {
        Path root = image();
        Files.createDirectories(root.resolve("proc/1"));
        Files.writeString(root.resolve("proc/1/cmdline"), "stale");
        Files.createDirectories(root.resolve("usr/sbin"));
        Path sshd = Files.writeString(root.resolve("usr/sbin/sshd"), "#!/bin/sh\ntouch " + dir.resolve("ran") + "\n");
        sshd.toFile().setExecutable(true);
        ImageHostAccess h = new ImageHostAccess(root);
        h.beginProbe("linux.ssh");
        CommandResult r = h.exec(List.of("/usr/sbin/sshd", "-T"), Duration.ofSeconds(5));
        assertThat(r.succeeded()).isFalse();
        assertThat(r.notFound()).as("not 'not installed': the image may well have it").isFalse();
        assertThat(r.describeFailure()).startsWith(ImageHostAccess.OFFLINE);
        assertThat(dir.resolve("ran")).doesNotExist();
        assertThat(h.hasCommand("sshd")).as("installed in the image").isTrue();
        assertThat(h.hasCommand("java")).as("the collecting machine's programs are not the image's").isFalse();
        h.beginProbe("linux.os");
        assertThat(h.read("/proc/1/cmdline").problem()).startsWith(ImageHostAccess.OFFLINE);
        assertThat(h.list("/proc")).isEmpty();
        assertThat(h.liveUses()).containsKeys("linux.ssh", "linux.os");
        assertThat(new String(Files.readAllBytes(root.resolve("etc/hostname")), StandardCharsets.UTF_8)).isEqualTo("image-host\n");
    }
}
