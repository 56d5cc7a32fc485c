package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.web.WebClient.Page;
import jp.akashi.collector.web.WebClient.Upload;

/**
 * The compliance pages' safety: the CSRF token of multipart uploads is read from the form itself
 * (no JavaScript needed) and checked before anything is stored; auditors can change nothing;
 * criterion texts, reasons, comments and justifications that contain markup are shown as text.
 * The collector runs on a small catalog written for this test, whose criterion texts carry markup.
 */
class ComplianceSecurityHttpTest {
    static final String CATALOG = "web-markup-catalog";
    static TestCollector c;
    static String hostile;

    @BeforeAll
    static void start() throws Exception {
        writeCatalog();
        c = new TestCollector(Map.of(), Map.of("akashi.catalog.root", CATALOG));
        hostile = Seed.asset(c, id -> Reports.host(id, "<img src=x onerror=alert('host')>", "mid-hostile-av",
                Seed.complianceFacts("hostile-av", true, List.of(Map.of("name", "<script>alert('av')</script>")))
                        .stream().map(f -> f.key().equals("av.realtime_enabled") ? Reports.ok("av.realtime_enabled", false) : f)
                        .toList()));
        Seed.user(c, "sec-auditor", "auditor", "sec-auditor-password-1");
        Seed.user(c, "sec-team", "security", "sec-team-password-1");
        c.awaitEvaluation();
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    /**
     * A framework whose texts try to inject markup: an automatic criterion decided by the
     * real-time protection check and a manual one, written next to the test classes (the
     * catalog is read from the classpath).
     */
    static void writeCatalog() throws IOException, URISyntaxException {
        Path root = Path.of(ComplianceSecurityHttpTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(CATALOG);
        Files.createDirectories(root.resolve("kubota"));
        Files.writeString(root.resolve("index.yaml"), "schema: 1\nframeworks:\n  - kubota/2.0.yaml\n", StandardCharsets.UTF_8);
        Files.writeString(root.resolve("kubota/2.0.yaml"), """
                schema: 1
                framework: kubota
                version: "2.0"
                name: {ja: "<b>マークアップを含む</b>基準", en: "Markup test"}
                source: {seed: none.txt}
                scoring: {kind: required-optional}
                groups:
                  - {id: "g1", kind: ラベル, number: "1", title: "<i onmouseover=alert('group')>グループ</i>"}
                criteria:
                  - id: "1"
                    parent: "g1"
                    number: "1"
                    text: "<script>alert('criterion')</script>リアルタイム保護を有効にすること"
                    fields: {達成条件: "<img src=x onerror=alert('field')>"}
                    required: true
                    evidence: auto
                    checks: [av.realtime]
                  - id: "2"
                    parent: "g1"
                    number: "2"
                    text: "規程を定めること &amp; \\"引用\\""
                    required: true
                    evidence: manual
                    checks: []
                """, StandardCharsets.UTF_8);
    }

    static WebClient admin() {
        return WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
    }

    static int answers(String criterion) {
        return c.get("/api/v1/criteria/" + criterion + "/answers", c.adminToken()).json().size();
    }

    @Test
    void multipartFormsCarryTheirCsrfTokenAndAreRefusedWithoutIt() {
        WebClient w = admin();
        w.get("/criteria/kubota:2");
        List<Upload> file = List.of(new Upload("evidence", "規程.pdf", "application/pdf", CompliancePagesHttpTest.PDF));
        Page missing = w.postMultipart("/criteria/kubota:2/answers", Map.of("status", "met"), file, Map.of());
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.body()).contains("確認用トークン");
        Page wrong = w.postMultipart("/criteria/kubota:2/answers", Map.of("_csrf", "forged", "status", "met"), file, Map.of());
        assertThat(wrong.status()).isEqualTo(403);
        Page empty = w.postMultipart("/criteria/kubota:2/answers", Map.of("_csrf", "", "status", "met"), file, Map.of());
        assertThat(empty.status()).isEqualTo(403);
        Page malformed = w.postBytes("/criteria/kubota:2/answers", "multipart/form-data; boundary=xyz",
                ("--xyz\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + w.csrf()).getBytes(StandardCharsets.UTF_8),
                Map.of());
        assertThat(malformed.status()).isEqualTo(403);
        assertThat(answers("kubota:2")).as("nothing was stored").isZero();
        // the entries, not the action filter's list of every action
        assertThat(w.get("/audit").body()).as("no file was stored either").doesNotContain("<code>attachment.upload</code>");

        Page viaHeader = w.postMultipart("/criteria/kubota:2/answers", Map.of("status", "met"), file,
                Map.of("X-CSRF-Token", w.csrf()));
        assertThat(viaHeader.status()).as("the header is accepted too").isEqualTo(303);
        w.get("/criteria/kubota:2");
        Page ok = w.submitMultipart("/criteria/kubota:2/answers", Map.of("status", "not_met"), file);
        assertThat(ok.status()).isEqualTo(303);
        assertThat(answers("kubota:2")).isEqualTo(2);
    }

    @Test
    void exceptionFormsNeedTheirCsrfTokenToo() {
        WebClient w = admin();
        w.get("/exceptions");
        int before = c.get("/api/v1/exceptions", c.adminToken()).json().size();
        Map<String, String> form = Map.of("targetType", "criterion", "criterion", "kubota:2", "justification", "csrf-victim", "expires", LocalDate.now().plusDays(10).toString());
        assertThat(w.post("/exceptions", form).status()).isEqualTo(403);
        Map<String, String> forged = new java.util.HashMap<>(form);
        forged.put("_csrf", "forged");
        assertThat(w.post("/exceptions", forged).status()).isEqualTo(403);
        assertThat(c.get("/api/v1/exceptions", c.adminToken()).json()).hasSize(before);

        assertThat(w.submit("/exceptions", form).status()).isEqualTo(303);
        String id = null;
        for (var e : c.get("/api/v1/exceptions", c.adminToken()).json()) {
            if (e.get("justification").asText().equals("csrf-victim")) {
                id = e.get("id").asText();
            }
        }
        assertThat(w.post("/exceptions/" + id + "/revoke", Map.of()).status()).isEqualTo(403);
        w.get("/exceptions");
        assertThat(w.submit("/exceptions/" + id + "/revoke", Map.of()).status()).isEqualTo(303);
    }

    @Test
    void anAuditorCanNeitherAnswerNorRecordExceptions() {
        WebClient w = WebClient.loggedIn(c, "sec-auditor", "sec-auditor-password-1");
        String criterion = w.get("/criteria/kubota:2").body();
        assertThat(criterion).doesNotContain("enctype=\"multipart/form-data\"").doesNotContain("/exceptions?criterion=");
        String exceptions = w.get("/exceptions").body();
        assertThat(exceptions).doesNotContain("action=\"/exceptions\"").doesNotContain("name=\"justification\"");
        for (String page : new String[]{"/", "/frameworks", "/frameworks/kubota", "/checks", "/checks/av.realtime",
                "/assets/" + hostile}) {
            assertThat(w.get(page).status()).as(page).isEqualTo(200);
        }

        int before = answers("kubota:2");
        w.get("/criteria/kubota:2");
        Page answer = w.submitMultipart("/criteria/kubota:2/answers", Map.of("status", "met"),
                List.of(new Upload("evidence", "x.pdf", "application/pdf", CompliancePagesHttpTest.PDF)));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).contains("権限がありません");
        assertThat(answers("kubota:2")).isEqualTo(before);

        int exceptionsBefore = c.get("/api/v1/exceptions", c.adminToken()).json().size();
        w.get("/exceptions");
        Page create = w.submit("/exceptions", Map.of("targetType", "criterion", "criterion", "kubota:1", "justification", "x", "expires", LocalDate.now().plusDays(10).toString()));
        assertThat(create.status()).isEqualTo(403);
        assertThat(c.get("/api/v1/exceptions", c.adminToken()).json()).hasSize(exceptionsBefore);

        WebClient sec = WebClient.loggedIn(c, "sec-team", "sec-team-password-1");
        sec.get("/exceptions");
        assertThat(sec.submit("/exceptions", Map.of("targetType", "criterion", "criterion", "kubota:1", "justification", "代替策で対応", "expires", LocalDate.now().plusDays(10).toString())).status()).isEqualTo(303);
        String id = securityTeamsException().get("id").asText();
        w.get("/exceptions");
        assertThat(w.submit("/exceptions/" + id + "/revoke", Map.of()).status()).isEqualTo(403);
        assertThat(w.submit("/exceptions/" + id + "/approve", Map.of("note", "")).status()).as("an auditor decides nothing").isEqualTo(403);
        assertThat(securityTeamsException().get("state").asText()).isEqualTo("requested");
        sec.get("/exceptions");
        assertThat(sec.submit("/exceptions/" + id + "/revoke", Map.of()).status()).isEqualTo(303);
    }

    static com.fasterxml.jackson.databind.JsonNode securityTeamsException() {
        for (var e : c.get("/api/v1/exceptions", c.adminToken()).json()) {
            if (e.get("createdBy").asText().equals("sec-team")) {
                return e;
            }
        }
        throw new AssertionError("the security team's exception was not recorded");
    }

    @Test
    void markupInCriterionTextsReasonsAndAnswersIsShownAsText() {
        WebClient w = admin();
        String criterion = w.get("/criteria/kubota:1").body();
        assertThat(criterion).contains("&lt;script&gt;alert(&#39;criterion&#39;)&lt;/script&gt;リアルタイム保護を有効にすること")
                .contains("&lt;img src=x onerror=alert(&#39;field&#39;)&gt;")
                .as("the failing asset and its reason, both from the host")
                .contains("&lt;img src=x onerror=alert(&#39;host&#39;)&gt;").contains("&lt;script&gt;alert(&#39;av&#39;)&lt;/script&gt;");
        String tree = w.get("/frameworks/kubota").body();
        assertThat(tree).contains("&lt;script&gt;alert(&#39;criterion&#39;)&lt;/script&gt;")
                .contains("&lt;i onmouseover=alert(&#39;group&#39;)&gt;").contains("&lt;b&gt;マークアップを含む&lt;/b&gt;");
        assertThat(w.get("/criteria/kubota:2").body()).contains("規程を定めること &amp;amp; &quot;引用&quot;");
        String check = w.get("/checks/av.realtime").body();
        assertThat(check).contains("&lt;script&gt;alert(&#39;av&#39;)&lt;/script&gt;");
        String asset = w.get("/assets/" + hostile).body();
        assertThat(asset).contains("&lt;script&gt;alert(&#39;av&#39;)&lt;/script&gt;");

        w.get("/criteria/kubota:2");
        assertThat(w.submitMultipart("/criteria/kubota:2/answers",
                Map.of("status", "met", "comment", "<script>alert('comment')</script>"), List.of()).status()).isEqualTo(303);
        assertThat(w.get("/criteria/kubota:2").body()).contains("&lt;script&gt;alert(&#39;comment&#39;)&lt;/script&gt;");
        w.get("/exceptions");
        assertThat(w.submit("/exceptions", Map.of("targetType", "check", "check", "av.realtime", "assets", hostile,
                "justification", "<svg onload=alert('why')>",
                "expires", LocalDate.now().plusDays(10).toString())).status()).isEqualTo(303);
        String hostileId = c.get("/api/v1/exceptions", c.adminToken()).json().get(0).get("id").asText();
        WebClient sec = WebClient.loggedIn(c, "sec-team", "sec-team-password-1");
        sec.get("/exceptions");
        assertThat(sec.submit("/exceptions/" + hostileId + "/approve", Map.of("note", "<b>boss</b>")).status()).isEqualTo(303);
        String exceptions = w.get("/exceptions?state=all").body();
        assertThat(exceptions).contains("&lt;svg onload=alert(&#39;why&#39;)&gt;").contains("&lt;b&gt;boss&lt;/b&gt;")
                .contains("&lt;img src=x onerror=alert(&#39;host&#39;)&gt;");

        for (String page : new String[]{criterion, tree, check, asset, exceptions, w.get("/").body()}) {
            assertThat(page).doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("<svg onload")
                    .doesNotContain("<i onmouseover").doesNotContain("<b>boss");
        }
    }

    @Test
    void everyTemplateWritesDataAsEscapedText() throws IOException {
        try (Stream<Path> files = Files.list(MessagesTest.VIEWS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                String html = Files.readString(f, StandardCharsets.UTF_8);
                assertThat(html).as(f.toString()).doesNotContain("th:utext").doesNotContain("[(").doesNotContain("th:inline")
                        .doesNotContain(" style=\"").doesNotContain("<script>").doesNotContain(" onclick=");
            }
        }
    }
}
