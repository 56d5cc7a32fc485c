package jp.akashi.collector.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;

/**
 * Single sign-on with an OpenID provider ({@code akashi.oidc.*}); defaults here only
 * (docs/CONFIGURATION.md). application.yml hands issuer, client id and secret on to
 * micronaut-security-oauth2's client {@code micronaut.security.oauth2.clients.akashi}; the role
 * lists ({@code akashi.oidc.role-mapping.admin|security|auditor}) are read by {@link OidcRoleMapping}.
 *
 * @param enabled          whether the login page offers single sign-on
 * @param issuer           the provider's issuer URL (its discovery document is at
 *                         {@code <issuer>/.well-known/openid-configuration}); https, or http on a loopback address
 * @param clientId         the collector's client id at the provider
 * @param clientSecret     its client secret
 * @param roleClaim        the ID-token claim whose values the role mapping reads (a list or one string)
 * @param displayNameClaim the claim that gives a new account's display name (kept up to date at each login)
 * @param localLogin       whether people may also log in with an Akashi password; when false only
 *                         {@code breakGlassUser} may
 * @param breakGlassUser   the local account that may always log in with its password (for when the provider is down)
 * @param providerLogout   whether logging out of an account that came through single sign-on also ends the
 *                         provider's session (RP-initiated logout at its {@code end_session_endpoint}, back to
 *                         the login page), so the next person at a shared PC is asked to log in at the provider
 */
@ConfigurationProperties("akashi.oidc")
public record OidcProperties(
        @Bindable(defaultValue = "false") boolean enabled,
        @Bindable(defaultValue = "") String issuer,
        @Bindable(defaultValue = "") String clientId,
        @Bindable(defaultValue = "") String clientSecret,
        @Bindable(defaultValue = "groups") String roleClaim,
        @Bindable(defaultValue = "name") String displayNameClaim,
        @Bindable(defaultValue = "true") boolean localLogin,
        @Bindable(defaultValue = "admin") String breakGlassUser,
        @Bindable(defaultValue = "true") boolean providerLogout) {
    public OidcProperties {
        issuer = issuer == null ? "" : issuer.strip();
        clientId = clientId == null ? "" : clientId.strip();
        clientSecret = clientSecret == null ? "" : clientSecret;
        roleClaim = roleClaim == null || roleClaim.isBlank() ? "groups" : roleClaim.strip();
        displayNameClaim = displayNameClaim == null || displayNameClaim.isBlank() ? "name" : displayNameClaim.strip();
        breakGlassUser = breakGlassUser == null ? "" : breakGlassUser.strip();
        if (enabled) {
            checkIssuer(issuer);
            if (clientId.isEmpty()) {
                throw new IllegalArgumentException("akashi.oidc.client-id: required when akashi.oidc.enabled is true");
            }
        }
        if (!localLogin && breakGlassUser.isEmpty()) {
            throw new IllegalArgumentException("akashi.oidc.break-glass-user: required when akashi.oidc.local-login is false"
                    + " (otherwise nobody could log in while the provider is down)");
        }
    }

    public OidcProperties(boolean enabled, String issuer, String clientId, String clientSecret, String roleClaim, String displayNameClaim,
                          boolean localLogin, String breakGlassUser) {
        this(enabled, issuer, clientId, clientSecret, roleClaim, displayNameClaim, localLogin, breakGlassUser, true);
    }

    /** Whether the password form takes {@code username} (always for the break-glass account). */
    public boolean passwordLoginAllowed(String username) {
        return !enabled || localLogin || UserNames.key(username).equals(UserNames.key(breakGlassUser));
    }

    private static void checkIssuer(String issuer) {
        URI u;
        try {
            u = URI.create(issuer);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("akashi.oidc.issuer: not a URL: " + issuer);
        }
        String host = u.getHost() == null ? "" : u.getHost();
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
        if (!"https".equals(u.getScheme()) && !("http".equals(u.getScheme()) && loopback)) {
            throw new IllegalArgumentException("akashi.oidc.issuer: must be an https URL (http only on a loopback address), not " + issuer);
        }
    }
}
