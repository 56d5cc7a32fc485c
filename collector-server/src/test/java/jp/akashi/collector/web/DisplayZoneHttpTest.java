package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;

/**
 * {@code akashi.display-zone} decides every local time people see or type, not only the console
 * pages: a real collector over HTTP configured for UTC (the default is Asia/Tokyo, nine hours
 * apart, so a place that ignores the setting shows).
 */
class DisplayZoneHttpTest {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static TestCollector c;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.display-zone", "UTC"));
        admin = c.adminToken();
        String[] agent = c.enrollAgent();
        TestCollector.Response r = c.postJson("/api/v1/reports", agent[1],
                Reports.host(agent[0], "zone-web-1", "zone-web-1", Reports.linuxPolicyFacts("zone-web-1", false)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        c.awaitEvaluation();
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    @Test
    void anExpiryTypedAsADateLastsToTheEndOfThatDayInTheDisplayZone() {
        TestCollector.Response ex = c.postJson("/api/v1/exceptions", admin, Map.of("targetType", "criterion", "targetId", "kubota:137",
                "justification", "閉域網のため月次で手動更新", "expiresAt", "2027-03-31"));
        assertThat(ex.status()).as(ex.body()).isEqualTo(201);
        assertThat(ex.json().get("expiresAt").asText()).isEqualTo("2027-03-31T23:59:59.999Z");
    }

    @Test
    void theVerdictsExportWritesItsTimesInTheDisplayZone() throws Exception {
        HttpResponse<byte[]> csv = get("/api/v1/exports/verdicts.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain(" JST");
        Matcher m = Pattern.compile("(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d) (\\w+)").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        assertThat(m.group(2)).isEqualTo("UTC");
    }

    @Test
    void aSnapshotsDownloadIsNamedByItsTimeInTheDisplayZone() throws Exception {
        JsonNode s = c.postJson("/api/v1/snapshots", admin, Map.of()).json();
        String id = s.get("id").asText();
        String minute = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC)
                .format(Instant.parse(s.get("createdAt").asText()));
        HttpResponse<byte[]> zip = get("/api/v1/snapshots/" + id + "/download");
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Disposition").orElse(""))
                .contains("akashi-snapshot-" + minute + "-" + id.substring(0, 8) + ".zip");
    }

    @Test
    void scheduledSnapshotsFollowTheDisplayZoneUnlessTheirOwnZoneIsSet() {
        String page = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD).get("/snapshots").body();
        assertThat(page).contains("（UTC）").doesNotContain("Asia/Tokyo");
    }

    static HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(c.uri(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + admin).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
