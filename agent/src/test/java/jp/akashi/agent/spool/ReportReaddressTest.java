package jp.akashi.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.util.Json;

/** Spooled reports follow the agent's current identity; anything else passes unchanged. */
class ReportReaddressTest {

    private static byte[] gz(String json) {
        return Spool.gzip(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String agentIdOf(byte[] gz) throws Exception {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return Json.mapper().readTree(in).path("agentId").asText(null);
        }
    }

    @Test
    void aReportOfAnEarlierEnrollmentIsReaddressedAndKeepsEverythingElse() throws Exception {
        byte[] out = ReportReaddress.to("new-id", gz("{\"reportId\":\"r1\",\"agentId\":\"old-id\",\"facts\":[{\"key\":\"a.b\"}]}"));
        assertThat(agentIdOf(out)).isEqualTo("new-id");
        try (var in = new GZIPInputStream(new ByteArrayInputStream(out))) {
            assertThat(Json.mapper().readTree(in).path("facts").get(0).path("key").asText()).isEqualTo("a.b");
        }
    }

    @Test
    void currentUnaddressedAndUndecodableBodiesPassUnchanged() {
        byte[] current = gz("{\"agentId\":\"id\"}");
        assertThat(ReportReaddress.to("id", current)).isSameAs(current);
        byte[] local = gz("{\"reportId\":\"r\"}");
        assertThat(ReportReaddress.to("id", local)).isSameAs(local);
        byte[] broken = "not gzip".getBytes(StandardCharsets.UTF_8);
        assertThat(ReportReaddress.to("id", broken)).isSameAs(broken);
        byte[] notJson = gz("{\"agentId\":");
        assertThat(ReportReaddress.to("id", notJson)).isSameAs(notJson);
    }
}
