package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.testing.TestCollector.Response;

/**
 * An imported answer is an answer like any other: with {@code akashi.answers.review-frameworks}
 * naming Kubota it waits for a second person's approval, and it supersedes the previous version.
 */
class SheetImportReviewHttpTest {
    static TestCollector c;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.answers.review-frameworks", "kubota", "akashi.targets.scheduler-enabled", false));
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    @Test
    void importedAnswersWaitForReviewAndSupersedeThePreviousOne() throws Exception {
        String importer = c.userToken("imp-writer", "security");
        String reviewer = c.userToken("imp-reviewer", "security");
        Response first = c.postJson("/api/v1/criteria/kubota:60/answers", importer, Map.of("status", "not_met"));
        assertThat(c.postJson("/api/v1/answers/" + first.json().get("id").asText() + "/review", reviewer,
                Map.of("decision", "approve")).status()).isEqualTo(200);

        byte[] sheet = SheetImportHttpTest.workbook(wb -> {
            var s = wb.createSheet("回答");
            SheetImportHttpTest.cells(s, 0, "No.", "回答", "備考");
            SheetImportHttpTest.cells(s, 1, 60, "はい", "是正済み");
        });
        Response done = c.send("POST", "/api/v1/frameworks/kubota/import?dryRun=false", importer, multipart(sheet),
                Map.of("Content-Type", "multipart/form-data; boundary=b0undary"));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().get("rows").get(0).get("kind").asText()).isEqualTo("changed");
        JsonNode history = c.get("/api/v1/criteria/kubota:60/answers", reviewer).json();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("review").asText()).as("waits for a second person").isEqualTo("pending");
        assertThat(history.get(0).get("supersedes").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(history.get(0).get("answeredBy").asText()).isEqualTo("imp-writer");
        assertThat(c.postJson("/api/v1/answers/" + history.get(0).get("id").asText() + "/review", importer,
                Map.of("decision", "approve")).status()).as("not by the importer").isEqualTo(403);
    }

    static byte[] multipart(byte[] file) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.writeBytes(("--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.xlsx\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        b.writeBytes(file);
        b.writeBytes("\r\n--b0undary--\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return b.toByteArray();
    }
}
