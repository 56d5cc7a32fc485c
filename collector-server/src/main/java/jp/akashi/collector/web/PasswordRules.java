package jp.akashi.collector.web;

import io.micronaut.http.HttpRequest;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.security.PasswordPolicy;

/**
 * The console's side of {@link PasswordPolicy}: the rules checked before the form reaches the
 * service, and any refusal shown in the person's language. The service checks them again (it is
 * the rule) together with those only it can check (the current or temporary password).
 */
final class PasswordRules {
    private PasswordRules() {
    }

    /** A message saying what is wrong with {@code password}, or null when it may be used. */
    static String check(WebPages pages, HttpRequest<?> request, String username, String password, String confirm) {
        var v = PasswordPolicy.check(username, password, null);
        if (v.isPresent()) {
            return text(pages, request, v.get());
        }
        if (confirm != null && !confirm.equals(password)) {
            return pages.text(request, "password.error.confirm");
        }
        return null;
    }

    /** The message for a refusal of the service: the broken rule in the person's language, else the refusal's text. */
    static String refusal(WebPages pages, HttpRequest<?> request, Refusal e, String fallbackKey) {
        if (e instanceof PasswordPolicy.Refused r) {
            return text(pages, request, r.violation());
        }
        return pages.text(request, fallbackKey, pages.message(request, e));
    }

    private static String text(WebPages pages, HttpRequest<?> request, PasswordPolicy.Violation v) {
        return pages.text(request, v.key(), PasswordPolicy.MIN_LENGTH);
    }
}
