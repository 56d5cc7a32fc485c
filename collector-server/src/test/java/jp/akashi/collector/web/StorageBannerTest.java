package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.akashi.collector.testing.TestCollector;

/**
 * The console's red banner while the collector's data volume is below its free-space floor (a real
 * tmpfs, needs root; skipped elsewhere), in Japanese and English, gone once space is freed.
 */
class StorageBannerTest {
    @TempDir
    Path tmp;

    @Test
    void everyPageShowsTheDiskFullBannerUntilSpaceIsFreed() throws Exception {
        Path mnt = Files.createDirectories(tmp.resolve("small-disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", mnt.toString())
                .redirectErrorStream(true).start();
        Assumptions.assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs here (not root)");
        try (TestCollector c = TestCollector.unstarted(mnt.resolve("data"), Map.of("akashi.health.min-free-space", "8MB"))) {
            c.start();
            WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
            assertThat(w.get("/").body()).doesNotContain("id=\"health-banner\"");

            Path filler = mnt.resolve("filler");
            fillLeaving(filler, mnt, 2 << 20);
            String page = w.get("/").body();
            assertThat(page).contains("id=\"health-banner\"").contains("コレクターのデータ領域に空きがありません");
            w.submit("/lang", Map.of("lang", "en", "next", "/"));
            assertThat(w.get("/").body()).contains("id=\"health-banner\"").contains("data volume is full");
            w.submit("/lang", Map.of("lang", "ja", "next", "/"));

            Files.delete(filler);
            assertThat(w.get("/").body()).doesNotContain("id=\"health-banner\"");
        } finally {
            new ProcessBuilder("umount", "-l", mnt.toString()).start().waitFor();
        }
    }

    /** Writes until only about {@code leave} bytes are free on the volume. */
    private static void fillLeaving(Path file, Path volume, long leave) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] block = new byte[64 * 1024];
            while (Files.getFileStore(volume).getUsableSpace() > leave + block.length) {
                out.write(block);
            }
        }
        assertThat(Files.getFileStore(volume).getUsableSpace()).isLessThan(8 << 20);
    }
}
