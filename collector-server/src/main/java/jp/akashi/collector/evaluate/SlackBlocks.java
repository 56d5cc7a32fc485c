package jp.akashi.collector.evaluate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A degradation as the body a Slack incoming webhook takes: {@code text} (the notification's
 * fallback line) and Block Kit blocks — a header, a section with the criterion, framework,
 * change and reason in mrkdwn (Japanese first, English after), the time as context, and a
 * button to the console page when the collector's URL is known. A pure function.
 */
public final class SlackBlocks {
    private SlackBlocks() {
    }

    public static Map<String, Object> payload(Degradation d) {
        List<Object> blocks = new ArrayList<>();
        blocks.add(Ordered.of("type", "header", "text", plain(d.titleJa())));
        StringBuilder md = new StringBuilder();
        md.append("*基準 / Criterion:* `").append(escape(d.criterion())).append("`（").append(escape(d.number())).append("）\n");
        md.append("*フレームワーク / Framework:* ").append(escape(d.frameworkName().ja())).append(" / ")
                .append(escape(d.frameworkName().en())).append('\n');
        md.append("*判定 / Verdict:* ").append(d.changeJa()).append(" / ").append(d.changeEn());
        if (d.reason() != null) {
            md.append("\n*理由:* ").append(escape(d.reason().ja()));
            if (d.reason().en() != null && !d.reason().en().isBlank()) {
                md.append("\n*Reason:* ").append(escape(d.reason().en()));
            }
        }
        blocks.add(Ordered.of("type", "section", "text", Ordered.of("type", "mrkdwn", "text", md.toString())));
        blocks.add(Ordered.of("type", "context", "elements",
                List.of(Ordered.of("type", "mrkdwn", "text", escape(d.titleEn()) + " · " + d.at()))));
        if (d.link() != null) {
            blocks.add(Ordered.of("type", "actions", "elements", List.of(Ordered.of("type", "button",
                    "text", plain("コンソールで開く / Open in console"), "url", d.link()))));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("text", d.fallback());
        out.put("blocks", blocks);
        return out;
    }

    private static Map<String, Object> plain(String text) {
        return Ordered.of("type", "plain_text", "text", text, "emoji", true);
    }

    /** Slack's three control characters in mrkdwn: {@code & < >}. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
