package jp.akashi.collector.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The collector's settings, from command-line flags first, then environment variables, then
 * defaults. Only these few things need to be set to run the product; everything else has a
 * sane default in application.yml.
 *
 * <pre>
 *   --data-dir  AKASHI_DATA_DIR   ./data          database, TLS key, attachments, snapshots
 *   --port      AKASHI_PORT       8443            HTTPS port (HTTP when TLS is off)
 *   --db-url    AKASHI_DB_URL     jdbc:sqlite:&lt;data-dir&gt;/akashi.db   or jdbc:postgresql://…
 *   --db-user   AKASHI_DB_USER
 *   --db-password AKASHI_DB_PASSWORD
 *   --tls       AKASHI_TLS        on | off        off only behind a TLS-terminating proxy or in tests
 *   --tls-keystore AKASHI_TLS_KEYSTORE           own PKCS#12 keystore instead of the generated one
 *   --tls-keystore-password AKASHI_TLS_KEYSTORE_PASSWORD
 *   --public-url AKASHI_PUBLIC_URL               URL agents use (shown in enroll commands)
 *   AKASHI_ADMIN_PASSWORD                         first admin's password on an empty database
 * </pre>
 */
public record Settings(Path dataDir, int port, String dbUrl, String dbUser, String dbPassword,
                       boolean tls, Path tlsKeystore, String tlsKeystorePassword, String publicUrl,
                       String adminPassword) {

    public static Settings from(String[] args, Map<String, String> env) {
        Map<String, String> flags = parseFlags(args);
        Path dataDir = Path.of(pick(flags, env, "data-dir", "AKASHI_DATA_DIR", "data")).toAbsolutePath().normalize();
        int port = parsePort(pick(flags, env, "port", "AKASHI_PORT", "8443"));
        String dbUrl = pick(flags, env, "db-url", "AKASHI_DB_URL", "jdbc:sqlite:" + dataDir.resolve("akashi.db"));
        String tlsFlag = pick(flags, env, "tls", "AKASHI_TLS", "on");
        if (!tlsFlag.equals("on") && !tlsFlag.equals("off")) {
            throw new IllegalArgumentException("--tls must be on or off, not " + tlsFlag);
        }
        String ks = pick(flags, env, "tls-keystore", "AKASHI_TLS_KEYSTORE", null);
        return new Settings(dataDir, port, dbUrl,
                pick(flags, env, "db-user", "AKASHI_DB_USER", null),
                pick(flags, env, "db-password", "AKASHI_DB_PASSWORD", null),
                tlsFlag.equals("on"),
                ks == null ? null : Path.of(ks).toAbsolutePath(),
                pick(flags, env, "tls-keystore-password", "AKASHI_TLS_KEYSTORE_PASSWORD", null),
                pick(flags, env, "public-url", "AKASHI_PUBLIC_URL", null),
                env.get("AKASHI_ADMIN_PASSWORD"));
    }

    public boolean sqlite() {
        return dbUrl.startsWith("jdbc:sqlite:");
    }

    /** Properties handed to Micronaut (they override application.yml). */
    public Map<String, Object> micronautProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("akashi.data-dir", dataDir.toString());
        p.put("akashi.db.url", dbUrl);
        if (dbUser != null) {
            p.put("akashi.db.user", dbUser);
        }
        if (dbPassword != null) {
            p.put("akashi.db.password", dbPassword);
        }
        p.put("akashi.tls", tls);
        p.put("akashi.port", port);
        if (publicUrl != null) {
            p.put("akashi.public-url", publicUrl);
        }
        if (tls) {
            p.put("micronaut.server.ssl.enabled", true);
            p.put("micronaut.server.ssl.port", port);
            p.put("micronaut.server.dual-protocol", false);
            p.put("micronaut.server.port", port);
        } else {
            p.put("micronaut.server.ssl.enabled", false);
            p.put("micronaut.server.port", port);
        }
        return p;
    }

    private static final java.util.Set<String> KNOWN = java.util.Set.of("data-dir", "port", "db-url", "db-user",
            "db-password", "tls", "tls-keystore", "tls-keystore-password", "public-url");

    private static Map<String, String> parseFlags(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + a);
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + " (known: --" + String.join(", --", new java.util.TreeSet<>(KNOWN)) + ")");
            }
            m.put(name, value);
        }
        return m;
    }

    private static String pick(Map<String, String> flags, Map<String, String> env, String flag, String var, String def) {
        String v = flags.remove(flag);
        if (v == null) {
            v = env.get(var);
        }
        return v == null || v.isBlank() ? def : v;
    }

    private static int parsePort(String s) {
        try {
            int p = Integer.parseInt(s);
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be 1..65535, not " + s);
        }
    }
}
