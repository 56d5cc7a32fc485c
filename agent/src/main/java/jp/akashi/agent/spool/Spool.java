package jp.akashi.agent.spool;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import jp.akashi.probes.model.Report;
import jp.akashi.probes.util.Json;

/**
 * Reports waiting for the collector, one gzip file each, written before any send is tried and
 * deleted only after the collector acknowledged them. Survives restarts; bounded in count and
 * size (the oldest are dropped first, and the drop is reported) so a long outage cannot fill
 * the disk. Reports the collector refuses for good go to {@code rejected/} for inspection.
 */
public final class Spool {
    public static final String SUFFIX = ".json.gz";
    static final int MAX_REJECTED = 50;

    private final Path dir;
    private final int maxFiles;
    private final long maxBytes;
    private Instant[] lastDropped;

    public Spool(Path dir, int maxFiles, long maxBytes) {
        this.dir = dir;
        this.maxFiles = maxFiles;
        this.maxBytes = maxBytes;
    }

    /** Stores a report; returns how many old reports had to be dropped to stay within bounds. */
    public int put(Report r) throws IOException {
        return put(r, Json.mapper().writeValueAsBytes(r));
    }

    /** Stores a report whose JSON body was prepared by the caller (with fields beyond the record's). */
    public int put(Report r, byte[] json) throws IOException {
        FileSafety.ensureDir(dir, true);
        byte[] gz = gzip(json);
        String name = String.format("%013d-%s%s", r.finishedAt().toEpochMilli(), r.reportId(), SUFFIX);
        FileSafety.writeAtomically(dir.resolve(name), gz, true);
        return enforceBounds();
    }

    /** Waiting reports, oldest first. */
    public List<Path> pending() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        }
    }

    /** Removes temporary files left by an interrupted write (a crash, a full disk); returns how many. */
    public int cleanTemporaries() throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int n = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(x -> x.getFileName().toString().startsWith(".")
                    && x.getFileName().toString().endsWith(FileSafety.TMP_SUFFIX)).toList()) {
                if (Files.deleteIfExists(p)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Null when a small report can be written to the spool now, else why not (e.g. "No space left on device"). */
    public String unwritableReason() {
        try {
            FileSafety.ensureDir(dir, true);
            Path probe = dir.resolve(".write-check" + FileSafety.TMP_SUFFIX);
            try {
                Files.write(probe, new byte[4096]);
            } finally {
                Files.deleteIfExists(probe);
            }
            return null;
        } catch (IOException e) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }

    /** Where refused reports are kept, with a {@code .reason.txt} beside each. */
    public Path rejectedDir() {
        return dir.resolve("rejected");
    }

    /** How many refused reports are kept under {@link #rejectedDir()}. */
    public long rejectedCount() throws IOException {
        if (!Files.isDirectory(rejectedDir())) {
            return 0;
        }
        try (Stream<Path> s = Files.list(rejectedDir())) {
            return s.filter(x -> x.getFileName().toString().endsWith(SUFFIX)).count();
        }
    }

    public byte[] read(Path p) throws IOException {
        return Files.readAllBytes(p);
    }

    public void acknowledge(Path p) throws IOException {
        Files.deleteIfExists(p);
    }

    /** Moves a report the collector refused for good out of the queue, with the reason beside it. */
    public void reject(Path p, String reason) throws IOException {
        Path rejected = rejectedDir();
        FileSafety.ensureDir(rejected, true);
        Files.move(p, rejected.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(rejected.resolve(p.getFileName() + ".reason.txt"), reason + "\n", StandardCharsets.UTF_8);
        try (Stream<Path> s = Files.list(rejected)) {
            List<Path> reports = s.filter(x -> x.getFileName().toString().endsWith(SUFFIX))
                    .sorted(Comparator.comparing(x -> x.getFileName().toString())).toList();
            for (int i = 0; i < reports.size() - MAX_REJECTED; i++) {
                Files.deleteIfExists(reports.get(i));
                Files.deleteIfExists(rejected.resolve(reports.get(i).getFileName() + ".reason.txt"));
            }
        }
    }

    private int enforceBounds() throws IOException {
        List<Path> all = new ArrayList<>(pending());
        long total = 0;
        for (Path p : all) {
            total += Files.size(p);
        }
        int dropped = 0;
        lastDropped = null;
        while (all.size() > 1 && (all.size() > maxFiles || total > maxBytes)) {
            Path oldest = all.remove(0);
            Instant at = collectedAt(oldest);
            if (at != null) {
                lastDropped = lastDropped == null ? new Instant[]{at, at}
                        : new Instant[]{at.isBefore(lastDropped[0]) ? at : lastDropped[0], at.isAfter(lastDropped[1]) ? at : lastDropped[1]};
            }
            total -= Files.size(oldest);
            Files.deleteIfExists(oldest);
            dropped++;
        }
        return dropped;
    }

    /** When the reports the last {@link #put} dropped were collected: {oldest, newest}, or null when none (or unknown). */
    public Instant[] lastDropped() {
        return lastDropped;
    }

    /** The collection time is the file name's prefix (epoch milliseconds). */
    private static Instant collectedAt(Path p) {
        String n = p.getFileName().toString();
        int dash = n.indexOf('-');
        try {
            return dash > 0 ? Instant.ofEpochMilli(Long.parseLong(n.substring(0, dash))) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream(data.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.toByteArray();
    }
}
