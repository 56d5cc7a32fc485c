package jp.akashi.collector.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fills a (small, test-mounted) file system to its last byte, for the disk-full fault tests. */
public final class DiskFiller {
    private DiskFiller() {
    }

    /** Writes {@code file} until the file system has no byte left: big blocks first, then small ones. */
    public static void fill(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] block = new byte[64 * 1024];
            while (true) {
                try {
                    out.write(block);
                } catch (IOException full) {
                    break;
                }
            }
            byte[] one = new byte[512];
            for (int i = 0; i < 10_000; i++) {
                try {
                    out.write(one);
                    out.flush();
                } catch (IOException full) {
                    break;
                }
            }
        } catch (IOException closing) {
            // the last buffered bytes do not fit either
        }
    }
}
