package jp.akashi.collector.web;

import io.micronaut.http.HttpRequest;

import jp.akashi.collector.security.AuthService;

/**
 * The password rules of {@link AuthService#checkPasswordStrength}, checked first in the console so
 * that people get the reason in their language. The service still checks them (it is the rule).
 */
final class PasswordRules {
    private PasswordRules() {
    }

    /** A message saying what is wrong with {@code password}, or null when it may be used. */
    static String check(WebPages pages, HttpRequest<?> request, String username, String password, String confirm) {
        if (password == null || password.length() < AuthService.MIN_PASSWORD_LENGTH) {
            return pages.text(request, "password.error.short", AuthService.MIN_PASSWORD_LENGTH);
        }
        if (password.length() > 1024) {
            return pages.text(request, "password.error.long");
        }
        if (password.equalsIgnoreCase(username)) {
            return pages.text(request, "password.error.username");
        }
        if (confirm != null && !confirm.equals(password)) {
            return pages.text(request, "password.error.confirm");
        }
        return null;
    }
}
