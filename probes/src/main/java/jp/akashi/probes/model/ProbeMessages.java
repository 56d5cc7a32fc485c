package jp.akashi.probes.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;


/**
 * The catalog of probe messages in English and Japanese ({@code jp/akashi/probes/messages.properties}
 * and {@code messages_ja.properties}, UTF-8). Probes record a {@link MessageCode}; the agent sends
 * the English text beside it for old readers, and the collector renders the code in the reader's
 * language. Parameters are written {@code {0}}, {@code {1}}…; nothing else is special (no
 * MessageFormat quoting), so a path with an apostrophe stays as it is.
 */
public final class ProbeMessages {
    private static final ProbeMessages INSTANCE = new ProbeMessages(load("messages.properties"), load("messages_ja.properties"));

    private final Map<String, String> en;
    private final Map<String, String> ja;

    ProbeMessages(Map<String, String> en, Map<String, String> ja) {
        this.en = en;
        this.ja = ja;
    }

    public static ProbeMessages get() {
        return INSTANCE;
    }

    /** A code for {@code key} with its parameters as text; the key must be in the catalog. */
    public static MessageCode code(String key, Object... args) {
        if (!INSTANCE.en.containsKey(key)) {
            // a programming error caught by ProbeMessagesTest; never lose the fact over it
            return new MessageCode("probe.unknown_message", List.of(key));
        }
        return new MessageCode(key, Arrays.stream(args).map(String::valueOf).toList());
    }

    /** The English sentence of {@code code} (what the fact's {@code message} carries). */
    public String english(MessageCode code) {
        return render(code, "en").orElseGet(() -> code.key() + " " + code.args());
    }

    /**
     * {@code code} in {@code lang} ("ja" or anything else for English), or empty when the catalog
     * does not know the key (an agent newer than this collector): then show the fact's message.
     */
    public Optional<String> render(MessageCode code, String lang) {
        if (code == null) {
            return Optional.empty();
        }
        String template = ("ja".equals(lang) ? ja : en).get(code.key());
        return template == null ? Optional.empty() : Optional.of(fill(template, code.args()));
    }

    public Map<String, String> english() {
        return en;
    }

    public Map<String, String> japanese() {
        return ja;
    }

    static String fill(String template, List<String> args) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            int close = c == '{' ? template.indexOf('}', i) : -1;
            if (close > i + 1) {
                String n = template.substring(i + 1, close);
                if (n.chars().allMatch(Character::isDigit) && n.length() <= 2) {
                    int k = Integer.parseInt(n);
                    out.append(k < args.size() ? args.get(k) : "");
                    i = close;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    private static Map<String, String> load(String name) {
        Properties p = new Properties();
        try (InputStream in = ProbeMessages.class.getResourceAsStream("/jp/akashi/probes/" + name)) {
            if (in == null) {
                throw new IllegalStateException("probe message catalog missing: " + name);
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("probe message catalog unreadable: " + name, e);
        }
        Map<String, String> m = new TreeMap<>();
        p.forEach((k, v) -> m.put((String) k, (String) v));
        return Map.copyOf(m);
    }
}
