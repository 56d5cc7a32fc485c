package jp.akashi.probes.host.capture;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import jp.akashi.probes.host.FileEntry;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.util.Json;

/**
 * Everything the probes read from one host during one collection: each command's output, each
 * file, each directory listing. Written by {@link RecordingHostAccess}, answered again by
 * {@link ReplayHostAccess}, so that what a real Windows, macOS or Linux host produced can become a
 * test fixture, or a support case can be reproduced on any machine.
 */
public record HostCapture(int format, Instant capturedAt, String osFamily, String host, boolean privileged,
                          List<Command> commands, List<FileRead> files, List<Stat> stats, List<Listing> listings,
                          Map<String, Boolean> commandNames) {

    public static final int FORMAT = 1;
    /** The report format's parser limits, but room for whole log files and package lists. */
    private static final ObjectMapper MAPPER = Json.mapper().copy();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(64 * 1024 * 1024).maxNumberLength(64).build());
    }

    /**
     * One command run: its argument list and what it returned.
     *
     * @param elapsedMillis how long it ran (null in captures made before it was kept): a timeout's message names it
     */
    public record Command(List<String> argv, int exitCode, String stdout, String stderr, boolean timedOut, String problem,
                          Long elapsedMillis) {
    }

    /** One stat: {@code entry} is null where the path did not exist. */
    public record Stat(String path, FileEntry entry) {
    }

    public record Listing(String dir, List<FileEntry> entries) {
    }

    /** Writes the capture as JSON, gzip-compressed when the file name ends in {@code .gz}. */
    public void write(Path file) throws IOException {
        try (OutputStream out = gz(file) ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, this);
        }
    }

    public static HostCapture read(Path file) throws IOException {
        HostCapture c;
        try (InputStream in = gz(file) ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
            c = read(in);
        }
        if (c.format() != FORMAT) {
            throw new IOException(file + ": capture format " + c.format() + " is not supported (expected " + FORMAT + ")");
        }
        return c;
    }

    public static HostCapture read(InputStream json) throws IOException {
        HostCapture c = MAPPER.readValue(json, HostCapture.class);
        if (c == null || c.commands() == null || c.files() == null || c.stats() == null || c.listings() == null
                || c.commandNames() == null || c.capturedAt() == null || c.osFamily() == null) {
            throw new IOException("not a complete host capture");
        }
        return c;
    }

    private static boolean gz(Path file) {
        return file.getFileName().toString().endsWith(".gz");
    }
}
