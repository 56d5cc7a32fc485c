package jp.akashi.collector.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import javax.sql.DataSource;

/**
 * Checks of the SQLite file before the collector uses it. An existing file that is empty,
 * unreadable or not a SQLite database would otherwise be opened as a new, empty database (a
 * silent fresh install: a new admin, every agent refused with 401); pages damaged on disk would
 * be found only by the statements that happen to read them. Both refuse the start with a
 * message that names the file and the backup to restore ({@link DatabaseRefused}).
 */
public final class DatabaseFile {
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    /** How many problems of quick_check / integrity_check are shown. */
    static final int SHOWN = 10;

    private DatabaseFile() {
    }

    /** The database file of a JDBC URL: null for PostgreSQL, and for SQLite's in-memory and URI forms. */
    public static Path of(String url) {
        if (!url.startsWith("jdbc:sqlite:")) {
            return null;
        }
        String file = url.substring("jdbc:sqlite:".length());
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return null;
        }
        String plain = file.contains("?") ? file.substring(0, file.indexOf('?')) : file;
        return Path.of(plain).toAbsolutePath();
    }

    /**
     * Refuses an existing file that is not a usable SQLite database. A file that does not exist
     * yet is fine: SQLite creates it now, for a first start.
     */
    public static void refuseDamaged(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        if (!Files.isRegularFile(file)) {
            throw refused(file, "is not a regular file");
        }
        byte[] head = new byte[HEADER.length];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw refused(file, "cannot be read (" + e.getMessage() + ")");
        }
        if (n == 0) {
            throw refused(file, "is empty (0 bytes), but this start did not create it");
        }
        if (n < HEADER.length || !Arrays.equals(head, HEADER)) {
            throw refused(file, "is not a SQLite database (its first bytes are not the SQLite header)");
        }
    }

    /** Refuses a database whose {@code PRAGMA quick_check} finds problems (damaged pages, broken indexes). */
    public static void refuseCorrupt(Path file, DataSource ds) {
        List<String> problems = check(ds, "quick_check");
        if (!problems.isEmpty()) {
            throw refused(file, "has damaged pages: PRAGMA quick_check found " + String.join("; ", problems));
        }
    }

    /**
     * Runs {@code PRAGMA quick_check} or {@code integrity_check}; returns the problems found
     * (empty when the database is sound). A database too damaged to be read at all is one problem.
     */
    public static List<String> check(DataSource ds, String pragma) {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA " + pragma + "(" + (SHOWN + 1) + ")")) {
            while (rs.next()) {
                String line = rs.getString(1);
                if (!"ok".equals(line)) {
                    out.add(line);
                }
            }
        } catch (SQLException e) {
            out.add(e.getMessage());
        }
        if (out.size() > SHOWN) {
            out = new ArrayList<>(out.subList(0, SHOWN));
            out.add("…");
        }
        return out;
    }

    static DatabaseRefused refused(Path file, String what) {
        return new DatabaseRefused("the database file " + file + " " + what + ". The collector does not start on it: "
                + "that would lose or hide what it holds (an empty database means a new admin and every agent refused). "
                + restoreAdvice(file));
    }

    /** What to restore: the newest backup beside the file if there is one, else the operator's backup of the directory. */
    public static String restoreAdvice(Path file) {
        Path dir = file.getParent();
        String name = file.getFileName().toString();
        String from = newestBackup(file).map(b -> "the newest backup beside it, " + b + ", or ")
                .orElse("") + "your latest backup of " + dir;
        return "To restore: stop the collector, copy " + name + " from " + from + " to " + file
                + " (remove " + name + "-wal and " + name + "-shm beside it unless they come from the same backup), "
                + "check it with 'akashi-collector check-db --data-dir " + dir + "', then start again. "
                + "To start with an empty database on purpose (agents must enroll again), move the file aside: mv " + file + " "
                + file + ".damaged";
    }

    /** {@code akashi.db.bak}, {@code akashi.db.backup-…} and the like in the same directory, newest first. */
    static Optional<Path> newestBackup(Path file) {
        String name = file.getFileName().toString();
        try (Stream<Path> s = Files.list(file.getParent())) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(name + ".") && !n.endsWith(".damaged") && Files.isRegularFile(p) && size(p) > 0;
            }).max(Comparator.comparing(DatabaseFile::modified));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
