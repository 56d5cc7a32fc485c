package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;

import jp.akashi.collector.testing.TestCollector;

/**
 * Single sign-on over HTTP against a real OpenID provider (mock-oauth2-server) and the real
 * collector with local login on: the authorization-code round trip opens an Akashi session; accounts
 * it makes have no password to change or reset; a disabled account is refused at its next login; a
 * forged callback is refused; and no token of the provider's (ID token, access token) nor an
 * unsigned JWT is a credential for the collector — only Akashi sessions are.
 */
class SsoHttpTest {
    static OpenIdProvider idp;
    static TestCollector c;
    static final HttpClient PLAIN = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        idp = new OpenIdProvider(true);
        c = new TestCollector(Map.of(), idp.collectorSettings(true));
    }

    @AfterAll
    static void stop() throws Exception {
        if (c != null) {
            c.close();
        }
        idp.close();
    }

    /** The whole round trip as a browser makes it; returns the callback's answer. */
    static WebClient.Page ssoLogin(WebClient w, String subject, String claimsJson) throws Exception {
        return ssoLogin(w, "/sso/login", subject, claimsJson);
    }

    static WebClient.Page ssoLogin(WebClient w, String start0, String subject, String claimsJson) throws Exception {
        WebClient.Page start = w.get(start0);
        assertThat(start.status()).isEqualTo(302);
        assertThat(start.location()).contains("/authorize").contains("code_challenge=").contains("nonce=").contains("state=");
        // the provider's redirect back is cross-site: the library's state, nonce and PKCE cookies must not be Strict
        assertThat(start.setCookies()).filteredOn(h -> h.startsWith("OAUTH2_STATE=") || h.startsWith("OPENID_NONCE=") || h.startsWith("OAUTH2_PKCE="))
                .hasSize(3).allSatisfy(h -> assertThat(h).doesNotContainIgnoringCase("SameSite=Strict").containsIgnoringCase("HttpOnly"));
        String form = "username=" + enc(subject) + "&claims=" + enc(claimsJson);
        HttpResponse<String> signedIn = PLAIN.send(java.net.http.HttpRequest.newBuilder(URI.create(start.location()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        URI back = URI.create(signedIn.headers().firstValue("Location").orElseThrow());
        assertThat(back.getPath()).isEqualTo("/sso/callback");
        return w.get(back.getRawPath() + "?" + back.getRawQuery());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static JsonNode user(String username) {
        for (JsonNode u : c.get("/api/v1/users", c.adminToken()).json()) {
            if (username.equals(u.path("username").asText())) {
                return u;
            }
        }
        return null;
    }

    @Test
    void theRoundTripOpensAnAkashiSessionAndItsAccountHasNoPassword() throws Exception {
        WebClient w = new WebClient(c);
        WebClient.Page back = ssoLogin(w, "sec-sub-1", "{\"preferred_username\": \"sato\", \"name\": \"佐藤 一郎\", \"groups\": [\"akashi-security\"]}");
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.body()).contains("http-equiv=\"refresh\"").contains("0;url=/");
        assertThat(back.setCookie(WebCookies.SESSION)).as("Akashi's own session cookie").isPresent();
        assertThat(back.setCookies()).as("no cookie or token of the library's").noneMatch(s -> s.startsWith("JWT="));
        assertThat(w.get("/").status()).isEqualTo(200);
        assertThat(w.get("/").body()).contains("sato");
        // the same session as a password login's: a bearer token of the session table
        String session = w.cookie(WebCookies.SESSION).orElseThrow();
        TestCollector.Response me = c.get("/api/v1/auth/me", session);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("role").asText()).isEqualTo("security");

        JsonNode sato = user("sato");
        assertThat(sato.path("displayName").asText()).isEqualTo("佐藤 一郎");
        assertThat(sato.path("mustChangePassword").asBoolean()).isFalse();

        // no password of its own: changing it, or an admin setting one, is refused in both languages
        TestCollector.Response change = c.postJson("/api/v1/auth/password", session,
                Map.of("currentPassword", "whatever-it-is-1", "newPassword", "a-new-password-123"));
        assertThat(change.status()).isEqualTo(409);
        assertThat(change.json().path("error").asText()).contains("single sign-on");
        assertThat(change.json().path("errorJa").asText()).contains("シングルサインオン");
        WebClient.Page own = w.get("/account/password");
        assertThat(own.status()).isEqualTo(409);
        assertThat(own.body()).contains("このアカウントはシングルサインオンでログインするため").doesNotContain("name=\"current\"");

        WebClient admin = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        admin.get("/users/" + sato.path("id").asText());
        WebClient.Page reset = admin.submit("/users/" + sato.path("id").asText() + "/password", Map.of("password", "temporary-pass-123"));
        assertThat(reset.status()).isEqualTo(409);
        assertThat(reset.body()).contains("sato はシングルサインオンでログインするアカウントのため");

        // logout ends the Akashi session, then goes on to the provider's logout (a same-origin step first:
        // the console's form-action 'self' would stop a form's redirect to the provider)
        w.get("/");
        WebClient.Page out = w.submit("/logout", Map.of());
        assertThat(out.status()).isEqualTo(303);
        assertThat(out.location()).isEqualTo("/sso/logout");
        assertThat(c.get("/api/v1/auth/me", session).status()).isEqualTo(401);
        WebClient.Page onward = w.get("/sso/logout");
        // a page that moves on by itself: a redirect in the form's navigation would break form-action 'self'
        assertThat(onward.status()).isEqualTo(200);
        String provider = idp.issuer() + "/endsession?client_id=" + OpenIdProvider.CLIENT_ID + "&amp;post_logout_redirect_uri=";
        assertThat(onward.body()).contains("http-equiv=\"refresh\" content=\"0;url=" + provider).contains("id=\"sso-provider-logout\" href=\"" + provider)
                .contains("Akashi からログアウトしました");
        assertThat(w.get("/sso/logout").location()).as("once only: the mark is spent").isEqualTo("/login");
        assertThat(new WebClient(c).get("/sso/logout").location()).as("a link from elsewhere logs nobody out").isEqualTo("/login");
        // the break-glass admin's password login ends here
        WebClient breakGlass = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        breakGlass.get("/");
        assertThat(breakGlass.submit("/logout", Map.of()).location()).isEqualTo("/login");
    }

    @Test
    void aDisabledAccountIsRefusedAtItsNextLoginAndTheRefusalIsAudited() throws Exception {
        WebClient first = new WebClient(c);
        assertThat(ssoLogin(first, "leaver-sub", "{\"preferred_username\": \"leaver\", \"groups\": [\"akashi-auditors\"]}").status()).isEqualTo(200);
        String id = user("leaver").path("id").asText();
        assertThat(c.send("PATCH", "/api/v1/users/" + id, c.adminToken(), "{\"disabled\": true}".getBytes(StandardCharsets.UTF_8), Map.of()).status())
                .isEqualTo(200);
        WebClient again = new WebClient(c);
        WebClient.Page refused = ssoLogin(again, "leaver-sub", "{\"preferred_username\": \"leaver\", \"groups\": [\"akashi-auditors\"]}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("アカウント leaver は管理者によって無効にされているため");
        assertThat(refused.setCookie(WebCookies.SESSION)).isEmpty();
        assertThat(c.get("/api/v1/audit-log?limit=20", c.adminToken()).body()).contains("auth.oidc_refused").contains("account disabled");
    }

    @Test
    void aLocalUserKeepsThePasswordLoginWhenLocalLoginIsOnAndAProviderNameNeverTakesALocalAccount() throws Exception {
        WebClient w = new WebClient(c);
        // the provider's "admin" is not the local admin
        assertThat(ssoLogin(w, "idp-admin-sub", "{\"preferred_username\": \"admin\", \"groups\": [\"akashi-auditors\"]}").status()).isEqualTo(200);
        assertThat(c.get("/api/v1/auth/me", w.cookie(WebCookies.SESSION).orElseThrow()).json().path("username").asText()).isEqualTo("admin-2");
        assertThat(user("admin").path("role").asText()).isEqualTo("admin");
        assertThat(WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD).get("/").status()).isEqualTo(200);
        WebClient.Page login = new WebClient(c).get("/login");
        assertThat(login.body()).contains("シングルサインオンでログイン").doesNotContain("id=\"local-off\"");
    }

    @Test
    void theLoginReturnsToThePageAskedForButNeverLeavesTheSite() throws Exception {
        String claims = "{\"preferred_username\": \"nakamura\", \"groups\": [\"akashi-auditors\"]}";
        WebClient.Page back = ssoLogin(new WebClient(c), "/sso/login?next=" + enc("/frameworks?q=パスワード"), "next-sub", claims);
        assertThat(back.body()).contains("0;url=/frameworks?q=パスワード");
        assertThat(back.setCookie(WebCookies.SSO_NEXT)).hasValueSatisfying(v -> assertThat(v).contains("Max-Age=0"));
        for (String elsewhere : List.of("//evil.example/", "https://evil.example/", "/\\evil.example")) {
            WebClient.Page p = ssoLogin(new WebClient(c), "/sso/login?next=" + enc(elsewhere), "next-sub", claims);
            assertThat(p.body()).as(elsewhere).contains("content=\"0;url=/\"");
        }
    }

    @Test
    void aForgedCallbackIsRefused() {
        WebClient w = new WebClient(c);
        w.get("/sso/login");
        WebClient.Page p = w.get("/sso/callback?code=made-up&state=made-up");
        assertThat(p.status()).isEqualTo(401);
        assertThat(p.body()).contains("ID プロバイダーからの応答を確認できなかったため");
        assertThat(p.setCookie(WebCookies.SESSION)).isEmpty();
        WebClient.Page denied = w.get("/sso/callback?error=access_denied&state=x");
        assertThat(denied.status()).isEqualTo(401);
    }

    @Test
    void noTokenOfTheProvidersNorAnUnsignedJwtIsACredential() throws Exception {
        Map<String, Object> claims = Map.of("groups", List.of("akashi-admins"), "roles", List.of("admin", "ROLE_ADMIN"));
        String idToken = idp.server.issueToken(OpenIdProvider.ISSUER_ID, "idp-person", OpenIdProvider.CLIENT_ID, claims).serialize();
        String accessToken = idp.server.issueToken(OpenIdProvider.ISSUER_ID, "idp-person", "api", claims).serialize();
        String unsigned = new PlainJWT(new JWTClaimsSet.Builder().issuer(idp.issuer()).subject("x").audience(OpenIdProvider.CLIENT_ID)
                .claim("roles", List.of("admin")).expirationTime(new Date(System.currentTimeMillis() + 600_000)).build()).serialize();
        for (String token : List.of(idToken, accessToken, unsigned)) {
            assertThat(c.get("/api/v1/auth/me", token).status()).as(token).isEqualTo(401);
            assertThat(c.get("/api/v1/users", token).status()).as(token).isEqualTo(401);
        }

        // the ID-token check of the OpenID client: the provider's signature passes, another key's or none does not
        @SuppressWarnings("unchecked")
        ReactiveJsonWebTokenValidator<com.nimbusds.jwt.JWT, HttpRequest<?>> v = c.bean(ReactiveJsonWebTokenValidator.class);
        assertThat(Mono.from(v.validate(idToken, null)).blockOptional(Duration.ofSeconds(10))).isPresent();
        assertThat(Mono.from(v.validateToken(idToken, null)).blockOptional(Duration.ofSeconds(10))).as("authenticates no request").isEmpty();
        assertThat(Mono.from(v.validate(unsigned, null)).blockOptional(Duration.ofSeconds(10))).isEmpty();
        var otherKey = new RSAKeyGenerator(2048).keyID(SignedJWT.parse(idToken).getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(otherKey.getKeyID()).build(),
                SignedJWT.parse(idToken).getJWTClaimsSet());
        forged.sign(new RSASSASigner(otherKey));
        assertThat(Mono.from(v.validate(forged.serialize(), null)).blockOptional(Duration.ofSeconds(10))).isEmpty();
    }

    @Test
    void aStartWithSingleSignOnButNoRoleMappingOrNoClientIdStops() throws Exception {
        Map<String, Object> noMapping = new java.util.HashMap<>(idp.collectorSettings(true));
        noMapping.keySet().removeIf(k -> k.startsWith("akashi.oidc.role-mapping"));
        Map<String, Object> noClient = new java.util.HashMap<>(idp.collectorSettings(true));
        noClient.remove("akashi.oidc.client-id");
        for (Map<String, Object> settings : List.of(noMapping, noClient)) {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("akashi-sso-");
            try (TestCollector bad = TestCollector.unstarted(dir, settings)) {
                org.assertj.core.api.Assertions.assertThatThrownBy(bad::start)
                        .satisfies(e -> assertThat(causes(e)).containsAnyOf("akashi.oidc.role-mapping", "akashi.oidc.client-id"));
            }
        }
    }

    static String causes(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t.getMessage()).append('\n');
        }
        return b.toString();
    }
}
