package jp.akashi.collector.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.model.ViewModelProcessor;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.Framework;
import jp.akashi.collector.health.CollectorHealth;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.Role;
import jp.akashi.collector.store.AuditChainMonitor;

/**
 * The model every console page shares, added to each page's own model as micronaut-views renders
 * it: who is logged in and what they may do, the menu, the CSRF token for its forms, the language,
 * formatting, asset URLs, the banners of a broken audit chain or a collector that cannot store,
 * and a confirmation after a completed action ({@code ?done=saved}, only for known message keys).
 * A value the page set itself is kept.
 */
@Singleton
public class ConsoleModel implements ViewModelProcessor<Map<String, Object>> {
    private final WebPages pages;
    private final WebMessages messages;
    private final WebAssets assets;
    private final HttpLocaleResolver locales;
    private final People people;
    private final Provider<CollectorHealth> health;
    private final Provider<AuditChainMonitor> auditChain;
    private final List<String> frameworks;

    public ConsoleModel(WebPages pages, WebMessages messages, WebAssets assets, HttpLocaleResolver locales, People people,
                        Provider<CollectorHealth> health, Provider<AuditChainMonitor> auditChain, Catalog catalog) {
        this.pages = pages;
        this.messages = messages;
        this.assets = assets;
        this.locales = locales;
        this.people = people;
        this.health = health;
        this.auditChain = auditChain;
        this.frameworks = catalog.frameworks().stream().map(Framework::id).toList();
    }

    @Override
    public void process(HttpRequest<?> request, ModelAndView<Map<String, Object>> page) {
        Map<String, Object> m = page.getModel().orElse(null);
        if (m == null) {
            return;
        }
        Locale locale = locales.resolveOrDefault(request);
        m.putIfAbsent("lang", ConsoleLanguage.lang(locale));
        m.putIfAbsent("fmt", pages.fmt(locale));
        m.putIfAbsent("web", assets);
        m.putIfAbsent("people", people.forPage());
        String path = request.getPath();
        m.putIfAbsent("here", here(path, request.getUri().getRawQuery()));
        Caller caller = Caller.of(request).filter(Caller::isUser).orElse(null);
        if (caller != null) {
            m.putIfAbsent("me", new WebPages.Me(caller.name(), caller.role()));
            m.putIfAbsent("nav", Navigation.forRole(caller.role(), path, frameworks));
            List<CollectorHealth.Problem> problems = health.get().problems();
            if (!problems.isEmpty()) {
                m.putIfAbsent("healthProblems", problems);
                m.putIfAbsent("healthKey", health.get().diskFull() ? "health.banner.diskFull"
                        : health.get().damaged() ? "health.banner.damaged" : "health.banner.down");
            }
            if (caller.role() == Role.ADMIN) {
                // the red banner of a broken audit chain (the cheap check: anchors, seals, entries since the last full walk)
                m.putIfAbsent("auditChain", auditChain.get().check(false));
            }
        } else {
            m.putIfAbsent("nav", List.of());
        }
        m.putIfAbsent("csrf", csrfToken(request, caller));
        if (!m.containsKey("done")) {
            request.getParameters().getFirst("done")
                    .filter(d -> d.matches("[a-z]{1,20}"))
                    .flatMap(d -> messages.getMessage("done." + d, locale))
                    .ifPresent(text -> m.put("done", text));
        }
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
