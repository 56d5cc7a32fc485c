package jp.akashi.collector.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TestCollector.Response;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.util.Json;

/** Reports in, verdicts and scores out, through the API of a real collector; answers, equivalences, exceptions, webhooks. */
class ComplianceApiTest {
    static TestCollector c;
    static HttpServer hook;
    static final List<JsonNode> events = new CopyOnWriteArrayList<>();
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", ex -> {
            events.add(Json.mapper().readTree(ex.getRequestBody().readAllBytes()));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        hook.start();
        c = new TestCollector(Map.of(), Map.of("akashi.notify.webhooks", "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook"));
        admin = c.adminToken();
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
        hook.stop(0);
    }

    static JsonNode criterion(JsonNode compliance, String id) {
        for (JsonNode n : compliance.get("criteria")) {
            if (n.get("id").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("no criterion " + id);
    }

    JsonNode compliance(String framework) {
        c.awaitEvaluation();
        Response r = c.get("/api/v1/compliance/" + framework, admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void aReportDecidesAutoCriteriaAndAChangeIsADegradationThatNotifies() throws Exception {
        TestCollector shared = c;
        String sharedAdmin = admin;
        c = new TestCollector(Map.of(), Map.of("akashi.notify.webhooks", "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook"));
        admin = c.adminToken();
        try {
            degradation();
        } finally {
            c.close();
            c = shared;
            admin = sharedAdmin;
        }
    }

    private void degradation() throws Exception {
        String[] agent = c.enrollAgent();
        assertThat(c.postJson("/api/v1/reports", agent[1], Reports.host(agent[0], "comp-1", "comp-1", Reports.linuxPolicyFacts("comp-1", true))).status())
                .isEqualTo(201);
        JsonNode meti = compliance("meti-scs");
        assertThat(meti.has("at") && meti.get("at").isNull()).as("now: at is there, null").isTrue();
        JsonNode av = criterion(meti, "meti-scs:4-4-5-1");
        assertThat(av.get("verdict").asText()).isEqualTo("met");
        assertThat(av.get("reasons").get(0).get("ja").asText()).contains("全 1 台で適合");
        // the password rule passes on 12 characters with 3 classes though lockout is unreadable
        assertThat(criterion(meti, "meti-scs:4-1-5-3").get("verdict").asText()).as("hybrid: still needs an answer").isEqualTo("unanswered");
        // lockout unreadable: unknown, never pass
        JsonNode lockout = criterion(meti, "meti-scs:4-1-4-1");
        assertThat(lockout.get("verdict").asText()).isEqualTo("unanswered");

        JsonNode checks = c.get("/api/v1/assets/" + assetOf("comp-1") + "/checks", admin).json();
        JsonNode lockCheck = find(checks.get("results"), "check", "auth.lockout_threshold");
        assertThat(lockCheck.get("status").asText()).isEqualTo("UNKNOWN");
        assertThat(lockCheck.get("reason").get("ja").asText()).contains("permission denied");
        // remediation is an asset's (for its platform): a check's results across assets leave it out
        assertThat(lockCheck.has("remediation")).isTrue();
        assertThat(c.get("/api/v1/checks/auth.lockout_threshold/results", admin).json())
                .isNotEmpty().allSatisfy(r -> assertThat(r.has("remediation")).isFalse());

        events.clear();
        assertThat(c.postJson("/api/v1/reports", agent[1], Reports.host(agent[0], "comp-1", "comp-1", Reports.linuxPolicyFacts("comp-1", false))).status())
                .isEqualTo(201);
        JsonNode after = criterion(compliance("meti-scs"), "meti-scs:4-4-5-1");
        assertThat(after.get("verdict").asText()).isEqualTo("not_met");
        long deadline = System.currentTimeMillis() + 10_000;
        while (events.stream().noneMatch(e -> e.get("criterion").asText().equals("meti-scs:4-4-5-1")) && System.currentTimeMillis() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        assertThat(events).anySatisfy(e -> {
            assertThat(e.get("event").asText()).isEqualTo("criterion.degraded");
            assertThat(e.get("criterion").asText()).isEqualTo("meti-scs:4-4-5-1");
            assertThat(e.get("from").asText()).isEqualTo("met");
            assertThat(e.get("to").asText()).isEqualTo("not_met");
        });
        // history: the transition is recorded
        JsonNode detail = c.get("/api/v1/criteria/meti-scs:4-4-5-1", admin).json();
        assertThat(detail.get("transitions").get(0).get("to").asText()).isEqualTo("NOT_MET");
        // the state today is answerable; a day before anything was recorded is refused with the first day
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"));
        JsonNode now = c.get("/api/v1/compliance/meti-scs?at=" + today, admin).json();
        assertThat(criterion(now, "meti-scs:4-4-5-1").get("verdict").asText()).isEqualTo("not_met");
        Response before = c.get("/api/v1/compliance/meti-scs?at=" + today.minusDays(1), admin);
        assertThat(before.status()).isEqualTo(400);
        assertThat(before.body()).contains("no data before " + today);
    }

    @Test
    void anAnswerWithoutAReviewIntervalLastsAsLongAsItsLevelsAssessment() {
        jp.akashi.collector.catalog.Catalog catalog = c.bean(jp.akashi.collector.catalog.Catalog.class);
        List<jp.akashi.collector.catalog.Criterion> meti = catalog.latest("meti-scs").orElseThrow().criteria();
        // ★3 is a yearly self-assessment, ★4 a third-party assessment valid three years (the catalog's scoring.levels)
        for (int level : new int[] {3, 4}) {
            jp.akashi.collector.catalog.Criterion cr = meti.stream().filter(x -> x.review() == null && !x.textMissing()
                    && Integer.valueOf(level).equals(x.level()) && x.evidence() == jp.akashi.collector.catalog.EvidenceType.MANUAL)
                    .findFirst().orElseThrow();
            Response a = c.postJson("/api/v1/criteria/" + cr.globalId() + "/answers", admin, Map.of("status", "met", "comment", "確認済み"));
            assertThat(a.status()).as(a.body()).isEqualTo(201);
            LocalDate until = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(a.json().get("validUntil").asLong()), java.time.ZoneId.of("Asia/Tokyo"));
            assertThat(until).as(cr.globalId()).isEqualTo(LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")).plusYears(level == 3 ? 1 : 3));
        }
    }

    @Test
    void anAnswerToOneFrameworkServesItsEquivalentsVisibly() {
        // find an equal-relation pair from the catalog's map through the API
        JsonNode detail = c.get("/api/v1/criteria/kubota:1", admin).json();
        String equivalent = null;
        for (JsonNode e : detail.get("equivalents")) {
            if (e.get("sharesAnswers").asBoolean()) {
                equivalent = e.get("criterion").asText();
                break;
            }
        }
        assertThat(equivalent).as("kubota:1 (security policy) has an equal criterion in another framework").isNotNull();
        Response a = c.postJson("/api/v1/criteria/kubota:1/answers", admin, Map.of("status", "met", "comment", "方針は2026年4月改定"));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        assertThat(a.json().get("validUntil").asLong()).isGreaterThan(System.currentTimeMillis() + 300L * 86_400_000);
        String fw = equivalent.substring(0, equivalent.indexOf(':'));
        JsonNode eq = criterion(compliance(fw), equivalent);
        assertThat(eq.get("verdict").asText()).isIn("met", "unknown");
        assertThat(eq.get("answer").get("via").asText()).isEqualTo("kubota:1");
        assertThat(criterion(compliance("kubota"), "kubota:1").get("verdict").asText()).isEqualTo("met");
    }

    @Test
    void answersAreValidatedAndOnlySecurityAndAdminsMayAnswer() {
        String auditor = c.userToken("aud-c", "auditor");
        assertThat(c.postJson("/api/v1/criteria/kubota:2/answers", auditor, Map.of("status", "met")).status()).isEqualTo(403);
        assertThat(c.postJson("/api/v1/criteria/kubota:2/answers", admin, Map.of("status", "maybe")).status()).isEqualTo(400);
        assertThat(c.postJson("/api/v1/criteria/nothing:1/answers", admin, Map.of("status", "met")).status()).isEqualTo(404);
        assertThat(c.postJson("/api/v1/criteria/kubota:2/answers", admin, Map.of("status", "met", "points", 3)).status())
                .as("points only for graded items").isEqualTo(400);
        Response graded = c.postJson("/api/v1/criteria/jaipa-isp:7-1-1/answers", admin, Map.of("status", "met"));
        assertThat(graded.status()).isEqualTo(400);
        assertThat(graded.json().get("error").asText()).contains("graded");
        assertThat(c.postJson("/api/v1/criteria/jaipa-isp:7-1-1/answers", admin, Map.of("status", "met", "points", 6)).status()).isEqualTo(400);
        assertThat(c.postJson("/api/v1/criteria/jaipa-isp:7-1-1/answers", admin, Map.of("status", "met", "points", 4)).status()).isEqualTo(201);
        Response history = c.get("/api/v1/criteria/jaipa-isp:7-1-1/answers", auditor);
        assertThat(history.json()).hasSize(1);
    }

    @Test
    void evidenceFilesAreCheckedStoredByHashAndDownloadable() throws Exception {
        byte[] pdf = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        Response up = upload("1-1-1_セキュリティポリシー.pdf", pdf, "application/pdf");
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        String sha = up.json().get("sha256").asText();
        assertThat(up.json().get("filename").asText()).isEqualTo("1-1-1_セキュリティポリシー.pdf");
        Response a = c.postJson("/api/v1/criteria/jaipa-isp:1-1-1/answers", admin, Map.of("status", "met",
                "attachments", List.of(Map.of("sha256", sha, "filename", "1-1-1_セキュリティポリシー.pdf"))));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        assertThat(a.json().get("attachments").get(0).get("contentType").asText()).isEqualTo("application/pdf");
        // the criterion's current answer (as the verdict and the exports read it) keeps its evidence files
        var latest = c.bean(jp.akashi.collector.store.Database.class).read(h -> c.bean(jp.akashi.collector.answer.AnswerStore.class)
                .latest(h, List.of("jaipa-isp:1-1-1")));
        assertThat(latest.get("jaipa-isp:1-1-1").attachments()).extracting(x -> x.sha256()).containsExactly(sha);
        Response dl = c.get("/api/v1/attachments/" + sha + "?name=" + java.net.URLEncoder.encode("1-1-1_セキュリティポリシー.pdf",
                StandardCharsets.UTF_8), admin);
        assertThat(dl.status()).isEqualTo(200);
        assertThat(dl.raw().headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(dl.raw().headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;");
        JsonNode last = c.get("/api/v1/audit-log?limit=1", admin).json().get("entries").get(0);
        assertThat(last.get("action").asText() + " " + last.get("target").asText()).isEqualTo("attachment.download " + sha);

        Response exe = upload("policy.pdf", new byte[]{'M', 'Z', 0, 0, 1}, "application/pdf");
        assertThat(exe.status()).isEqualTo(400);
        assertThat(exe.json().get("error").asText()).contains("not a .pdf file");
        assertThat(upload("run.exe", new byte[]{'M', 'Z'}, "application/octet-stream").status()).isEqualTo(400);
        assertThat(c.postJson("/api/v1/criteria/jaipa-isp:1-1-1/answers", admin, Map.of("status", "met",
                "attachments", List.of(Map.of("sha256", "0".repeat(64))))).status()).isEqualTo(400);
    }

    @Test
    void exceptionsApplyUntilRevokedOrExpired() {
        String[] agent = c.enrollAgent();
        c.postJson("/api/v1/reports", agent[1], Reports.host(agent[0], "exc-1", "exc-1", Reports.linuxPolicyFacts("exc-1", false)));
        assertThat(criterion(compliance("kubota"), "kubota:137").get("verdict").asText()).isEqualTo("not_met");
        Response bad = c.postJson("/api/v1/exceptions", admin, Map.of("targetType", "criterion", "targetId", "kubota:137",
                "justification", "x", "expiresAt", "2000-01-01"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).isEqualTo("expiresAt must be in the future and at most 3 years ahead");
        assertThat(bad.json().get("errorJa").asText()).isEqualTo("有効期限は今日より後、3年以内の日付にしてください");
        Response ex = c.approvedException(admin, Map.of("targetType", "criterion", "targetId", "kubota:137",
                "justification", "閉域網の制御装置のため定義ファイルは月次で手動更新",
                "expiresAt", LocalDate.now().plusMonths(3).toString()));
        assertThat(ex.status()).as(ex.body()).isEqualTo(201);
        JsonNode v = criterion(compliance("kubota"), "kubota:137");
        assertThat(v.get("verdict").asText()).isEqualTo("met");
        assertThat(v.get("exception").get("approver").asText()).isEqualTo(TestCollector.APPROVER);
        assertThat(c.send("POST", "/api/v1/exceptions/" + ex.json().get("id").asText() + "/revoke", admin, null, Map.of()).status()).isEqualTo(204);
        assertThat(criterion(compliance("kubota"), "kubota:137").get("verdict").asText()).isEqualTo("not_met");
        JsonNode list = c.get("/api/v1/exceptions", c.userToken("aud-x", "auditor")).json();
        assertThat(list).anySatisfy(e -> assertThat(e.get("state").asText()).isEqualTo("revoked"));
    }

    @Test
    void assetRolesDecideWhichChecksApply() {
        String[] agent = c.enrollAgent();
        List<Fact> facts = Reports.linuxPolicyFacts("role-1", true);
        facts.add(Reports.ok("log.auth.retention_days", 28L));
        c.postJson("/api/v1/reports", agent[1], Reports.host(agent[0], "role-1", "role-1", facts));
        c.awaitEvaluation();
        String asset = assetOf("role-1");
        assertThat(find(c.get("/api/v1/assets/" + asset + "/checks", admin).json().get("results"), "check", "log.auth_retention_1_year")
                .get("status").asText()).isEqualTo("NOT_APPLICABLE");
        assertThat(c.send("PATCH", "/api/v1/assets/" + asset, admin, json(Map.of("roles", List.of("confidential", "server"))), Map.of()).status())
                .isEqualTo(200);
        c.awaitEvaluation();
        JsonNode r = find(c.get("/api/v1/assets/" + asset + "/checks", admin).json().get("results"), "check", "log.auth_retention_1_year");
        assertThat(r.get("status").asText()).isEqualTo("FAIL");
        assertThat(r.get("reason").get("ja").asText()).contains("28 日");
        assertThat(c.send("PATCH", "/api/v1/assets/" + asset, admin, json(Map.of("roles", List.of("laptop"))), Map.of()).status()).isEqualTo(400);
    }

    @Test
    void aRepeatedReportMovesEveryUnchangedResultToTheNewerReport() {
        String[] agent = c.enrollAgent();
        Response first = c.postJson("/api/v1/reports", agent[1], Reports.host(agent[0], "repeat-1", "repeat-1", Reports.linuxPolicyFacts("repeat-1", true)));
        assertThat(first.status()).isEqualTo(201);
        c.awaitEvaluation();
        String asset = assetOf("repeat-1");
        JsonNode before = c.get("/api/v1/assets/" + asset + "/checks", admin).json().get("results");
        assertThat(before).isNotEmpty().allSatisfy(r -> assertThat(r.get("reportId").asText()).isEqualTo(first.json().get("reportId").asText()));

        Response second = c.postJson("/api/v1/reports", agent[1], Reports.host(agent[0], "repeat-1", "repeat-1", Reports.linuxPolicyFacts("repeat-1", true)));
        assertThat(second.status()).isEqualTo(201);
        c.awaitEvaluation();
        JsonNode after = c.get("/api/v1/assets/" + asset + "/checks", admin).json().get("results");
        assertThat(after).hasSameSizeAs(before);
        for (JsonNode r : after) {
            JsonNode old = find(before, "check", r.get("check").asText());
            assertThat(r.get("reportId").asText()).as(r.get("check").asText()).isEqualTo(second.json().get("reportId").asText());
            assertThat(r.get("status").asText()).isEqualTo(old.get("status").asText());
            assertThat(r.get("since").asText()).as("the verdict did not change").isEqualTo(old.get("since").asText());
        }
    }

    @Test
    void scoresForEveryFrameworkAndApplicationType() {
        JsonNode overview = c.get("/api/v1/compliance", admin).json();
        assertThat(overview).anySatisfy(s -> assertThat(s.get("framework").asText()).isEqualTo("meti-scs"));
        assertThat(overview).anySatisfy(s -> {
            assertThat(s.get("framework").asText()).isEqualTo("jaipa-isp");
            assertThat(s.get("application").asText()).isEqualTo("renewal");
        });
        JsonNode isp = c.get("/api/v1/compliance/jaipa-isp?application=renewal", admin).json();
        assertThat(isp.get("score").get("points").get("threshold").asInt()).isEqualTo(88);
        assertThat(c.get("/api/v1/compliance/jaipa-isp?application=other", admin).status()).isEqualTo(400);
        assertThat(c.get("/api/v1/compliance/nist", admin).status()).isEqualTo(404);
        c.awaitEvaluation();
        JsonNode history = c.get("/api/v1/compliance/kubota/history?days=30", admin).json();
        assertThat(history.get("points")).isNotEmpty();
    }

    private String assetOf(String hostname) {
        for (JsonNode a : c.get("/api/v1/assets?q=" + hostname, admin).json().get("items")) {
            if (a.get("hostname").asText().equals(hostname)) {
                return a.get("id").asText();
            }
        }
        throw new AssertionError("no asset " + hostname);
    }

    static JsonNode find(JsonNode list, String field, String value) {
        for (JsonNode n : list) {
            if (n.get(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("nothing with " + field + "=" + value + " in " + list);
    }

    static byte[] json(Object o) {
        try {
            return Json.mapper().writeValueAsBytes(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Response upload(String filename, byte[] content, String type) throws Exception {
        String boundary = "----akashi" + System.nanoTime();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        b.write(content);
        b.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return c.send("POST", "/api/v1/attachments", admin, b.toByteArray(), Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
    }
}
