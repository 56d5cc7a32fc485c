package jp.akashi.collector.web;

import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.security.Role;

/**
 * Console pages: a handler starts a page's model here and answers with {@link #page}, a
 * {@link ModelAndView} that micronaut-views renders; {@link ConsoleModel} adds what every page
 * shares, and {@link RenderedPages} renders it before the response is sent, so that a template
 * error becomes an ordinary 500 (and an error page) instead of a response that breaks off half-way.
 */
@Singleton
public class WebPages {
    static final MediaType HTML = MediaType.of("text/html;charset=utf-8");
    private final WebMessages messages;
    private final HttpLocaleResolver locales;
    private final ZoneId zone;
    /** The shared model, for pages rendered here rather than by micronaut-views (a provider: it needs this bean). */
    private final jakarta.inject.Provider<ConsoleModel> consoleModel;
    private final Clock clock;
    @SuppressWarnings("rawtypes")
    private final ThymeleafViewsRenderer renderer;

    @SuppressWarnings("rawtypes")
    public WebPages(WebMessages messages, HttpLocaleResolver locales, Clock clock,
                    ThymeleafViewsRenderer renderer, jp.akashi.collector.config.DisplayZone displayZone,
                    jakarta.inject.Provider<ConsoleModel> consoleModel) {
        this.consoleModel = consoleModel;
        this.renderer = renderer;
        this.messages = messages;
        this.locales = locales;
        this.clock = clock;
        this.zone = displayZone.zone();
    }


    /** The person on the page: name and role (for the header and the role checks in templates). */
    public record Me(String name, Role role) {
        public String roleKey() {
            return "role." + role.wire();
        }

        /** May change assets (owner, department, location, roles), answer criteria and record or revoke exceptions. */
        public boolean canEdit() {
            return role == Role.ADMIN || role == Role.SECURITY;
        }

        /** May manage users, agents and enrollment tokens. */
        public boolean isAdmin() {
            return role == Role.ADMIN;
        }
    }

    /**
     * A page's starting model; {@code titleKey} is the message key of its title. What every page
     * shares (the person, menu, CSRF token, language, formatting, banners) is added when the page
     * is rendered, by {@link ConsoleModel}.
     */
    public Map<String, Object> model(HttpRequest<?> request, String titleKey) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", titleKey);
        return m;
    }

    /** A 200 response with the page: micronaut-views renders {@code template} with {@code model}. */
    public MutableHttpResponse<ModelAndView<Map<String, Object>>> page(HttpRequest<?> request, String template, Map<String, Object> model) {
        return page(request, HttpStatus.OK, template, model);
    }

    public MutableHttpResponse<ModelAndView<Map<String, Object>>> page(HttpRequest<?> request, HttpStatus status, String template,
                                                                        Map<String, Object> model) {
        return HttpResponse.<ModelAndView<Map<String, Object>>>status(status).body(new ModelAndView<>(template, model)).contentType(HTML);
    }

    /**
     * The template rendered now, with the shared model, in the request's language: for responses
     * that are turned into a page after the fact (error pages, {@link ErrorPageFilter}).
     */
    @SuppressWarnings("unchecked")
    String html(HttpRequest<?> request, String template, Map<String, Object> model) {
        ModelAndView<Map<String, Object>> mv = new ModelAndView<>(template, model);
        consoleModel.get().process(request, mv);
        StringWriter out = new StringWriter(8192);
        try {
            renderer.render(template, model, request).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public Fmt fmt(Locale locale) {
        return new Fmt(zone, locale, messages, clock.millis());
    }

    /** The time zone times are shown in (and dates typed into forms are read in). */
    public ZoneId zone() {
        return zone;
    }

    public Locale locale(HttpRequest<?> request) {
        return locales.resolveOrDefault(request);
    }

    /** Text for {@code key} in the request's language. */
    public String text(HttpRequest<?> request, String key, Object... args) {
        return messages.text(locale(request), key, args);
    }

    /** A refused request's message in the page's language (Japanese where the service gives one). */
    public String message(HttpRequest<?> request, Refusal e) {
        return e.message(ConsoleLanguage.lang(locale(request)));
    }
}
