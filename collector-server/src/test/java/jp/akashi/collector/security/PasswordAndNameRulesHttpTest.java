package jp.akashi.collector.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.store.Database;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TestCollector.Response;

/** Which passwords and user names the API takes, and how passwords are stored. */
class PasswordAndNameRulesHttpTest {
    static TestCollector c;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector();
        admin = c.adminToken();
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    static Response create(String username, String password) {
        return c.postJson("/api/v1/users", admin, Map.of("username", username, "role", "security", "password", password));
    }

    @Test
    void commonPasswordsFromTheShippedListAreRefused() {
        // both are in the password list of the zxcvbn dictionary and are long enough for the length rule
        for (String common : new String[]{"1qaz2wsx3edc", "QWERTY123456"}) {
            Response r = create("common-" + common.length() + common.charAt(0), common);
            assertThat(r.status()).as(common).isEqualTo(400);
            assertThat(r.json().get("error").asText()).contains("common");
        }
        assertThat(create("uncommon1", "kettle-orbit-saffron-93").status()).isEqualTo(201);
    }

    @Test
    void whitespaceOnlyAndSingleCharacterPasswordsAreRefused() {
        assertThat(create("blank1", "                ").status()).isEqualTo(400);
        assertThat(create("blank2", "\t\t\t\t\t\t\t\t\t\t\t\t\t").status()).isEqualTo(400);
        assertThat(create("single1", "aaaaaaaaaaaaaaaa").status()).isEqualTo(400);
        assertThat(create("single2", "1111111111111111").status()).isEqualTo(400);
    }

    @Test
    void aNewPasswordMustDifferFromTheOldAndFromTheTemporaryOne() {
        assertThat(create("repeater", "temporary-given-by-admin").status()).isEqualTo(201);
        String t = c.login("repeater", "temporary-given-by-admin");
        Response same = c.postJson("/api/v1/auth/password", t,
                Map.of("currentPassword", "temporary-given-by-admin", "newPassword", "temporary-given-by-admin"));
        assertThat(same.status()).as("the temporary password cannot be kept").isEqualTo(400);
        assertThat(c.postJson("/api/v1/auth/password", t,
                Map.of("currentPassword", "temporary-given-by-admin", "newPassword", "my-own-long-password")).status()).isEqualTo(204);
        String t2 = c.login("repeater", "my-own-long-password");
        assertThat(c.postJson("/api/v1/auth/password", t2,
                Map.of("currentPassword", "my-own-long-password", "newPassword", "my-own-long-password")).status())
                .as("nor the current one").isEqualTo(400);
    }

    @Test
    void userNamesAreUniqueWhateverTheCaseOrWidth() {
        assertThat(create("Admin", "a-long-enough-password").status()).isEqualTo(409);
        assertThat(create("ADMIN", "a-long-enough-password").status()).isEqualTo(409);
        assertThat(create("ａｄｍｉｎ", "a-long-enough-password").status()).as("full-width admin").isEqualTo(409);
        assertThat(create("Dana", "dana-long-password").status()).isEqualTo(201);
        assertThat(create("dana", "dana-long-password").status()).isEqualTo(409);
    }

    @Test
    void fullWidthAndJapaneseNamesAreValidAndLogIn() {
        Response jp = create("田中太郎", "tanaka-long-password");
        assertThat(jp.status()).isEqualTo(201);
        assertThat(c.login("田中太郎", "tanaka-long-password")).startsWith("aks_");
        Response wide = create("ｙａｍａｄａ", "yamada-long-password");
        assertThat(wide.status()).isEqualTo(201);
        assertThat(wide.json().get("username").asText()).as("stored in its NFKC form").isEqualTo("yamada");
        assertThat(c.login("Yamada", "yamada-long-password")).startsWith("aks_");
        assertThat(create("bad name", "a-long-enough-password").status()).isEqualTo(400);
        assertThat(create("a", "a-long-enough-password").status()).isEqualTo(400);
    }

    @Test
    void passwordsAreArgon2idInPhcFormatAndOldHashesAreUpgradedAtLogin() {
        assertThat(create("hashed", "hashed-long-password").status()).isEqualTo(201);
        Database db = c.bean(Database.class);
        String stored = db.read(h -> h.createQuery("SELECT password_hash FROM users WHERE username = 'hashed'").mapTo(String.class).one());
        assertThat(stored).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+");

        // a hash as earlier versions wrote it, with weaker parameters than today's
        String legacy = legacyHash("legacy-long-password", 4096, 1);
        db.write(h -> h.createUpdate("UPDATE users SET password_hash = :h WHERE username = 'hashed'").bind("h", legacy).execute());
        assertThat(c.login("hashed", "legacy-long-password")).startsWith("aks_");
        String upgraded = db.read(h -> h.createQuery("SELECT password_hash FROM users WHERE username = 'hashed'").mapTo(String.class).one());
        assertThat(upgraded).isNotEqualTo(legacy).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(c.login("hashed", "legacy-long-password")).startsWith("aks_");
    }

    /** What the hand-built hasher of earlier versions stored (BouncyCastle, PHC string). */
    static String legacyHash(String password, int memKib, int iterations) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memKib).withIterations(iterations).withParallelism(1).withSalt(salt).build());
        byte[] out = new byte[32];
        gen.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + memKib + ",t=" + iterations + ",p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(out);
    }
}
