package jp.akashi.collector.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TestCollector.Response;

/**
 * A version change as it happens in the field: a collector runs with the catalog of before (the
 * METI 2025 draft, Kubota 2.0, the ISP check sheet), answers and an exception are given, then the
 * same database starts with the shipped catalog (the official METI list, the ISP 2026-02-16
 * version). Every answer is still used; where the wording changed it is flagged with both texts;
 * the answer to 6-2-2 is carried to 6-2-1, which it was merged into.
 */
class CatalogVersionChangeTest {
    static final String BEFORE = "catalog-before-2026";
    static TestCollector c;

    /** Answers given on the old catalog: unchanged text, changed text (★3), text added by the official list. */
    static final Map<String, String> ANSWERED = Map.of(
            "meti-scs:4-4-5-2", "met",          // same wording in both
            "meti-scs:4-5-1-1", "met",          // 一意的パスワード → 一意のパスワード
            "meti-scs:3-1-3-1", "not_met",      // 要件を定め、 → 要件を定めたうえで、
            "meti-scs:1-2-3-3", "met",          // no text in the draft
            "jaipa-isp:6-2-2", "met",           // merged into 6-2-1 on 2022-07-26
            "jaipa-isp:1-1-3", "met",           // same wording
            "meti-scs:4-4-2-1", "met",          // closing bracket added (★4)
            "kubota:1", "met");

    @BeforeAll
    static void start() throws Exception {
        writeOldCatalog();
        c = new TestCollector(Map.of(), Map.of("akashi.catalog.root", BEFORE));
        String admin = c.adminToken();
        ANSWERED.forEach((id, status) -> {
            Response r = c.postJson("/api/v1/criteria/" + id + "/answers", admin, Map.of("status", status, "comment", "旧版で回答"));
            assertThat(r.status()).as(id + ": " + r.body()).isEqualTo(201);
        });
        Response ex = c.approvedException(admin, Map.of("targetType", "criterion", "targetId", "meti-scs:4-4-4-2",
                "justification", "更新は月次の保守日に適用",
                "expiresAt", LocalDate.now().plusMonths(3).toString()));
        assertThat(ex.status()).as(ex.body()).isEqualTo(201);
        c.awaitEvaluation();
        assertThat(answer(compliance("meti-scs", admin), "meti-scs:4-5-1-1").get("textChanged").isNull()).isTrue();
        c.restartWith(Map.of()); // the shipped catalog
        c.awaitEvaluation();
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    /** The old catalog: the previous versions' files, copied from the shipped catalog. */
    static void writeOldCatalog() throws IOException, URISyntaxException {
        Path root = Path.of(CatalogVersionChangeTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(BEFORE);
        List<String> files = List.of("meti-scs/2025.yaml", "kubota/2.0.yaml", "jaipa-isp/checksheet.yaml");
        for (String f : files) {
            Files.createDirectories(root.resolve(f).getParent());
            try (InputStream in = CatalogVersionChangeTest.class.getResourceAsStream("/catalog/" + f)) {
                Files.write(root.resolve(f), in.readAllBytes());
            }
        }
        Files.writeString(root.resolve("index.yaml"), "schema: 1\nframeworks:\n" + String.join("", files.stream()
                .map(f -> "  - " + f + "\n").toList()));
    }

    static JsonNode compliance(String framework, String token) {
        Response r = c.get("/api/v1/compliance/" + framework, token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    static JsonNode criterion(JsonNode compliance, String id) {
        for (JsonNode n : compliance.get("criteria")) {
            if (n.get("id").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("no criterion " + id);
    }

    static JsonNode answer(JsonNode compliance, String id) {
        JsonNode a = criterion(compliance, id).get("answer");
        assertThat(a.isNull()).as(id + " has its answer").isFalse();
        return a;
    }

    @Test
    void theOfficialVersionIsScoredAndEveryAnswerIsStillUsed() {
        JsonNode meti = compliance("meti-scs", c.adminToken());
        assertThat(meti.get("version").asText()).isEqualTo("2026-03-27");
        for (String id : List.of("meti-scs:4-4-5-2", "meti-scs:4-5-1-1", "meti-scs:3-1-3-1", "meti-scs:1-2-3-3")) {
            assertThat(answer(meti, id).get("status").asText()).as(id).isEqualTo(ANSWERED.get(id));
        }
        assertThat(criterion(meti, "meti-scs:3-1-3-1").get("verdict").asText()).isEqualTo("not_met");
        assertThat(answer(meti, "meti-scs:3-1-3-1").get("textChanged").get("before").asText()).contains("要件を定め、");
        assertThat(criterion(meti, "meti-scs:1-2-3-3").get("verdict").asText()).isEqualTo("met");
        // the exception carries over by criterion id
        JsonNode excepted = criterion(meti, "meti-scs:4-4-4-2");
        assertThat(excepted.get("exception").get("approver").asText()).isEqualTo(TestCollector.APPROVER);
        // nothing is lost: the history of each answered criterion still has its answer
        for (String id : ANSWERED.keySet()) {
            JsonNode history = c.get("/api/v1/criteria/" + id + "/answers", c.adminToken()).json();
            assertThat(history).as(id).isNotEmpty();
            assertThat(history.get(history.size() - 1).get("comment").asText()).as(id).isEqualTo("旧版で回答");
        }
        assertThat(answer(compliance("kubota", c.adminToken()), "kubota:1").get("textChanged").isNull()).isTrue();
    }

    @Test
    void anAnswerWhoseWordingChangedIsFlaggedWithBothTexts() {
        JsonNode meti = compliance("meti-scs", c.adminToken());
        JsonNode same = answer(meti, "meti-scs:4-4-5-2");
        assertThat(same.get("textChanged").isNull()).as("same wording: not flagged").isTrue();
        JsonNode changed = answer(meti, "meti-scs:4-5-1-1").get("textChanged");
        assertThat(changed.get("version").asText()).isEqualTo("2025");
        assertThat(changed.get("before").asText()).contains("一意的パスワード");
        assertThat(changed.get("now").asText()).contains("一意のパスワード");
        // still counts (the checks of this hybrid criterion have no assets here, so it is unknown, not unanswered)
        assertThat(criterion(meti, "meti-scs:4-5-1-1").get("reasons").findValuesAsText("ja"))
                .anySatisfy(r -> assertThat(r).contains("回答後に本文が変わりました"))
                .anySatisfy(r -> assertThat(r).startsWith("回答: 満たしている"));
        JsonNode added = answer(meti, "meti-scs:1-2-3-3").get("textChanged");
        assertThat(added.get("before").isNull()).as("the draft had no text").isTrue();
        assertThat(added.get("now").asText()).contains("守秘義務の誓約書");
    }

    @Test
    void theAnswerToAMergedItemIsCarriedToTheItemItWasMergedInto() {
        JsonNode isp = compliance("jaipa-isp", c.adminToken());
        assertThat(isp.get("version").asText()).isEqualTo("2026-02-16");
        JsonNode merged = answer(isp, "jaipa-isp:6-2-1");
        assertThat(merged.get("via").asText()).isEqualTo("jaipa-isp:6-2-2");
        assertThat(merged.get("status").asText()).isEqualTo("met");
        assertThat(merged.get("textChanged").get("criterion").asText()).isEqualTo("jaipa-isp:6-2-2");
        assertThat(merged.get("textChanged").get("before").asText()).isEqualTo("会員に対して、最新のインターネット上のセキュリティ情報を発信していますか。");
        assertThat(criterion(isp, "jaipa-isp:6-2-1").get("verdict").asText()).isEqualTo("met");
        assertThat(answer(isp, "jaipa-isp:1-1-3").get("textChanged").isNull()).isTrue();
    }

    @Test
    void answeringAgainOnTheNewVersionClearsTheFlag() {
        String admin = c.adminToken();
        assertThat(answer(compliance("meti-scs", admin), "meti-scs:4-4-2-1").get("textChanged").isNull()).isFalse();
        assertThat(c.postJson("/api/v1/criteria/meti-scs:4-4-2-1/answers", admin, Map.of("status", "met", "comment", "公表版で確認"))
                .status()).isEqualTo(201);
        c.awaitEvaluation();
        JsonNode a = answer(compliance("meti-scs", admin), "meti-scs:4-4-2-1");
        assertThat(a.get("status").asText()).isEqualTo("met");
        assertThat(a.get("textChanged").isNull()).isTrue();
        assertThat(c.get("/api/v1/criteria/meti-scs:4-4-2-1/answers", admin).json()).hasSize(2);
    }
}
