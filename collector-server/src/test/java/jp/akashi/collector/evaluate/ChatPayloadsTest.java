package jp.akashi.collector.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.util.Json;

/** The Teams and Slack bodies of a degradation, shape exactly; and the refusal of a non-http(s) webhook. */
class ChatPayloadsTest {
    static final Degradation D = new Degradation("meti-scs:4-4-5-1", "4-4-5-1", "meti-scs",
            new Text("経産省 SCS評価制度", "METI SCS"), Verdict.MET, Verdict.NOT_MET,
            new Text("1 台中 1 台で不適合 <root>", "1 of 1 hosts fail <root>"), Instant.parse("2026-05-01T00:00:00Z"),
            "https://akashi.example/criteria/meti-scs:4-4-5-1");

    static JsonNode json(Object o) {
        return Json.mapper().valueToTree(o);
    }

    @Test
    void teamsGetsAMessageWithOneAdaptiveCardJapaneseFirst() {
        JsonNode m = json(TeamsCard.payload(D));
        assertThat(m.get("type").asText()).isEqualTo("message");
        assertThat(m.get("attachments")).hasSize(1);
        JsonNode a = m.get("attachments").get(0);
        assertThat(a.get("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = a.get("content");
        assertThat(card.get("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.get("version").asText()).isEqualTo("1.4");
        JsonNode body = card.get("body");
        assertThat(body.get(0).get("type").asText()).isEqualTo("TextBlock");
        assertThat(body.get(0).get("text").asText()).isEqualTo("基準の低下: 経産省 SCS評価制度 4-4-5-1");
        assertThat(body.get(1).get("text").asText()).isEqualTo("Criterion degraded: METI SCS 4-4-5-1");
        JsonNode facts = body.get(2);
        assertThat(facts.get("type").asText()).isEqualTo("FactSet");
        assertThat(facts.get("facts").findValuesAsText("title"))
                .containsExactly("基準 / Criterion", "フレームワーク / Framework", "判定 / Verdict", "日時 / At");
        assertThat(facts.get("facts").findValuesAsText("value")).containsExactly("meti-scs:4-4-5-1（4-4-5-1）",
                "経産省 SCS評価制度 / METI SCS", "達成 → 未達成 / Met → Not met", "2026-05-01T00:00:00Z");
        assertThat(body.get(3).get("text").asText()).isEqualTo("理由: 1 台中 1 台で不適合 <root>");
        assertThat(body.get(4).get("text").asText()).isEqualTo("Reason: 1 of 1 hosts fail <root>");
        assertThat(body).hasSize(5);
        JsonNode action = card.get("actions").get(0);
        assertThat(action.get("type").asText()).isEqualTo("Action.OpenUrl");
        assertThat(action.get("url").asText()).isEqualTo("https://akashi.example/criteria/meti-scs:4-4-5-1");
        assertThat(action.get("title").asText()).isEqualTo("コンソールで開く / Open in console");
    }

    @Test
    void withoutTheCollectorsUrlThereIsNoLinkAndWithoutAReasonNoReasonLine() {
        Degradation bare = new Degradation(D.criterion(), D.number(), D.framework(), D.frameworkName(), Verdict.MET,
                Verdict.UNKNOWN, null, D.at(), null);
        JsonNode card = json(TeamsCard.payload(bare)).get("attachments").get(0).get("content");
        assertThat(card.get("actions")).isEmpty();
        assertThat(card.get("body")).hasSize(3);
        JsonNode slack = json(SlackBlocks.payload(bare));
        assertThat(slack.get("blocks")).extracting(b -> b.get("type").asText()).containsExactly("header", "section", "context");
        assertThat(slack.toString()).as("keys in the order written").startsWith("{\"text\":").contains("{\"type\":\"header\",\"text\":{\"type\":\"plain_text\"");
        assertThat(slack.get("blocks").get(1).get("text").get("text").asText()).doesNotContain("理由");
    }

    @Test
    void slackGetsAFallbackTextAndBlocks() {
        JsonNode s = json(SlackBlocks.payload(D));
        assertThat(s.get("text").asText()).isEqualTo(
                "基準の低下: 経産省 SCS評価制度 4-4-5-1（達成 → 未達成） / Criterion degraded: METI SCS 4-4-5-1 (Met → Not met)");
        JsonNode blocks = s.get("blocks");
        assertThat(blocks).hasSize(4);
        assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).get("text").get("type").asText()).isEqualTo("plain_text");
        assertThat(blocks.get(0).get("text").get("text").asText()).isEqualTo("基準の低下: 経産省 SCS評価制度 4-4-5-1");
        JsonNode section = blocks.get(1);
        assertThat(section.get("type").asText()).isEqualTo("section");
        assertThat(section.get("text").get("type").asText()).isEqualTo("mrkdwn");
        assertThat(section.get("text").get("text").asText()).isEqualTo(String.join("\n",
                "*基準 / Criterion:* `meti-scs:4-4-5-1`（4-4-5-1）",
                "*フレームワーク / Framework:* 経産省 SCS評価制度 / METI SCS",
                "*判定 / Verdict:* 達成 → 未達成 / Met → Not met",
                "*理由:* 1 台中 1 台で不適合 &lt;root&gt;",
                "*Reason:* 1 of 1 hosts fail &lt;root&gt;"));
        assertThat(blocks.get(2).get("type").asText()).isEqualTo("context");
        assertThat(blocks.get(2).get("elements").get(0).get("text").asText())
                .isEqualTo("Criterion degraded: METI SCS 4-4-5-1 · 2026-05-01T00:00:00Z");
        JsonNode button = blocks.get(3).get("elements").get(0);
        assertThat(blocks.get(3).get("type").asText()).isEqualTo("actions");
        assertThat(button.get("type").asText()).isEqualTo("button");
        assertThat(button.get("url").asText()).isEqualTo("https://akashi.example/criteria/meti-scs:4-4-5-1");
    }

    @Test
    void aWebhookThatIsNotHttpIsRefusedAtStartWithoutShowingTheUrl() {
        NotifyProperties p = new NotifyProperties(3, java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1), 10);
        assertThatThrownBy(() -> new Notifier(List.of(), List.of("ftp://teams.example/secret-path"), List.of(), "", p, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("akashi.notify.teams-webhooks: not an http(s) URL (scheme ftp)")
                .hasMessageNotContaining("secret-path");
        assertThatThrownBy(() -> new Notifier(List.of(), List.of(), List.of("hooks.slack.com/services/T/B/x"), "", p, null, null, null, null, null))
                .hasMessageContaining("akashi.notify.slack-webhooks: not an http(s) URL");
    }

    @Test
    void anErrorTextLosesTheWebhooksPath() {
        java.net.URI u = java.net.URI.create("https://hooks.example/services/T0/B0/SECRET?sig=abc");
        assertThat(Notifier.scrub(u, "failed https://hooks.example/services/T0/B0/SECRET?sig=abc and /services/T0/B0/SECRET"))
                .doesNotContain("SECRET", "sig=abc").contains("failed");
        assertThat(Notifier.hostOf(u)).isEqualTo("hooks.example");
    }
}
