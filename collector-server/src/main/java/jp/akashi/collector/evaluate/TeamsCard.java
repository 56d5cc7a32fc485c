package jp.akashi.collector.evaluate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A degradation as the body a Microsoft Teams Workflows webhook ("Post to a channel when a
 * webhook request is received") takes: a message with one Adaptive Card 1.4 — title, facts
 * (criterion, framework, change, reason, time), Japanese first with English under it, and an
 * "open in the console" button when the collector's URL is known. A pure function.
 */
public final class TeamsCard {
    private TeamsCard() {
    }

    public static Map<String, Object> payload(Degradation d) {
        List<Object> body = new ArrayList<>();
        body.add(Ordered.of("type", "TextBlock", "text", d.titleJa(), "size", "Large", "weight", "Bolder",
                "color", "Attention", "wrap", true));
        body.add(Ordered.of("type", "TextBlock", "text", d.titleEn(), "isSubtle", true, "spacing", "None", "wrap", true));
        List<Object> facts = new ArrayList<>();
        facts.add(fact("基準 / Criterion", d.criterion() + "（" + d.number() + "）"));
        facts.add(fact("フレームワーク / Framework", d.frameworkName().ja() + " / " + d.frameworkName().en()));
        facts.add(fact("判定 / Verdict", d.changeJa() + " / " + d.changeEn()));
        facts.add(fact("日時 / At", d.at().toString()));
        body.add(Ordered.of("type", "FactSet", "facts", facts));
        if (d.reason() != null) {
            body.add(Ordered.of("type", "TextBlock", "text", "理由: " + d.reason().ja(), "wrap", true));
            if (d.reason().en() != null && !d.reason().en().isBlank()) {
                body.add(Ordered.of("type", "TextBlock", "text", "Reason: " + d.reason().en(), "isSubtle", true, "spacing", "None", "wrap", true));
            }
        }
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("type", "AdaptiveCard");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("version", "1.4");
        card.put("body", body);
        card.put("actions", d.link() == null ? List.of()
                : List.of(Ordered.of("type", "Action.OpenUrl", "title", "コンソールで開く / Open in console", "url", d.link())));
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.put("contentUrl", null);
        attachment.put("content", card);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "message");
        message.put("attachments", List.of(attachment));
        return message;
    }

    private static Map<String, Object> fact(String title, String value) {
        return Ordered.of("title", title, "value", value);
    }
}
