package jp.akashi.collector.web;

import io.micronaut.context.AbstractMessageSource;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The console's texts: {@code i18n/messages.properties} (Japanese, the default) and
 * {@code i18n/messages_en.properties}, both UTF-8. Thymeleaf's {@code #{key}} reaches them through
 * micronaut-views' MessageSource resolver. Any locale but English gets Japanese, independent of
 * the JVM's default locale; an English key that is missing falls back to the Japanese text.
 */
@Singleton
public class WebMessages extends AbstractMessageSource {
    static final String JA = "i18n/messages.properties";
    static final String EN = "i18n/messages_en.properties";

    private final Map<String, String> ja;
    private final Map<String, String> en;

    public WebMessages() {
        this.ja = load(JA);
        this.en = load(EN);
    }

    @Override
    public Optional<String> getRawMessage(String code, MessageContext context) {
        Locale locale = context.getLocale(WebLocaleResolver.JAPANESE);
        if ("en".equals(WebLocaleResolver.lang(locale))) {
            String s = en.get(code);
            if (s != null) {
                return Optional.of(s);
            }
        }
        return Optional.ofNullable(ja.get(code));
    }

    /** The text for {@code code} in {@code locale} with {@code {0}}, {@code {1}}… filled in; the code itself when unknown. */
    public String text(Locale locale, String code, Object... args) {
        return getMessage(code, locale, args).orElse(code);
    }

    /** The Japanese bundle's keys that start with {@code prefix}, without it, sorted (values that have a label). */
    java.util.List<String> suffixes(String prefix) {
        return ja.keySet().stream().filter(k -> k.startsWith(prefix)).map(k -> k.substring(prefix.length())).sorted().toList();
    }

    static Map<String, String> load(String resource) {
        try (InputStream in = WebMessages.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing message bundle " + resource);
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> m = new HashMap<>();
            p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
            return Map.copyOf(m);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
