package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.web.WebClient.Page;

/**
 * The console's forms as people fill them in: full-width and Japanese names are valid wherever a
 * person types a name, and a form that breaks a rule comes back with the input kept and the
 * field's error in the reader's language.
 */
class FormsHttpTest {
    static TestCollector c;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.snapshots.schedule", "off"));
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    static WebClient admin() {
        return WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
    }

    static JsonNode user(String username) {
        for (JsonNode u : c.get("/api/v1/users", c.adminToken()).json()) {
            if (u.get("username").asText().equals(username)) {
                return u;
            }
        }
        return null;
    }

    @Test
    void fullWidthAndJapaneseNamesAreAcceptedWhereAPersonTypesAName() {
        WebClient w = admin();
        w.get("/users");
        // a full-width login name (taken as its NFKC form) and a display name with an ideographic space
        Page created = w.submit("/users", Map.of("username", "ｓａｔｏｕ", "displayName", "佐藤　花子",
                "role", "security", "password", "satou-initial-pw-9"));
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        JsonNode satou = user("satou");
        assertThat(satou).isNotNull();
        assertThat(satou.get("displayName").asText()).isEqualTo("佐藤　花子");

        w.get("/users");
        Page japanese = w.submit("/users", Map.of("username", "山田太郎", "displayName", "ﾔﾏﾀﾞ　ﾀﾛｳ",
                "role", "auditor", "password", "yamada-initial-pw-9"));
        assertThat(japanese.status()).as(japanese.body()).isEqualTo(303);
        assertThat(user("山田太郎")).isNotNull();

        String id = satou.get("id").asText();
        w.get("/users/" + id);
        Page renamed = w.submit("/users/" + id, Map.of("displayName", "ＳＡＴＯＵ　Ｈａｎａｋｏ（情報システム部）", "role", "security"));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(303);
        assertThat(user("satou").get("displayName").asText()).isEqualTo("ＳＡＴＯＵ　Ｈａｎａｋｏ（情報システム部）");
    }

    @Test
    void aTargetNamedInFullWidthJapaneseIsAcceptedAndABadNameIsExplainedInJapanese() {
        WebClient w = admin();
        w.get("/targets/new");
        Map<String, String> fields = NetworkPagesHttpTest.target("本社　ファイルサーバー（旧）", "192.0.2.10");
        Page created = NetworkPagesHttpTest.postTarget(w, "/targets", fields, java.util.List.of("tls"));
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        String id = NetworkPagesHttpTest.idFrom(created);
        assertThat(w.get("/targets/" + id).body()).contains("本社 ファイルサーバー(旧)");

        w.get("/targets/new");
        Page refused = NetworkPagesHttpTest.postTarget(w, "/targets", NetworkPagesHttpTest.target("<本社>", "192.0.2.11"),
                java.util.List.of("tls"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("名前は").doesNotContain("name is required");
    }

    @Test
    void aTooLongDisplayNameComesBackWithTheFieldErrorInJapaneseOrEnglish() {
        String longName = "山".repeat(129);
        WebClient w = admin();
        w.get("/users");
        Page ja = w.submit("/users", Map.of("username", "longname", "displayName", longName, "role", "auditor",
                "password", "longname-initial-pw-9"));
        assertThat(ja.status()).isEqualTo(400);
        assertThat(ja.body()).contains("表示名は128文字以内にしてください").contains("is-invalid").contains("value=\"longname\"")
                .contains(longName).doesNotContain("\"message\"");
        assertThat(user("longname")).as("nothing created").isNull();

        w.setCookie("AKASHI_LANG", "en");
        w.get("/users");
        Page en = w.submit("/users", Map.of("username", "longname", "displayName", longName, "role", "auditor",
                "password", "longname-initial-pw-9"));
        assertThat(en.status()).isEqualTo(400);
        assertThat(en.body()).contains("Display names have at most 128 characters").doesNotContain("表示名は128文字以内");

        String id = user("admin").get("id").asText();
        w.get("/users/" + id);
        Page edit = w.submit("/users/" + id, Map.of("displayName", longName, "role", "admin"));
        assertThat(edit.status()).isEqualTo(400);
        assertThat(edit.body()).contains("Display names have at most 128 characters").contains(longName);
    }

    @Test
    void uploadsWithoutOrWithAWrongCsrfTokenAreRefusedAndStoreNothing() {
        WebClient w = admin();
        w.get("/credentials");
        java.util.List<WebClient.Upload> key = java.util.List.of(new WebClient.Upload("privateKeyFile", "id", "text/plain",
                "not a key".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Map<String, String> fields = Map.of("kind", "ssh-key", "name", "鍵　本社", "username", "akashi");
        int before = c.get("/api/v1/credentials", c.adminToken()).json().size();
        assertThat(w.postMultipart("/credentials", fields, key, Map.of()).status()).isEqualTo(403);
        Map<String, String> forged = new java.util.LinkedHashMap<>(fields);
        forged.put("_csrf", "forged");
        assertThat(w.postMultipart("/credentials", forged, key, Map.of()).status()).isEqualTo(403);
        assertThat(c.get("/api/v1/credentials", c.adminToken()).json()).hasSize(before);

        w.get("/report-settings");
        java.util.List<WebClient.Upload> logo = java.util.List.of(new WebClient.Upload("logo", "logo.png", "image/png", new byte[]{1, 2}));
        assertThat(w.postMultipart("/report-settings/logo", Map.of(), logo, Map.of()).status()).isEqualTo(403);
        assertThat(w.postMultipart("/report-settings/logo", Map.of("_csrf", "forged"), logo, Map.of()).status()).isEqualTo(403);
        assertThat(w.get("/report-settings").body()).doesNotContain("data:image/png");

        w.get("/frameworks/kubota/import");
        java.util.List<WebClient.Upload> sheet = java.util.List.of(new WebClient.Upload("file", "sheet.xlsx",
                "application/octet-stream", new byte[]{80, 75}));
        Page imp = w.postMultipart("/frameworks/kubota/import", Map.of("_csrf", "forged"), sheet, Map.of());
        assertThat(imp.status()).isEqualTo(403);
        assertThat(imp.headers().firstValue("X-Akashi-Refusal")).hasValue("csrf");
    }

    @Test
    void anOversizedKeyFileIsRefusedWithAClearMessage() {
        WebClient w = admin();
        w.get("/credentials");
        int before = c.get("/api/v1/credentials", c.adminToken()).json().size();
        Page big = w.submitMultipart("/credentials", Map.of("kind", "ssh-key", "name", "大きな鍵", "username", "akashi"),
                java.util.List.of(new WebClient.Upload("privateKeyFile", "id_big", "text/plain", new byte[17 * 1024])));
        assertThat(big.status()).isEqualTo(400);
        assertThat(big.body()).contains("16 KB 以下").contains("value=\"大きな鍵\"");
        assertThat(c.get("/api/v1/credentials", c.adminToken()).json()).hasSize(before);
    }
}
