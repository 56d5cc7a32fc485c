package jp.akashi.collector.web;

import java.util.Locale;

/**
 * The console's two languages. Which one a request gets is Micronaut's locale resolution,
 * configured in application.yml ({@code micronaut.server.locale-resolution}: the language cookie,
 * Japanese by default, the browser's Accept-Language ignored); this only maps a locale to them.
 */
public final class ConsoleLanguage {
    public static final Locale JAPANESE = Locale.JAPANESE;
    public static final Locale ENGLISH = Locale.ENGLISH;

    private ConsoleLanguage() {
    }

    /** "en" or "ja": the only two languages the console has (a tampered cookie's "fr" is Japanese). */
    public static String lang(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? "en" : "ja";
    }
}
