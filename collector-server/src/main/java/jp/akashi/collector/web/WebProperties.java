package jp.akashi.collector.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The console ({@code akashi.web.*}); the default is here and only here (docs/CONFIGURATION.md).
 *
 * @param secureCookies {@code true} or {@code false}: whether the console's cookies are {@code Secure}; empty: when
 *                      {@code akashi.tls} is on (set {@code true} behind a TLS-terminating proxy)
 */
@ConfigurationProperties("akashi.web")
public record WebProperties(
        @Bindable(defaultValue = "") String secureCookies) {
    public WebProperties {
        secureCookies = secureCookies == null ? "" : secureCookies.strip();
        if (!secureCookies.isEmpty() && !secureCookies.equalsIgnoreCase("true") && !secureCookies.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("akashi.web.secure-cookies: must be true, false or empty, not " + secureCookies);
        }
    }
}
