package jp.akashi.collector;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;

import java.nio.file.Files;
import java.util.Map;

import jp.akashi.collector.config.Settings;
import jp.akashi.collector.config.TlsSetup;
import jp.akashi.collector.store.DatabaseFile;
import jp.akashi.collector.store.DatabaseRefused;

/** Starts the collector: settings, TLS material, then the Micronaut application. */
public final class CollectorMain {
    private CollectorMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("check-db")) {
            System.exit(checkDb(java.util.Arrays.copyOfRange(args, 1, args.length), System.getenv(), System.out));
        }
        try {
            start(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("akashi-collector: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            DatabaseRefused refused = refusal(e);
            if (refused != null) {
                System.err.println("akashi-collector: " + refused.getMessage());
                System.exit(DatabaseRefused.EXIT_CODE);
            }
            StartRefused startRefused = startRefusal(e);
            if (startRefused != null) {
                // a reason an operator fixes (another signing key than the database's, …): one line, no trace
                System.err.println("akashi-collector: cannot start: " + startRefused.getMessage());
                System.exit(1);
            }
            System.err.println("akashi-collector: cannot start: " + e);
            System.exit(1);
        }
    }

    /** The refused database behind a failed start (Micronaut wraps what a bean's constructor throws), or null. */
    static DatabaseRefused refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseRefused r) {
                return r;
            }
        }
        return null;
    }

    /** The {@link StartRefused} behind a failed start (wrapped by Micronaut), or null. */
    static StartRefused startRefusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StartRefused r) {
                return r;
            }
        }
        return null;
    }

    /**
     * {@code akashi-collector check-db [--data-dir …] [--db-url …]}: runs {@code PRAGMA
     * integrity_check} on the SQLite database (read-only; the collector may keep running) and
     * prints what it found. Exit 0 sound, 3 damaged or unreadable, 2 usage.
     */
    public static int checkDb(String[] args, Map<String, String> env, java.io.PrintStream out) {
        Settings s;
        try {
            s = Settings.from(args, env);
        } catch (IllegalArgumentException e) {
            out.println("akashi-collector check-db: " + e.getMessage());
            return 2;
        }
        if (!s.sqlite()) {
            out.println("akashi-collector check-db: checks the embedded SQLite database; for PostgreSQL use its own tools "
                    + "(amcheck, pg_checksums)");
            return 2;
        }
        java.nio.file.Path file = java.nio.file.Path.of(s.dbUrl().substring("jdbc:sqlite:".length()).replaceFirst("\\?.*", ""))
                .toAbsolutePath();
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
        java.util.List<String> problems = DatabaseFile.check(ds, "integrity_check");
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

    /** Starts the collector and returns its context (tests and the demo stop it by closing it). */
    public static ApplicationContext start(String[] args, Map<String, String> env) throws Exception {
        return start(args, env, Map.of());
    }

    /** As {@link #start(String[], Map)}, with further Micronaut properties (tests set webhooks, intervals). */
    public static ApplicationContext start(String[] args, Map<String, String> env, Map<String, Object> extra) throws Exception {
        Settings s = Settings.from(args, env);
        jp.akashi.collector.store.DataFilePermissions.directory(s.dataDir());
        Map<String, Object> props = s.micronautProperties();
        String fingerprint = null;
        if (s.tls()) {
            TlsSetup.Keystore ks = TlsSetup.ensure(s);
            props.put("micronaut.server.ssl.key-store.path", "file:" + ks.path());
            props.put("micronaut.server.ssl.key-store.password", ks.password());
            props.put("micronaut.server.ssl.key-store.type", "PKCS12");
            props.put("akashi.tls-fingerprint", ks.fingerprint());
            props.put("akashi.tls-public-key-pin", TlsSetup.publicKeyPin(ks.path(), ks.password()));
            fingerprint = ks.fingerprint();
        }
        props.putAll(extra);
        if (s.adminPassword() != null) {
            props.put("akashi.admin-password", s.adminPassword());
        }
        // a refused database or start is not Micronaut's to report (it would log a long trace and exit 1):
        // main prints the one-line reason (exit 3 for a database, 1 otherwise)
        java.util.function.Function<Throwable, Integer> exit = e -> refusal(e) != null || startRefusal(e) != null ? 0 : 1;
        ApplicationContext ctx = Micronaut.build(new String[0])
                .mainClass(CollectorMain.class)
                .properties(props)
                .banner(false)
                .mapError(io.micronaut.context.exceptions.BeanInstantiationException.class, exit::apply)
                .mapError(io.micronaut.context.exceptions.DependencyInjectionException.class, exit::apply)
                .mapError(io.micronaut.context.exceptions.BeanContextException.class, exit::apply)
                .mapError(DatabaseRefused.class, exit::apply)
                .mapError(StartRefused.class, exit::apply)
                .start();
        String scheme = s.tls() ? "https" : "http";
        System.out.println("Akashi collector listening on " + scheme + "://localhost:" + s.port()
                + "  (data: " + s.dataDir() + ", database: " + (s.sqlite() ? "SQLite, synchronous="
                + ctx.getProperty("akashi.db.synchronous", String.class).orElse("GROUP").toUpperCase(java.util.Locale.ROOT) : "PostgreSQL") + ")");
        if (fingerprint != null) {
            System.out.println("TLS certificate fingerprint: " + fingerprint);
        }
        return ctx;
    }
}
