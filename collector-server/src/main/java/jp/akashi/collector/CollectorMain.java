package jp.akashi.collector;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;

import java.nio.file.Files;
import java.util.Map;

import jp.akashi.collector.config.Settings;
import jp.akashi.collector.config.TlsSetup;

/** Starts the collector: settings, TLS material, then the Micronaut application. */
public final class CollectorMain {
    private CollectorMain() {
    }

    public static void main(String[] args) {
        try {
            start(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("akashi-collector: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("akashi-collector: cannot start: " + e);
            System.exit(1);
        }
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
        ApplicationContext ctx = Micronaut.build(new String[0])
                .mainClass(CollectorMain.class)
                .properties(props)
                .banner(false)
                .start();
        String scheme = s.tls() ? "https" : "http";
        System.out.println("Akashi collector listening on " + scheme + "://localhost:" + s.port()
                + "  (data: " + s.dataDir() + ", database: " + (s.sqlite() ? "SQLite" : "PostgreSQL") + ")");
        if (fingerprint != null) {
            System.out.println("TLS certificate fingerprint: " + fingerprint);
        }
        return ctx;
    }
}
