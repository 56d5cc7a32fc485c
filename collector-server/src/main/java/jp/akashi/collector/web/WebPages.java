package jp.akashi.collector.web;

import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.Framework;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.Role;

/**
 * Builds and renders console pages. Every template gets, besides its own data: who is logged in
 * and what they may do, the menu, the CSRF token for its forms, the language, formatting, asset
 * URLs and a confirmation after a completed action ({@code ?done=saved}, only for known message
 * keys).
 *
 * <p>Pages are rendered to a string before the response is sent, so that a template error
 * becomes an ordinary 500 (and an error page) instead of a response that breaks off half-way.
 */
@Singleton
public class WebPages {
    static final MediaType HTML = MediaType.of("text/html;charset=utf-8");
    private final WebMessages messages;
    private final WebAssets assets;
    private final HttpLocaleResolver locales;
    private final ZoneId zone;
    private final Clock clock;
    @SuppressWarnings("rawtypes")
    private final ThymeleafViewsRenderer renderer;
    private final List<String> frameworks;
    private final jakarta.inject.Provider<jp.akashi.collector.store.AuditChainMonitor> auditChain;
    /** Display names for the "by" columns. */
    @jakarta.inject.Inject
    People people;
    /** The banner of a collector that cannot store (disk full, damaged database, failing commits or evaluator). */
    @jakarta.inject.Inject
    jakarta.inject.Provider<jp.akashi.collector.health.CollectorHealth> health;

    @SuppressWarnings("rawtypes")
    public WebPages(WebMessages messages, WebAssets assets, HttpLocaleResolver locales, Clock clock,
                    ThymeleafViewsRenderer renderer, Catalog catalog,
                    jp.akashi.collector.config.DisplayZone displayZone,
                    jakarta.inject.Provider<jp.akashi.collector.store.AuditChainMonitor> auditChain) {
        this.auditChain = auditChain;
        this.renderer = renderer;
        this.frameworks = catalog.frameworks().stream().map(Framework::id).toList();
        this.messages = messages;
        this.assets = assets;
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

    /** A page's starting model; {@code titleKey} is the message key of its title. */
    public Map<String, Object> model(HttpRequest<?> request, String titleKey) {
        Locale locale = locales.resolveOrDefault(request);
        Map<String, Object> m = new HashMap<>();
        m.put("title", titleKey);
        m.put("lang", ConsoleLanguage.lang(locale));
        m.put("fmt", fmt(locale));
        m.put("web", assets);
        m.put("people", people.forPage());
        String path = request.getPath();
        m.put("here", here(path, request.getUri().getRawQuery()));
        Caller caller = Caller.of(request).filter(Caller::isUser).orElse(null);
        if (caller != null) {
            m.put("me", new Me(caller.name(), caller.role()));
            m.put("nav", Navigation.forRole(caller.role(), path, frameworks));
            java.util.List<jp.akashi.collector.health.CollectorHealth.Problem> problems = health.get().problems();
            if (!problems.isEmpty()) {
                m.put("healthProblems", problems);
                m.put("healthKey", health.get().diskFull() ? "health.banner.diskFull"
                        : health.get().damaged() ? "health.banner.damaged" : "health.banner.down");
            }
            if (caller.role() == Role.ADMIN) {
                // the red banner of a broken audit chain (the cheap check: anchors, seals, entries since the last full walk)
                m.put("auditChain", auditChain.get().check(false));
            }
        } else {
            m.put("nav", List.of());
        }
        m.put("csrf", csrfToken(request, caller));
        request.getParameters().getFirst("done")
                .filter(d -> d.matches("[a-z]{1,20}"))
                .flatMap(d -> messages.getMessage("done." + d, locale))
                .ifPresent(text -> m.put("done", text));
        return m;
    }

    /** A 200 response with the rendered page. */
    public MutableHttpResponse<String> page(HttpRequest<?> request, String template, Map<String, Object> model) {
        return page(request, HttpStatus.OK, template, model);
    }

    public MutableHttpResponse<String> page(HttpRequest<?> request, HttpStatus status, String template, Map<String, Object> model) {
        return HttpResponse.<String>status(status).body(html(request, template, model)).contentType(HTML);
    }

    /** The template rendered with {@code model} in the request's language. */
    @SuppressWarnings("unchecked")
    String html(HttpRequest<?> request, String template, Map<String, Object> model) {
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

    /** This page's address for coming back to it (language switch), without its one-time confirmation. */
    static String here(String path, String rawQuery) {
        if (path.startsWith("/share/")) {
            // a share link's token is not written into pages (the language switch would carry it)
            return "/";
        }
        if (rawQuery == null) {
            return path;
        }
        String q = rawQuery.replaceAll("(^|&)done=[^&]*", "").replaceFirst("^&", "");
        return q.isEmpty() ? path : path + "?" + q;
    }

    /** The token a page's forms carry: the session's, or for visitors the login-CSRF cookie's. */
    static String csrfToken(HttpRequest<?> request, Caller caller) {
        if (caller != null && caller.csrfToken() != null) {
            return caller.csrfToken();
        }
        return WebCookies.read(request, WebCookies.PRE_SESSION).orElse("");
    }
}
