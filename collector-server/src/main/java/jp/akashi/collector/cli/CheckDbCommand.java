package jp.akashi.collector.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import jp.akashi.collector.config.Settings;
import jp.akashi.collector.store.DatabaseFile;
import jp.akashi.collector.store.DatabaseRefused;

/**
 * {@code akashi-collector check-db [--data-dir …] [--db-url …]}: runs {@code PRAGMA integrity_check}
 * on the SQLite database (read-only; the collector may keep running) and prints what it found.
 * Exit 0 sound, 3 damaged or unreadable, 2 usage.
 */
@Command(name = "check-db", mixinStandardHelpOptions = true,
        description = {"Check the SQLite database with PRAGMA integrity_check (read-only; the collector may keep running).",
                "For PostgreSQL use its own tools (amcheck, pg_checksums)."})
final class CheckDbCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final PrintStream out;

    CheckDbCommand(Map<String, String> env, PrintStream out) {
        this.env = env;
        this.out = out;
    }

    @Override
    public Integer call() {
        Settings s;
        try {
            s = CollectorCommand.settings(spec, env);
        } catch (IllegalArgumentException e) {
            out.println("akashi-collector check-db: " + e.getMessage());
            return CollectorCommand.EXIT_USAGE;
        }
        if (!s.sqlite()) {
            out.println("akashi-collector check-db: checks the embedded SQLite database; for PostgreSQL use its own tools "
                    + "(amcheck, pg_checksums)");
            return CollectorCommand.EXIT_USAGE;
        }
        Path file = Path.of(s.dbUrl().substring("jdbc:sqlite:".length()).replaceFirst("\\?.*", "")).toAbsolutePath();
        if (!Files.exists(file)) {
            out.println("akashi-collector check-db: " + file + " does not exist");
            return DatabaseRefused.EXIT_CODE;
        }
        try {
            DatabaseFile.refuseDamaged(file);
        } catch (DatabaseRefused e) {
            out.println("akashi-collector check-db: " + e.getMessage());
            return DatabaseRefused.EXIT_CODE;
        }
        out.println("checking " + file + " with PRAGMA integrity_check (read-only) …");
        long t0 = System.nanoTime();
        org.sqlite.SQLiteConfig cfg = new org.sqlite.SQLiteConfig();
        cfg.setReadOnly(true);
        org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource(cfg);
        ds.setUrl("jdbc:sqlite:" + file);
        List<String> problems = DatabaseFile.check(ds, "integrity_check");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (problems.isEmpty()) {
            out.println("ok: integrity_check found no problems in " + file + " (" + ms + " ms)");
            return 0;
        }
        out.println("damaged: integrity_check found problems in " + file + ":");
        problems.forEach(p -> out.println("  " + p));
        out.println(DatabaseFile.restoreAdvice(file));
        return DatabaseRefused.EXIT_CODE;
    }
}
