package jp.akashi.probes.host.ssh;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jp.akashi.probes.host.FileEntry;
import jp.akashi.probes.host.FileRead;

/**
 * The remote commands behind file reads, stats and listings, and pure parsers of what they print.
 * GNU coreutils/findutils (every Linux distribution the probes cover) and the C locale are assumed.
 */
final class RemoteFiles {

    /** find's -printf for one entry: readable flag, type, size, mtime (epoch.fraction), base name; NUL-terminated. */
    private static final String FORMAT = "\t%y\t%s\t%T@\t%f\\0";

    private RemoteFiles() {
    }

    /** Reads one byte more than allowed so a longer file is seen as truncated. */
    static List<String> readCommand(String path, int maxBytes) {
        return List.of("head", "-c", Long.toString((long) maxBytes + 1), "--", path);
    }

    /** Stats {@code path} following symbolic links, as {@code Files.readAttributes} does locally. */
    static List<String> statCommand(String path) {
        return List.of("find", "-L", path, "-maxdepth", "0", "(", "-readable", "-printf", "r", "-o", "-printf", "-", ")", "-printf", FORMAT);
    }

    /** Lists {@code dir}'s entries without following links, as the local listing does. */
    static List<String> listCommand(String dir) {
        return List.of("find", dir, "-mindepth", "1", "-maxdepth", "1", "(", "-readable", "-printf", "r", "-o", "-printf", "-", ")", "-printf", FORMAT);
    }

    /** Maps {@code head}'s error message (C locale) to the read status a local read would give. */
    static FileRead readFailure(String path, int exitCode, String stderr) {
        // only head's own lines: a login shell may add its own (e.g. "Could not chdir to home directory …")
        String all = stderr == null ? "" : stderr.strip();
        String own = all.lines().filter(l -> l.startsWith("head:") || l.startsWith("sudo:")).collect(java.util.stream.Collectors.joining("\n"));
        String err = own.isEmpty() ? all : own;
        if (err.contains("No such file or directory")) {
            return FileRead.notFound(path);
        }
        if (err.contains("Permission denied")) {
            return FileRead.denied(path);
        }
        if (err.contains("Is a directory")) {
            return FileRead.error(path, code("host.read_is_directory", path), "is a directory");
        }
        String first = err.lines().findFirst().orElse("");
        return FileRead.error(path, first.isEmpty() ? code("host.read_exit", path, exitCode) : code("host.read_exit_stderr", path, exitCode, first),
                "exit " + exitCode + (first.isEmpty() ? "" : ": " + first));
    }

    /**
     * Parses the NUL-separated records of {@link #statCommand}/{@link #listCommand}: {@code <r|->\t<type>\t<size>\t<mtime>\t<name>}.
     * Malformed records are skipped.
     */
    static List<FileEntry> parseEntries(String output, String dir) {
        List<FileEntry> out = new ArrayList<>();
        if (output == null || output.isEmpty()) {
            return out;
        }
        String prefix = dir.endsWith("/") ? dir : dir + "/";
        for (String rec : output.split("\0")) {
            parseRecord(rec).ifPresent(r -> out.add(new FileEntry(prefix + r.name, r.name, r.size, r.modified, r.directory, r.readable)));
        }
        out.sort(Comparator.comparing(FileEntry::name));
        return out;
    }

    /** Parses the single record of {@link #statCommand}; empty for a dangling link (find -L still reports type l). */
    static Optional<FileEntry> parseStat(String output, String path) {
        if (output == null) {
            return Optional.empty();
        }
        String rec = output.endsWith("\0") ? output.substring(0, output.length() - 1) : output;
        if (rec.isEmpty() || rec.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        return parseRecord(rec).filter(r -> !r.type.equals("l"))
                .map(r -> new FileEntry(path, r.name, r.size, r.modified, r.directory, r.readable));
    }

    private record Record(boolean readable, String type, long size, Instant modified, String name, boolean directory) {
    }

    private static Optional<Record> parseRecord(String rec) {
        String[] f = rec.split("\t", 5);
        if (f.length != 5 || f[4].isEmpty() || !(f[0].equals("r") || f[0].equals("-"))) {
            return Optional.empty();
        }
        try {
            long size = Long.parseLong(f[2]);
            Instant modified = epoch(f[3]);
            return Optional.of(new Record(f[0].equals("r"), f[1], size, modified, f[4], f[1].equals("d")));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** {@code 1700000000.1234567890} (find's %T@) → Instant, nanosecond precision. */
    static Instant epoch(String s) {
        BigDecimal d = new BigDecimal(s);
        long secs = d.longValue();
        long nanos = d.subtract(BigDecimal.valueOf(secs)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(secs, nanos);
    }
}
