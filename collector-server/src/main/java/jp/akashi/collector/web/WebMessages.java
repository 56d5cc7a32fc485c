package jp.akashi.collector.web;

import io.micronaut.context.i18n.ResourceBundleMessageSource;
import jakarta.inject.Singleton;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * The console's texts: the resource bundle {@code i18n/messages} — {@code messages.properties}
 * (Japanese, the root and so every missing English key's fallback), {@code messages_en.properties}
 * and an empty {@code messages_ja.properties}, all UTF-8. Thymeleaf's {@code #{key}} reaches them
 * through micronaut-views' MessageSource resolver ({@link ThymeleafMessages}).
 *
 * <p>The empty Japanese bundle is there because {@link ResourceBundle#getBundle} falls back to the
 * JVM's default locale before the root: on a server whose default locale is English, Japanese
 * would otherwise get the English texts.
 */
@Singleton
public class WebMessages extends ResourceBundleMessageSource {
    static final String BASE = "i18n.messages";

    public WebMessages() {
        super(BASE, ConsoleLanguage.JAPANESE);
    }

    /** Any locale but English reads the Japanese texts (the JVM's default locale plays no part). */
    @Override
    public Optional<String> getRawMessage(String code, MessageContext context) {
        Locale asked = context.getLocale(ConsoleLanguage.JAPANESE);
        return super.getRawMessage(code, MessageContext.of("en".equals(ConsoleLanguage.lang(asked))
                ? ConsoleLanguage.ENGLISH : ConsoleLanguage.JAPANESE));
    }

    /** The text for {@code code} in {@code locale} with {@code {0}}, {@code {1}}… filled in; the code itself when unknown. */
    public String text(Locale locale, String code, Object... args) {
        return getMessage(code, locale, args).orElse(code);
    }

    /** The Japanese bundle's keys that start with {@code prefix}, without it, sorted (values that have a label). */
    List<String> suffixes(String prefix) {
        ResourceBundle ja = ResourceBundle.getBundle(BASE, Locale.ROOT, getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return Collections.list(ja.getKeys()).stream().filter(k -> k.startsWith(prefix)).map(k -> k.substring(prefix.length()))
                .sorted().toList();
    }
}
