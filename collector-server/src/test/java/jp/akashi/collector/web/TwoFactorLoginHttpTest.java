package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.security.Base32;
import jp.akashi.collector.security.Totp;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.web.WebClient.Page;

/**
 * Two-factor login against a real collector: enrolment in the console (secret, URI, QR code,
 * confirmed by a code, recovery codes once), the login's second step with generated codes, a
 * replayed code, codes from a wrong time step, recovery codes (each once), the API's totp field,
 * throttling of wrong codes, an admin's reset, and the secret's encryption at rest. Codes are
 * computed here from the secret the page shows, for the real clock's step (±1 is accepted, so a
 * step boundary during the test does not matter).
 */
class TwoFactorLoginHttpTest {
    private static final Pattern SECRET = Pattern.compile("<code class=\"totp-secret\">([A-Z2-7]+)</code>");
    private static final Pattern CODE = Pattern.compile("<li class=\"recovery-code\">([a-z2-7-]+)</li>");
    private static final Pattern QR = Pattern.compile("src=\"data:image/svg\\+xml;base64,([A-Za-z0-9+/=]+)\"");

    static TestCollector c;

    @BeforeAll
    static void start() throws Exception {
        // a wrong code counts as a failed login: 6 free ones, then a wait of a minute
        c = new TestCollector(Map.of(), Map.of("akashi.targets.scheduler-enabled", false, "akashi.login.free-failures", 6,
                "akashi.login.base-delay", "PT1M"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (c != null) {
            c.close();
        }
    }

    /** What enrolment gave: the secret, the step whose code confirmed it, the recovery codes. */
    record Enrolled(byte[] secret, long step, List<String> recoveryCodes) {
        String code(long s) {
            return Totp.code(secret, s);
        }
    }

    static Enrolled enrol(WebClient w) {
        Page start = w.get("/account/two-factor");
        assertThat(start.status()).isEqualTo(200);
        assertThat(w.submit("/account/two-factor/start", Map.of()).location()).isEqualTo("/account/two-factor");
        Page shown = w.get("/account/two-factor");
        Matcher m = SECRET.matcher(shown.body());
        assertThat(m.find()).as("secret on the page").isTrue();
        byte[] secret = Base32.decode(m.group(1));
        assertThat(secret).hasSize(20);
        assertThat(shown.body()).contains("otpauth://totp/Akashi:").contains("secret=" + m.group(1));
        Matcher qr = QR.matcher(shown.body());
        assertThat(qr.find()).as("QR code").isTrue();
        assertThat(new String(Base64.getDecoder().decode(qr.group(1)), StandardCharsets.UTF_8)).startsWith("<svg").contains("<path d=\"M");

        long step = Totp.step(System.currentTimeMillis());
        Page wrong = w.submit("/account/two-factor/confirm", Map.of("code", wrongCode(secret, step)));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("コードが正しくないか").doesNotContain("recovery-code\"");

        Page done = w.submit("/account/two-factor/confirm", Map.of("code", Totp.code(secret, step)));
        assertThat(done.status()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        Matcher cm = CODE.matcher(done.body());
        while (cm.find()) {
            codes.add(cm.group(1));
        }
        assertThat(codes).hasSize(10);
        // shown once: the page never shows them again
        Page again = w.get("/account/two-factor");
        assertThat(again.body()).doesNotContain(codes.get(0)).contains("codes-left\">10<");
        return new Enrolled(secret, step, codes);
    }

    /** A 6-digit code that is none of the codes within a few steps of now. */
    static String wrongCode(byte[] secret, long step) {
        for (int i = 0; ; i++) {
            String candidate = String.format("%06d", (123456 + i * 7919) % 1_000_000);
            boolean used = false;
            for (long s = step - 3; s <= step + 3; s++) {
                used |= Totp.code(secret, s).equals(candidate);
            }
            if (!used) {
                return candidate;
            }
        }
    }

    /** A security user who replaced the password an admin gave (so no gate stands in the way), logged in. */
    static WebClient user(String name) {
        String token = c.userToken(name, "security");
        assertThat(c.postJson("/api/v1/auth/password", token, Map.of("currentPassword", "password-of-" + name,
                "newPassword", pw(name))).status()).isEqualTo(204);
        return WebClient.loggedIn(c, name, pw(name));
    }

    static String pw(String name) {
        return "own-password-of-" + name;
    }

    /** Password step of a login for a two-factor account: a pending login, no session yet. */
    static WebClient passwordStep(String name) {
        WebClient w = new WebClient(c);
        Page p = w.login(name, pw(name));
        assertThat(p.status()).isEqualTo(303);
        assertThat(p.location()).isEqualTo("/login/code");
        assertThat(p.setCookie(WebCookies.PENDING_LOGIN)).get().asString().contains("Max-Age=300").containsIgnoringCase("HttpOnly").contains("SameSite=Strict");
        assertThat(p.setCookie(WebCookies.SESSION)).isEmpty();
        assertThat(w.get("/").status()).as("no session before the code").isEqualTo(303);
        assertThat(w.get("/login/code").status()).isEqualTo(200);
        return w;
    }

    @Test
    void enrolThenLoginWithCodesRefusingReplaysAndWrongStepsAndRecoveryCodesOnce() {
        WebClient w = user("tf-hanako");
        Enrolled e = enrol(w);
        long s = e.step();

        WebClient b = passwordStep("tf-hanako");
        // the code that confirmed the enrolment was used: the same step never counts again
        assertThat(b.submit("/login/code", Map.of("code", e.code(s))).status()).isEqualTo(401);
        assertThat(b.submit("/login/code", Map.of("code", e.code(s - 3))).status()).isEqualTo(401);
        Page future = b.submit("/login/code", Map.of("code", e.code(s + 3)));
        assertThat(future.status()).isEqualTo(401);
        assertThat(future.body()).contains("コードが正しくないか");
        Page in = b.submit("/login/code", Map.of("code", e.code(s + 1)));
        assertThat(in.status()).isEqualTo(303);
        assertThat(in.location()).isEqualTo("/");
        assertThat(in.setCookie(WebCookies.SESSION)).isPresent();
        assertThat(b.get("/").status()).isEqualTo(200);

        // replayed: the code that just logged in, in another browser
        WebClient r = passwordStep("tf-hanako");
        assertThat(r.submit("/login/code", Map.of("code", e.code(s + 1))).status()).isEqualTo(401);
        assertThat(r.get("/").status()).isEqualTo(303);

        // a recovery code works once (typed in capitals, as people do)
        Page rc = r.submit("/login/code", Map.of("code", e.recoveryCodes().get(0).toUpperCase()));
        assertThat(rc.status()).isEqualTo(303);
        assertThat(r.get("/account/two-factor").body()).contains("codes-left\">9<");
        WebClient r2 = passwordStep("tf-hanako");
        assertThat(r2.submit("/login/code", Map.of("code", e.recoveryCodes().get(0))).status()).isEqualTo(401);
        assertThat(r2.submit("/login/code", Map.of("code", e.recoveryCodes().get(1))).status()).isEqualTo(303);

        // the pending cookie alone is nothing: without it the code page sends back to the password
        WebClient none = new WebClient(c);
        assertThat(none.get("/login/code").location()).isEqualTo("/login");
        none.get("/login");
        assertThat(none.submit("/login/code", Map.of("code", e.code(s + 1))).status()).isEqualTo(401);

        // new recovery codes replace all the old ones (shown once again)
        Page fresh = w.submit("/account/two-factor/recovery-codes", Map.of());
        assertThat(fresh.status()).isEqualTo(200);
        Matcher nm = CODE.matcher(fresh.body());
        assertThat(nm.find()).isTrue();
        String newCode = nm.group(1);
        WebClient r3 = passwordStep("tf-hanako");
        assertThat(r3.submit("/login/code", Map.of("code", e.recoveryCodes().get(2))).status()).isEqualTo(401);
        assertThat(r3.submit("/login/code", Map.of("code", newCode)).status()).isEqualTo(303);

        JsonNode audit = c.get("/api/v1/audit-log?limit=200", c.adminToken()).json();
        String log = audit.toString();
        assertThat(log).contains("user.two_factor_enrol").contains("auth.second_factor_failed").contains("auth.recovery_code_used")
                .contains("user.two_factor_recovery_codes");
    }

    @Test
    void apiLoginTakesTheCodeInTotpAndSaysWhenItIsMissing() {
        WebClient w = user("tf-api");
        Enrolled e = enrol(w);
        long s = e.step();
        TestCollector.Response missing = c.postJson("/api/v1/auth/login", null, Map.of("username", "tf-api", "password", pw("tf-api")));
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("totpRequired").asBoolean()).isTrue();
        assertThat(missing.json().get("error").asText()).contains("two-factor code required").contains("totp");

        TestCollector.Response wrongPassword = c.postJson("/api/v1/auth/login", null, Map.of("username", "tf-api", "password", "nope-nope-nope",
                "totp", e.code(s + 1)));
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.json().has("totpRequired")).isFalse();

        TestCollector.Response wrongStep = login("tf-api", e.code(s - 3));
        assertThat(wrongStep.status()).isEqualTo(401);
        assertThat(wrongStep.json().get("error").asText()).contains("wrong or already used two-factor code");
        TestCollector.Response ok = login("tf-api", e.code(s + 1));
        assertThat(ok.status()).isEqualTo(200);
        String token = ok.json().get("token").asText();
        assertThat(c.get("/api/v1/auth/me", token).status()).isEqualTo(200);
        assertThat(login("tf-api", e.code(s + 1)).status()).as("replay").isEqualTo(401);
        assertThat(login("tf-api", e.recoveryCodes().get(3)).status()).isEqualTo(200);
        assertThat(login("tf-api", e.recoveryCodes().get(3)).status()).isEqualTo(401);
    }

    @Test
    void wrongCodesCountAsFailedLoginsAndAreThrottled() {
        WebClient w = user("tf-guess");
        Enrolled e = enrol(w);
        WebClient g = passwordStep("tf-guess");
        String wrong = wrongCode(e.secret(), Totp.step(System.currentTimeMillis()));
        for (int i = 0; i < 7; i++) {
            assertThat(g.submit("/login/code", Map.of("code", wrong)).status()).isEqualTo(401);
        }
        Page throttled = g.submit("/login/code", Map.of("code", e.code(Totp.step(System.currentTimeMillis()) + 1)));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        // the password step of the same pair waits too
        assertThat(new WebClient(c).login("tf-guess", pw("tf-guess")).status()).isEqualTo(429);
    }

    @Test
    void anAdminResetsAPersonsSecondFactorAndTheUsersListShowsIt() {
        WebClient w = user("tf-lost");
        enrol(w);
        WebClient admin = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        String id = userId("tf-lost");
        Page list = admin.get("/users");
        assertThat(list.body()).contains("two-factor-status");
        Page detail = admin.get("/users/" + id);
        assertThat(detail.body()).contains("2要素認証をリセット");
        Page reset = admin.submit("/users/" + id + "/two-factor/reset", Map.of());
        assertThat(reset.location()).isEqualTo("/users/" + id + "?done=twoFactorReset");
        // the password alone logs in again
        assertThat(new WebClient(c).login("tf-lost", pw("tf-lost")).location()).isEqualTo("/");
        assertThat(admin.submit("/users/" + id + "/two-factor/reset", Map.of()).location()).endsWith("done=twoFactorNone");
        // only admins may
        WebClient other = user("tf-not-admin");
        other.get("/account");
        assertThat(other.submit("/users/" + id + "/two-factor/reset", Map.of()).status()).isEqualTo(403);
        assertThat(c.get("/api/v1/audit-log?limit=200", c.adminToken()).body()).contains("user.two_factor_reset");
    }

    @Test
    void theSecretIsStoredEncryptedUnderAPrivateKeyFile() throws Exception {
        WebClient w = user("tf-rest");
        Enrolled e = enrol(w);
        String stored = c.bean(jp.akashi.collector.store.Database.class).read(h -> h.createQuery(
                "SELECT secret FROM user_totp WHERE user_id = :u").bind("u", userId("tf-rest")).mapTo(String.class).one());
        assertThat(stored).startsWith("v1:").doesNotContain(Base32.encode(e.secret()));
        String hashes = c.bean(jp.akashi.collector.store.Database.class).read(h -> h.createQuery(
                "SELECT code_hash FROM totp_recovery_codes").mapTo(String.class).list()).toString();
        assertThat(hashes).doesNotContain(e.recoveryCodes().get(0)).doesNotContain(e.recoveryCodes().get(0).replace("-", ""));
        Path key = c.dataDir().resolve("secrets").resolve("two-factor.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent()))).isEqualTo("rwx------");
    }

    static TestCollector.Response login(String user, String totp) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", user);
        body.put("password", pw(user));
        body.put("totp", totp);
        return c.postJson("/api/v1/auth/login", null, body);
    }

    static String userId(String name) {
        return userId(c, name);
    }

    /** A user's id by name, through the admin API. */
    static String userId(TestCollector on, String name) {
        for (JsonNode u : on.get("/api/v1/users", on.adminToken()).json()) {
            if (u.get("username").asText().equals(name)) {
                return u.get("id").asText();
            }
        }
        throw new IllegalStateException("no user " + name);
    }
}
