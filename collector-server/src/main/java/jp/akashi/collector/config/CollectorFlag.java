package jp.akashi.collector.config;

import java.util.EnumMap;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The collector's command-line flags, each with its environment variable, its default and its
 * meaning: the one place they are written. The usage help ({@code akashi-collector --help}) is made
 * from this table, and {@code CollectorFlagsDocumentedTest} checks the README's flag table against it.
 * A flag wins over its environment variable, which wins over the default; a blank value is the default.
 */
public enum CollectorFlag {
    DATA_DIR("--data-dir", "DIR", "AKASHI_DATA_DIR", "`./data`", "database, TLS key, attachments, snapshots"),
    PORT("--port", "PORT", "AKASHI_PORT", "`8443`", "HTTPS port (HTTP with `--tls off`)"),
    DB_URL("--db-url", "URL", "AKASHI_DB_URL", "`jdbc:sqlite:<data-dir>/akashi.db`",
            "or `jdbc:postgresql://host/db` for several instances"),
    DB_USER("--db-user", "USER", "AKASHI_DB_USER", "", "PostgreSQL user"),
    DB_PASSWORD("--db-password", "PASSWORD", "AKASHI_DB_PASSWORD", "", "PostgreSQL password"),
    TLS("--tls", "on|off", "AKASHI_TLS", "`on`", "`off` only behind a TLS-terminating proxy"),
    TLS_KEYSTORE("--tls-keystore", "FILE", "AKASHI_TLS_KEYSTORE", "generated", "your own certificate as a PKCS#12 keystore"),
    TLS_KEYSTORE_PASSWORD("--tls-keystore-password", "PASSWORD", "AKASHI_TLS_KEYSTORE_PASSWORD", "",
            "the password of `--tls-keystore`"),
    PUBLIC_URL("--public-url", "URL", "AKASHI_PUBLIC_URL", "from the request", "the URL agents use, shown in enroll commands");

    private final String flag;
    private final String label;
    private final String env;
    private final String shownDefault;
    private final String meaning;

    CollectorFlag(String flag, String label, String env, String shownDefault, String meaning) {
        this.flag = flag;
        this.label = label;
        this.env = env;
        this.shownDefault = shownDefault;
        this.meaning = meaning;
    }

    public String flag() {
        return flag;
    }

    public String env() {
        return env;
    }

    /** The default as a person reads it, in Markdown ("" where there is none). */
    public String shownDefault() {
        return shownDefault;
    }

    /** What the flag sets, in Markdown (backticks for literals), as in the README's table. */
    public String meaning() {
        return meaning;
    }

    /** The line in the usage help. */
    String usage() {
        String plain = meaning.replace("`", "");
        return Character.toUpperCase(plain.charAt(0)) + plain.substring(1) + ". Environment: " + env
                + (shownDefault.isEmpty() ? "." : "; default: " + shownDefault.replace("`", "") + ".");
    }

    /** Adds every flag as an option of {@code spec} (a command that takes the collector's settings). */
    public static void addTo(CommandSpec spec) {
        for (CollectorFlag f : values()) {
            spec.addOption(OptionSpec.builder(f.flag).paramLabel(f.label).type(String.class).description(f.usage()).build());
        }
    }

    /** The flags given on {@code spec}'s command line (absent: not given). */
    public static Map<CollectorFlag, String> given(CommandSpec spec) {
        Map<CollectorFlag, String> m = new EnumMap<>(CollectorFlag.class);
        for (CollectorFlag f : values()) {
            OptionSpec o = spec.findOption(f.flag);
            if (o != null && o.getValue() != null) {
                m.put(f, o.getValue());
            }
        }
        return m;
    }

    /**
     * The flags of a plain argument list ({@code --port 8443 --tls=off}), read by the same parser as
     * the command line; a usage problem is an {@link IllegalArgumentException} naming it.
     */
    public static Map<CollectorFlag, String> parse(String... args) {
        CommandSpec spec = CommandSpec.create().name("akashi-collector");
        addTo(spec);
        try {
            new CommandLine(spec).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return given(spec);
    }
}
