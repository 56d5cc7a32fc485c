package jp.akashi.collector;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;

import java.util.Map;

import jp.akashi.collector.cli.CollectorCommand;
import jp.akashi.collector.config.Settings;
import jp.akashi.collector.config.TlsSetup;
import jp.akashi.collector.store.DatabaseRefused;

/** Starts the collector: settings, TLS material, then the Micronaut application. */
public final class CollectorMain {
    private CollectorMain() {
    }

    public static void main(String[] args) {
        java.util.concurrent.atomic.AtomicReference<ApplicationContext> serving = new java.util.concurrent.atomic.AtomicReference<>();
        picocli.CommandLine cl = CollectorCommand.commandLine(System.getenv(), System.out, serving::set);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                System.err.println("akashi-collector: " + e.getMessage());
                return CollectorCommand.EXIT_USAGE;
            }
            DatabaseRefused refused = refusal(e);
            if (refused != null) {
                System.err.println("akashi-collector: " + refused.getMessage());
                return DatabaseRefused.EXIT_CODE;
            }
            StartRefused startRefused = startRefusal(e);
            if (startRefused != null) {
                // a reason an operator fixes (another signing key than the database's, …): one line, no trace
                System.err.println("akashi-collector: cannot start: " + startRefused.getMessage());
                return 1;
            }
            System.err.println("akashi-collector: cannot start: " + e);
            return 1;
        });
        int code = cl.execute(args);
        if (code != 0 || serving.get() == null) {
            System.exit(code); // a started collector keeps running until it is stopped
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

    /** Starts the collector and returns its context (tests and the demo stop it by closing it). */
    public static ApplicationContext start(String[] args, Map<String, String> env) throws Exception {
        return start(args, env, Map.of());
    }

    /** As {@link #start(String[], Map)}, with further Micronaut properties (tests set webhooks, intervals). */
    public static ApplicationContext start(String[] args, Map<String, String> env, Map<String, Object> extra) throws Exception {
        return start(Settings.from(args, env), extra);
    }

    /** Starts the collector with these settings and further Micronaut properties. */
    public static ApplicationContext start(Settings s, Map<String, Object> extra) throws Exception {
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
                + ctx.getBean(jp.akashi.collector.store.DatabaseProperties.class).synchronous() : "PostgreSQL") + ")");
        if (fingerprint != null) {
            System.out.println("TLS certificate fingerprint: " + fingerprint);
        }
        return ctx;
    }
}
