package jp.akashi.probes.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random byte changes and truncations of a genuine snapshot (fixed seeds, bounded): the reader
 * throws nothing but {@link SnapshotArchive.ArchiveException}, and the verifier accepts no
 * changed archive.
 */
class SnapshotArchiveFuzzTest {
    static final int ITERATIONS = 2_000;

    @TempDir
    Path dir;

    @Test
    void randomChangesAreRefusedAndNeverThrowAnythingElse() throws Exception {
        byte[] genuine = SnapshotTamperTest.snapshot("fuzz-1", Instant.parse("2026-12-01T00:00:00Z"), null);
        Map<String, byte[]> genuineContent = contents(Files.write(dir.resolve("genuine.zip"), genuine));
        Path file = dir.resolve("fuzzed.zip");
        int refusedByReader = 0;
        int refusedByVerifier = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            Random rnd = new Random(1_000 + i);
            byte[] b = mutate(genuine, rnd);
            if (Arrays.equals(b, genuine)) {
                continue;
            }
            Files.write(file, b);
            try {
                contents(file);
            } catch (SnapshotArchive.ArchiveException expected) {
                refusedByReader++;
                assertThat(expected.getMessage()).isNotBlank();
            } catch (Throwable t) {
                fail("seed " + (1_000 + i) + ": the reader threw " + t, t);
            }
            SnapshotVerifier.Result r = SnapshotVerifier.verify(file, SnapshotTamperTest.KEY.getPublic(), null);
            if (r.ok()) {
                fail("seed " + (1_000 + i) + ": a changed archive verified");
            }
            refusedByVerifier++;
        }
        System.out.printf("fuzz: %d changed archives, %d refused by the reader, all %d refused by the verifier%n",
                refusedByVerifier, refusedByReader, refusedByVerifier);
        assertThat(refusedByVerifier).isGreaterThan(ITERATIONS * 9 / 10);
        assertThat(genuineContent).containsKey("report.html");
    }

    /** One to four random byte changes, a random truncation, a removed range or inserted bytes. */
    static byte[] mutate(byte[] g, Random rnd) {
        byte[] b = g.clone();
        switch (rnd.nextInt(5)) {
            case 0, 1 -> {
                for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
            }
            case 2 -> b = Arrays.copyOf(g, rnd.nextInt(g.length));
            case 3 -> {
                int at = rnd.nextInt(g.length);
                int n = 1 + rnd.nextInt(Math.min(64, g.length - at));
                byte[] c = new byte[g.length - n];
                System.arraycopy(g, 0, c, 0, at);
                System.arraycopy(g, at + n, c, at, g.length - at - n);
                b = c;
            }
            default -> {
                int at = rnd.nextInt(g.length + 1);
                byte[] ins = new byte[1 + rnd.nextInt(32)];
                rnd.nextBytes(ins);
                byte[] c = new byte[g.length + ins.length];
                System.arraycopy(g, 0, c, 0, at);
                System.arraycopy(ins, 0, c, at, ins.length);
                System.arraycopy(g, at, c, at + ins.length, g.length - at);
                b = c;
            }
        }
        return b;
    }

    static Map<String, byte[]> contents(Path zip) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (SnapshotArchive a = SnapshotArchive.open(zip)) {
            for (SnapshotArchive.Entry e : a.entries()) {
                try (InputStream in = a.open(e)) {
                    out.put(e.name(), in.readAllBytes());
                }
            }
        }
        return out;
    }
}
