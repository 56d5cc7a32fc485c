package jp.akashi.probes.model;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A fact's message as a key of the probe message catalog and its parameters, so the collector
 * can show it in the reader's language ({@code jp/akashi/probes/messages*.properties}). The
 * fact's {@code message} keeps the English sentence for readers that do not know the key.
 * Parameters are plain text (paths, commands, counts), never sentences of their own.
 */
public record MessageCode(String key, List<String> args) {
    public static final int MAX_ARGS = 8;
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+){1,5}");

    public MessageCode {
        Objects.requireNonNull(key, "messageCode.key");
        if (key.length() > 80 || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("messageCode.key must be a dotted lower-case key of at most 80 characters");
        }
        args = args == null ? List.of() : List.copyOf(args);
        if (args.size() > MAX_ARGS) {
            throw new IllegalArgumentException("messageCode.args has more than " + MAX_ARGS + " entries");
        }
    }
}
