package jp.akashi.collector.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The collector's settings, from command-line flags first, then environment variables, then
 * defaults ({@link CollectorFlag} lists them). Only these few things need to be set to run the
 * product; everything else has a default in its {@code @ConfigurationProperties} record
 * (the flags' own defaults are {@link CollectorProperties}'s constants). {@code AKASHI_ADMIN_PASSWORD}
 * (the first admin's password on an empty database) is read from the environment only.
 */
public record Settings(Path dataDir, int port, String dbUrl, String dbUser, String dbPassword,
                       boolean tls, Path tlsKeystore, String tlsKeystorePassword, String publicUrl,
                       String adminPassword) {

    /** From a plain argument list of flags ({@code --data-dir DIR --port 8443}) and the environment. */
    public static Settings from(String[] args, Map<String, String> env) {
        return from(CollectorFlag.parse(args), env);
    }

    /** From the flags given on the command line and the environment. */
    public static Settings from(Map<CollectorFlag, String> given, Map<String, String> env) {
        Map<CollectorFlag, String> flags = new java.util.EnumMap<>(CollectorFlag.class);
        flags.putAll(given);
        Path dataDir = Path.of(pick(flags, env, CollectorFlag.DATA_DIR, CollectorProperties.DATA_DIR)).toAbsolutePath().normalize();
        int port = parsePort(pick(flags, env, CollectorFlag.PORT, CollectorProperties.PORT));
        String dbUrl = pick(flags, env, CollectorFlag.DB_URL, "jdbc:sqlite:" + dataDir.resolve("akashi.db"));
        String tlsFlag = pick(flags, env, CollectorFlag.TLS, "on");
        if (!tlsFlag.equals("on") && !tlsFlag.equals("off")) {
            throw new IllegalArgumentException("--tls must be on or off, not " + tlsFlag);
        }
        String ks = pick(flags, env, CollectorFlag.TLS_KEYSTORE, null);
        return new Settings(dataDir, port, dbUrl,
                pick(flags, env, CollectorFlag.DB_USER, null),
                pick(flags, env, CollectorFlag.DB_PASSWORD, null),
                tlsFlag.equals("on"),
                ks == null ? null : Path.of(ks).toAbsolutePath(),
                pick(flags, env, CollectorFlag.TLS_KEYSTORE_PASSWORD, null),
                pick(flags, env, CollectorFlag.PUBLIC_URL, null),
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

    private static String pick(Map<CollectorFlag, String> flags, Map<String, String> env, CollectorFlag flag, String def) {
        String v = flags.get(flag);
        if (v == null) {
            v = env.get(flag.env());
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
