package jp.akashi.collector.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills {@code {fact.key}}, {@code {params.name}} and {@code {detail}} into a check's message. */
public final class MessageTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z0-9_.]+)}");

    private MessageTemplate() {
    }

    public static List<String> placeholders(String template) {
        List<String> out = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    public static String fill(String template, Function<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(values.apply(m.group(1))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** A value as people read it: lists joined with ", ", long texts cut. */
    public static String show(Object v) {
        if (v == null) {
            return "?";
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object o : l) {
                parts.add(show(o));
                if (parts.size() == 20) {
                    parts.add("… (" + l.size() + ")");
                    break;
                }
            }
            return String.join(", ", parts);
        }
        if (v instanceof Map<?, ?> m) {
            Object name = m.containsKey("name") ? m.get("name") : m.containsKey("port") ? m.get("port") : null;
            if (name != null) {
                return String.valueOf(name);
            }
            // an object quoted whole reads as its entries, not as Java's {k=v} (a brace would look like an unfilled placeholder)
            List<String> parts = new ArrayList<>();
            m.forEach((k, x) -> parts.add(k + " = " + show(x)));
            return parts.isEmpty() ? "-" : String.join(", ", parts);
        }
        String s = String.valueOf(v);
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
