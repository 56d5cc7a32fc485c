package jp.akashi.collector.web;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.locale.CompositeHttpLocaleResolver;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.Optional;

/**
 * The console speaks Japanese unless the person chose English (language cookie, set from their
 * saved preference at login). The browser's Accept-Language is deliberately ignored: the product
 * is Japanese by default, whatever language the browser was installed in.
 */
@Singleton
@Primary
@Replaces(CompositeHttpLocaleResolver.class)
public class WebLocaleResolver implements HttpLocaleResolver {
    public static final Locale JAPANESE = Locale.JAPANESE;
    public static final Locale ENGLISH = Locale.ENGLISH;

    @Override
    public Optional<Locale> resolve(HttpRequest<?> request) {
        return Optional.of(resolveOrDefault(request));
    }

    @Override
    public Locale resolveOrDefault(HttpRequest<?> request) {
        return "en".equals(WebCookies.read(request, WebCookies.LANG).orElse("ja")) ? ENGLISH : JAPANESE;
    }

    /** "en" or "ja": the only two languages the console has. */
    public static String lang(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? "en" : "ja";
    }
}
