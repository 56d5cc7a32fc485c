package jp.akashi.collector.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

/** {@code GET /api/v1/frameworks} and {@code …/{framework}/criteria} over HTTP against the shipped catalog. */
@MicronautTest(transactional = false)
@Property(name = "akashi.db.url", value = "jdbc:sqlite:target/framework-api-test.db")
@Property(name = "akashi.admin-password", value = FrameworkApiTest.PASSWORD)
class FrameworkApiTest {
    static final String PASSWORD = "framework-api-test-password";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    @Client("/")
    HttpClient client;

    private String token;

    /** An auditor's read is enough; every /api route needs a login. */
    private String token() throws Exception {
        if (token == null) {
            String body = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/login",
                    java.util.Map.of("username", "admin", "password", PASSWORD)), String.class);
            token = JSON.readTree(body).get("token").asText();
        }
        return token;
    }

    @Test
    void listsFrameworksWithVersionsAndCounts() throws Exception {
        JsonNode list = get("/api/v1/frameworks");
        JsonNode meti = find(list, "id", "meti-scs");
        assertThat(meti.get("name").get("ja").asText()).isEqualTo("サプライチェーン強化に向けたセキュリティ対策評価制度");
        assertThat(meti.get("latest_version").asText()).isEqualTo("2026-03-27");
        // the official list supersedes the draft, which stays selectable
        JsonNode official = meti.get("versions").get(1);
        assertThat(official.get("version").asText()).isEqualTo("2026-03-27");
        assertThat(official.get("supersedes").asText()).isEqualTo("2025");
        assertThat(official.get("latest").asBoolean()).isTrue();
        assertThat(official.get("source").get("seed").asText()).isEqualTo("ipa-scs-star4-2026-03-27.tsv");
        assertThat(official.get("source").get("date").asText()).isEqualTo("2026-03-27");
        assertThat(official.get("public_totals").get("3").get("criteria").asInt()).isEqualTo(81);
        assertThat(official.get("public_totals").get("3").get("requirements").asInt()).isEqualTo(26);
        assertThat(official.get("public_totals").get("4").get("criteria").asInt()).isEqualTo(153);
        assertThat(official.get("public_totals").get("4").get("requirements").asInt()).isEqualTo(43);
        JsonNode oc = official.get("counts");
        assertThat(oc.get("criteria").asInt()).isEqualTo(153);
        assertThat(oc.get("text_missing").asInt()).isEqualTo(0);
        assertThat(oc.get("levels").get("3").asInt()).isEqualTo(81);
        assertThat(oc.get("levels").get("4").asInt()).isEqualTo(72); // ★4 only; ★4 needs all 153
        assertThat(oc.get("levels").get("unknown").asInt()).isEqualTo(0);
        assertThat(oc.get("groups").get("要求事項").asInt()).isEqualTo(43);
        JsonNode v = meti.get("versions").get(0);
        assertThat(v.get("latest").asBoolean()).isFalse();
        assertThat(v.get("scoring").asText()).isEqualTo("meti-levels");
        assertThat(v.get("source").get("seed").asText()).isEqualTo("004_908380434cc14566.txt");
        assertThat(v.get("levels").get(1).get("validity").asText()).isEqualTo("P3Y");
        assertThat(v.get("public_totals").get("3").get("criteria").asInt()).isEqualTo(83);
        assertThat(v.get("public_totals").get("4").get("requirements").asInt()).isEqualTo(44);
        JsonNode counts = v.get("counts");
        assertThat(counts.get("criteria").asInt()).isEqualTo(141);
        assertThat(counts.get("text_missing").asInt()).isEqualTo(17);
        assertThat(counts.get("levels").get("3").asInt()).isEqualTo(59);
        assertThat(counts.get("groups").get("要求事項").asInt()).isEqualTo(43);
        assertThat(counts.get("evidence").get("auto").asInt()).isEqualTo(3);
    }

    @Test
    void listsAllCriteriaFlatWithEveryField() throws Exception {
        JsonNode page = get("/api/v1/frameworks/meti-scs/criteria?version=2025");
        assertThat(page.get("view").asText()).isEqualTo("flat");
        assertThat(page.get("version").asText()).isEqualTo("2025");
        assertThat(page.get("count").asInt()).isEqualTo(141);
        assertThat(page.get("criteria")).hasSize(141);
        JsonNode c = find(page.get("criteria"), "id", "meti-scs:4-4-5-1");
        assertThat(c.get("local_id").asText()).isEqualTo("4-4-5-1");
        assertThat(c.get("parent").asText()).isEqualTo("2004-4-5");
        assertThat(c.get("path").findValuesAsText("id")).containsExactly("4", "4-4", "2004-4-5");
        assertThat(c.get("text").asText()).startsWith("・ネットワークに接続しているすべてのパソコン及びサーバに");
        assertThat(c.get("level").asInt()).isEqualTo(3);
        assertThat(c.get("level_source").asText()).isEqualTo("marker");
        assertThat(c.get("nist_csf").asText()).isEqualTo("PR");
        assertThat(c.get("evidence").asText()).isEqualTo("auto");
        assertThat(c.get("checks").get(0).asText()).isEqualTo("av.installed");
        assertThat(c.get("check_hints").get(0).asText()).isEqualTo("av");
        assertThat(c.get("text_missing").asBoolean()).isFalse();
        assertThat(c.has("points")).isTrue();
        JsonNode missing = find(page.get("criteria"), "id", "meti-scs:4-2-2-1");
        assertThat(missing.get("text").isNull()).isTrue();
        assertThat(missing.get("level").isNull()).isTrue();
        assertThat(missing.get("text_missing").asBoolean()).isTrue();
        JsonNode yearly = find(page.get("criteria"), "id", "meti-scs:1-1-1-2");
        assertThat(yearly.get("review").asText()).isEqualTo("P1Y");
        JsonNode password = find(page.get("criteria"), "id", "meti-scs:4-1-5-3");
        assertThat(password.get("equivalents").findValuesAsText("criterion")).contains("meti-scs:4-1-5-2");
        assertThat(password.get("equivalents").findValuesAsText("rationale_ja")).allSatisfy(r -> assertThat(r).isNotBlank());
    }

    @Test
    void diffBetweenTheDraftAndTheOfficialVersion() throws Exception {
        JsonNode d = get("/api/v1/frameworks/meti-scs/versions/2025/diff/2026-03-27");
        assertThat(d.get("from").asText()).isEqualTo("2025");
        assertThat(d.get("to").asText()).isEqualTo("2026-03-27");
        assertThat(d.get("removed")).as("the draft has no id outside the official list").isEmpty();
        assertThat(d.get("summary").get("added").asInt()).isEqualTo(153 - 141);
        List<String> changed = ids(d.get("changed"));
        // the six changed wordings the seed notes name, and the 17 criteria the draft had no text for
        assertThat(changed).contains("meti-scs:3-1-3-1", "meti-scs:4-4-4-2", "meti-scs:4-5-1-1", "meti-scs:3-1-4-6",
                "meti-scs:4-1-8-3", "meti-scs:4-4-2-1", "meti-scs:1-2-3-3", "meti-scs:4-1-9-1").hasSize(6 + 17);
        JsonNode password = find(d.get("changed"), "id", "meti-scs:4-5-1-1");
        assertThat(password.get("answers").asText()).isEqualTo("carried_flagged");
        assertThat(password.get("diff").findValuesAsText("op")).contains("=", "-", "+");
        String removedText = String.join("", runs(password.get("diff"), "-"));
        String insertedText = String.join("", runs(password.get("diff"), "+"));
        assertThat(removedText).isEqualTo("的");
        assertThat(insertedText).isEqualTo("の");
        assertThat(d.get("reformatted").size()).as("width and spacing only: not flagged").isGreaterThan(50);
        assertThat(d.get("weight_changed").findValuesAsText("id")).contains("meti-scs:2-1-1-3", "meti-scs:3-1-1-2");
        JsonNode moved = find(d.get("weight_changed"), "id", "meti-scs:2-1-1-3");
        assertThat(moved.get("before").asText()).isEqualTo("★3");
        assertThat(moved.get("after").asText()).isEqualTo("★4");
        assertThat(d.get("answers").has("carried_flagged")).isTrue();
    }

    @Test
    void diffOfTheIspVersionsShowsTheMergeAndTheWeights() throws Exception {
        JsonNode d = get("/api/v1/frameworks/jaipa-isp/versions/checksheet/diff/2026-02-16");
        JsonNode merged = find(d.get("removed"), "id", "jaipa-isp:6-2-2");
        assertThat(merged.get("merged_into").asText()).isEqualTo("jaipa-isp:6-2-1");
        assertThat(merged.get("answers").asText()).isEqualTo("carried_to_merged");
        assertThat(ids(d.get("added"))).containsExactlyInAnyOrder("jaipa-isp:2-1-4", "jaipa-isp:2-1-5", "jaipa-isp:4-1-4",
                "jaipa-isp:7-0-2", "jaipa-isp:7-4-2", "jaipa-isp:7-4-3");
        JsonNode audit = find(d.get("weight_changed"), "id", "jaipa-isp:1-1-2");
        assertThat(audit.get("after").asText()).isEqualTo("new 5点, renewal 必須");
        assertThat(ids(d.get("changed"))).contains("jaipa-isp:2-1-1", "jaipa-isp:6-2-1");
    }

    @Test
    void diffOfUnknownFrameworksOrVersionsIs404() throws Exception {
        for (String path : List.of("/api/v1/frameworks/nist/versions/1/diff/2", "/api/v1/frameworks/meti-scs/versions/2025/diff/2099",
                "/api/v1/frameworks/meti-scs/versions/..%2F..%2Fx/diff/2025")) {
            try {
                client.toBlocking().exchange(HttpRequest.GET(path).bearerAuth(token()), String.class);
                throw new AssertionError(path + " answered");
            } catch (io.micronaut.http.client.exceptions.HttpClientResponseException e) {
                assertThat(e.getStatus().getCode()).as(path).isEqualTo(404);
            }
        }
    }

    private static List<String> runs(JsonNode diff, String op) {
        List<String> out = new java.util.ArrayList<>();
        diff.forEach(r -> {
            if (r.get("op").asText().equals(op)) {
                out.add(r.get("text").asText());
            }
        });
        return out;
    }

    @Test
    void officialVersionListsEveryCriterionWithItsLevel() throws Exception {
        JsonNode page = get("/api/v1/frameworks/meti-scs/criteria");
        assertThat(page.get("version").asText()).isEqualTo("2026-03-27");
        assertThat(page.get("count").asInt()).isEqualTo(153);
        assertThat(get("/api/v1/frameworks/meti-scs/criteria?level=3").get("count").asInt()).isEqualTo(81);
        assertThat(get("/api/v1/frameworks/meti-scs/criteria?level=4").get("count").asInt()).isEqualTo(153);
        JsonNode c = find(page.get("criteria"), "id", "meti-scs:4-1-1-1");
        assertThat(c.get("parent").asText()).isEqualTo("4-1-1");
        assertThat(c.get("level").asInt()).isEqualTo(3);
        assertThat(c.get("notes").has("transcription")).isTrue();
        assertThat(c.has("note")).isFalse();
        assertThat(page.get("criteria").findValues("level")).allSatisfy(l -> assertThat(l.isInt()).isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            version=2025&level=3      | 59
            version=2025&level=4      | 141
            version=2025&evidence=auto | 3
            version=2025&evidence=auto,hybrid | 25
            version=2025&level=3&evidence=auto | 2
            q=ﾏﾙｳｪｱ対策ソフト          | 4
            q=ＯＳ　サポート            | 2
            q=meti-scs:4-4-5-1        | 1
            version=2025&q=年1回以上    | 21
            """)
    void filtersCriteria(String query, int expected) throws Exception {
        UriBuilder uri = UriBuilder.of("/api/v1/frameworks/meti-scs/criteria");
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            uri.queryParam(kv[0], kv[1]);
        }
        JsonNode page = get(uri.build().toString());
        assertThat(page.get("count").asInt()).isEqualTo(expected);
        assertThat(page.get("criteria")).hasSize(expected);
    }

    @Test
    void searchFindsTheCriteriaThatMentionTheTerm() throws Exception {
        JsonNode page = get(UriBuilder.of("/api/v1/frameworks/meti-scs/criteria").queryParam("q", "ﾏﾙｳｪｱ対策ソフト")
                .build().toString());
        assertThat(ids(page.get("criteria"))).containsExactly("meti-scs:4-4-5-1", "meti-scs:4-4-5-2",
                "meti-scs:4-4-5-3", "meti-scs:5-1-2-3");
    }

    @Test
    void givesTheTreeAndPrunesItWhenFiltering() throws Exception {
        JsonNode tree = get("/api/v1/frameworks/meti-scs/criteria?view=tree&version=2025");
        assertThat(tree.get("view").asText()).isEqualTo("tree");
        assertThat(tree.get("count").asInt()).isEqualTo(141);
        assertThat(tree.get("groups").findValuesAsText("number").subList(0, 1)).containsExactly("1");
        assertThat(tree.get("groups")).hasSize(7);
        JsonNode first = tree.get("groups").get(0);
        assertThat(first.get("kind").asText()).isEqualTo("大分類");
        assertThat(first.get("groups").get(0).get("groups").get(0).get("id").asText()).isEqualTo("2001-1-1");
        assertThat(first.get("groups").get(0).get("groups").get(0).get("criteria")).hasSize(3);
        assertThat(tree.get("criteria")).isEmpty();

        JsonNode auto = get("/api/v1/frameworks/meti-scs/criteria?view=tree&evidence=auto");
        assertThat(auto.get("count").asInt()).isEqualTo(3);
        assertThat(auto.get("groups")).hasSize(1);
        assertThat(auto.get("groups").get(0).get("id").asText()).isEqualTo("4");
        List<String> ids = new ArrayList<>();
        auto.findValues("criteria").forEach(list -> ids.addAll(ids(list)));
        assertThat(ids).containsExactlyInAnyOrder("meti-scs:4-4-5-1", "meti-scs:4-4-5-3", "meti-scs:4-5-1-8");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            /api/v1/frameworks/nist/criteria                       | 404 | フレームワークが見つかりません: nist
            /api/v1/frameworks/meti-scs/criteria?version=1999      | 404 | バージョンが見つかりません: meti-scs 1999
            /api/v1/frameworks/meti-scs/criteria?level=5           | 400 | level の値 "5" は不正です
            /api/v1/frameworks/meti-scs/criteria?level=star        | 400 | level の値 "star" は不正です
            /api/v1/frameworks/meti-scs/criteria?evidence=magic    | 400 | evidence の値 "magic" は不正です
            /api/v1/frameworks/meti-scs/criteria?required=true     | 400 | required は必須・任意のあるフレームワークにだけ指定できます
            /api/v1/frameworks/meti-scs/criteria?view=graph        | 400 | view の値 "graph" は不正です
            """)
    void answersErrorsAsJson(String path, int status, String message) throws Exception {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> client.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(token()), String.class));
        assertThat((Throwable) e).as("no error for " + path).isNotNull();
        assertThat(e.getStatus().getCode()).isEqualTo(status);
        JsonNode body = JSON.readTree(e.getResponse().getBody(String.class).orElseThrow());
        assertThat(body.fieldNames()).toIterable().containsExactly("error");
        assertThat(body.get("error").asText()).contains(message);
    }

    private JsonNode get(String path) throws Exception {
        return JSON.readTree(client.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(token()), String.class));
    }

    private static List<String> ids(JsonNode criteria) {
        List<String> ids = new ArrayList<>();
        criteria.forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.get(field).asText())) {
                return n;
            }
        }
        throw new AssertionError("no element with " + field + " = " + value);
    }
}
