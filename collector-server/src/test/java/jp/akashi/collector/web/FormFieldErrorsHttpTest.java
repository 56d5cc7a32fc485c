package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.web.WebClient.Page;

/**
 * A console form that breaks its Bean Validation constraints comes back as the same page with
 * status 400, the input kept, and the field marked ({@code is-invalid}, {@code aria-invalid})
 * with its error next to it in the reader's language; full-width and Japanese names pass.
 */
class FormFieldErrorsHttpTest {
    static TestCollector c;
    static String assetId;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.snapshots.schedule", "off"));
        assetId = Seed.asset(c, id -> Reports.linuxHost(id, "forms-host"));
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    static WebClient admin(String lang) {
        WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        if (lang != null) {
            w.setCookie("AKASHI_LANG", lang);
        }
        return w;
    }

    /** The input or textarea {@code id}'s opening tag. */
    static String field(String body, String id) {
        Matcher m = Pattern.compile("<(input|textarea|select) id=\"" + id + "\"[^>]*>").matcher(body);
        assertThat(m.find()).as("field " + id).isTrue();
        return m.group();
    }

    /** The error shown under field {@code id}, or null when there is none. */
    static String feedback(String body, String id) {
        Matcher m = Pattern.compile("<div id=\"" + id + "-error\" class=\"invalid-feedback\">([^<]*)</div>").matcher(body);
        return m.find() ? m.group(1) : null;
    }

    static void assertMarked(Page p, String id, String message) {
        assertThat(p.status()).as(p.body()).isEqualTo(400);
        assertThat(feedback(p.body(), id)).isEqualTo(message);
        assertThat(field(p.body(), id)).contains("is-invalid").contains("aria-invalid=\"true\"");
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
    void aUserWithoutAUserNameIsMarkedInJapaneseOrEnglish() {
        WebClient w = admin(null);
        w.get("/users");
        Page ja = w.submit("/users", Map.of("username", "  ", "displayName", "山田　太郎", "role", "auditor",
                "password", "yamada-initial-pw-9"));
        assertMarked(ja, "username", "ユーザー名は2〜64文字の文字（日本語・全角も可）、数字と . _ @ - にしてください。");
        assertThat(field(ja.body(), "displayName")).contains("value=\"山田　太郎\"").doesNotContain("is-invalid");
        assertThat(ja.body()).contains("入力内容を確認してください");

        WebClient en = admin("en");
        en.get("/users");
        Page p = en.submit("/users", Map.of("username", "", "displayName", "ＡＢＣ", "role", "auditor", "password", "abc-initial-pw-99"));
        assertMarked(p, "username", "User names have 2 to 64 letters (Japanese and full-width too), digits and . _ @ -.");
        assertThat(field(p.body(), "displayName")).contains("value=\"ＡＢＣ\"");
    }

    @Test
    void aFullWidthUserIsCreated() {
        WebClient w = admin(null);
        w.get("/users");
        Page created = w.submit("/users", Map.of("username", "ｙａｍａｄａ", "displayName", "山田　太郎", "role", "auditor",
                "password", "yamada-initial-pw-9"));
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        assertThat(user("yamada").get("displayName").asText()).isEqualTo("山田　太郎");
    }

    @Test
    void anAssetAttributeTooLongIsMarkedInJapaneseOrEnglish() {
        String tooLong = "営".repeat(256);
        WebClient w = admin(null);
        w.get("/assets/" + assetId);
        Page ja = w.submit("/assets/" + assetId, Map.of("displayName", "ＡＢＣ　サーバー", "owner", tooLong, "department", "情報システム部"));
        assertMarked(ja, "owner", "255文字以内にしてください（全角・日本語も可）。");
        assertThat(field(ja.body(), "owner")).contains("value=\"" + tooLong + "\"");
        assertThat(field(ja.body(), "displayName")).contains("value=\"ＡＢＣ　サーバー\"").doesNotContain("is-invalid");
        assertThat(ja.body()).contains("保存できませんでした（255文字以内にしてください");

        WebClient en = admin("en");
        en.get("/assets/" + assetId);
        Page p = en.submit("/assets/" + assetId, Map.of("location", tooLong));
        assertMarked(p, "location", "At most 255 characters (Japanese and full-width too).");
        assertThat(p.body()).doesNotContain("255文字以内");
    }

    @Test
    void fullWidthAssetAttributesAreSaved() {
        WebClient w = admin(null);
        w.get("/assets/" + assetId);
        Page saved = w.submit("/assets/" + assetId, Map.of("displayName", "ＡＢＣ　サーバー", "owner", "山田　太郎",
                "department", "情報システム部", "location", "本社　３Ｆ"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        String page = w.get("/assets/" + assetId).body();
        assertThat(field(page, "owner")).contains("value=\"山田　太郎\"");
        assertThat(field(page, "displayName")).contains("value=\"ＡＢＣ　サーバー\"");
        assertThat(field(page, "location")).contains("value=\"本社　３Ｆ\"");
    }

    @Test
    void anExceptionWithoutAJustificationIsMarkedInJapaneseOrEnglish() {
        String until = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(30).toString();
        WebClient w = admin(null);
        w.get("/exceptions");
        Page ja = w.submit("/exceptions", Map.of("targetType", "check", "check", "av.installed", "assets", assetId,
                "justification", "　", "expires", until));
        assertMarked(ja, "justification", "理由を入力してください（5,000文字以内）");
        assertThat(ja.body()).contains(">" + assetId + "</textarea>").contains("value=\"" + until + "\"");

        WebClient en = admin("en");
        en.get("/exceptions");
        Page p = en.submit("/exceptions", Map.of("targetType", "check", "check", "av.installed", "assets", assetId,
                "justification", "", "expires", until));
        assertMarked(p, "justification", "A justification is required, at most 5000 characters");
    }

    @Test
    void aJapaneseJustificationIsRecorded() {
        String until = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(30).toString();
        WebClient w = admin(null);
        w.get("/exceptions");
        Page created = w.submit("/exceptions", Map.of("targetType", "check", "check", "av.installed", "assets", assetId,
                "justification", "山田　太郎（ＡＢＣ課）が承認した検証用端末", "expires", until));
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        assertThat(w.get(created.location()).body()).contains("山田　太郎（ＡＢＣ課）が承認した検証用端末");
    }

    @Test
    void aTargetWithoutANameIsMarkedInJapaneseOrEnglish() {
        WebClient w = admin(null);
        w.get("/targets/new");
        Page ja = NetworkPagesHttpTest.postTarget(w, "/targets", NetworkPagesHttpTest.target(" ", "192.0.2.20"), List.of("tls"));
        assertMarked(ja, "name", "名前は 1〜128 文字で、文字・数字・空白と . _ @ : / ( ) - で入力してください（全角の英数字・空白・括弧はそのまま使えます）");
        assertThat(field(ja.body(), "address")).contains("value=\"192.0.2.20\"");

        WebClient en = admin("en");
        en.get("/targets/new");
        Page p = NetworkPagesHttpTest.postTarget(en, "/targets", NetworkPagesHttpTest.target("", "192.0.2.21"), List.of("tls"));
        assertMarked(p, "name", "name is required: 1..128 letters, digits, spaces and . _ @ : / ( ) -");
        assertThat(field(p.body(), "address")).contains("value=\"192.0.2.21\"");
    }

    @Test
    void aFullWidthTargetNameIsSaved() {
        WebClient w = admin(null);
        w.get("/targets/new");
        Page created = NetworkPagesHttpTest.postTarget(w, "/targets", NetworkPagesHttpTest.target("山田　太郎のＰＣ", "192.0.2.22"),
                List.of("tls"));
        String id = NetworkPagesHttpTest.idFrom(created);
        assertThat(w.get("/targets/" + id).body()).contains("山田 太郎のPC");
    }
    @Test
    void aSnapshotNoteTooLongIsMarkedInJapaneseOrEnglish() {
        String tooLong = "記".repeat(256);
        WebClient w = admin(null);
        w.get("/snapshots");
        Page ja = w.submit("/snapshots", Map.of("note", tooLong));
        assertMarked(ja, "note", "メモは255文字以内にしてください");
        assertThat(field(ja.body(), "note")).contains("value=\"" + tooLong + "\"");

        WebClient en = admin("en");
        en.get("/snapshots");
        assertMarked(en.submit("/snapshots", Map.of("note", tooLong)), "note", "note: at most 255 characters");
    }

    @Test
    void aReportCompanyTooLongIsMarkedAndAJapaneseOneIsSaved() {
        String tooLong = "株".repeat(201);
        WebClient w = admin(null);
        w.get("/report-settings");
        Page ja = w.submit("/report-settings", Map.of("company", tooLong, "language", "ja"));
        assertMarked(ja, "company", "会社名は改行を含まない 200 文字以内で入力してください。");
        assertThat(field(ja.body(), "company")).contains("value=\"" + tooLong + "\"");

        WebClient en = admin("en");
        en.get("/report-settings");
        assertMarked(en.submit("/report-settings", Map.of("company", tooLong, "language", "ja")), "company",
                "The company name is at most 200 characters on one line.");

        w.get("/report-settings");
        Page saved = w.submit("/report-settings", Map.of("company", "株式会社ＡＢＣ　山田製作所", "language", "ja"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(field(w.get("/report-settings").body(), "company")).contains("value=\"株式会社ＡＢＣ　山田製作所\"");
    }
}
