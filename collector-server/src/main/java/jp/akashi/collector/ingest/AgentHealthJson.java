package jp.akashi.collector.ingest;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Set;
import java.util.function.BiFunction;

import jp.akashi.collector.enroll.AgentSelfReport;

/**
 * The {@code agentHealth} object of a report body (docs/INGEST.md). Optional as a whole and field
 * by field (unknown fields are ignored, for newer agents); a field that is present must have the
 * documented type and size, or the report is refused naming it.
 */
final class AgentHealthJson {
    static final Set<String> UPDATE_STATES = Set.of("updated", "refused", "rolled_back");
    static final Set<String> RSS_SOURCES = Set.of("VmHWM", "jvm");

    private AgentHealthJson() {
    }

    static AgentSelfReport read(JsonNode h, BiFunction<JsonNode, String, Instant> instant) {
        if (!h.isObject()) {
            throw FieldRefusal.of("agentHealth", "must be an object", "オブジェクトでなければなりません");
        }
        JsonNode rt = object(h, "runtime", "agentHealth.runtime");
        String javaVersion = rt == null ? null : text(rt.get("javaVersion"), "agentHealth.runtime.javaVersion", 100);
        String javaVendor = rt == null ? null : text(rt.get("javaVendor"), "agentHealth.runtime.javaVendor", 200);
        Boolean bundled = null;
        if (rt != null && rt.has("bundled") && !rt.get("bundled").isNull()) {
            if (!rt.get("bundled").isBoolean()) {
                throw FieldRefusal.of("agentHealth.runtime.bundled", "must be true or false", "true か false でなければなりません");
            }
            bundled = rt.get("bundled").booleanValue();
        }
        Long rss = count(h.get("peakRssBytes"), "agentHealth.peakRssBytes");
        String source = text(h.get("peakRssSource"), "agentHealth.peakRssSource", 16);
        if (source != null && !RSS_SOURCES.contains(source)) {
            throw FieldRefusal.of("agentHealth.peakRssSource", "must be one of " + RSS_SOURCES, RSS_SOURCES + " のいずれかでなければなりません");
        }
        Long pending = count(h.get("spoolPending"), "agentHealth.spoolPending");
        if (pending != null && pending > Integer.MAX_VALUE) {
            throw FieldRefusal.of("agentHealth.spoolPending", "is too large", "大きすぎます");
        }
        JsonNode u = object(h, "update", "agentHealth.update");
        String state = null;
        String version = null;
        String from = null;
        String detail = null;
        Instant at = null;
        if (u != null) {
            state = text(u.get("state"), "agentHealth.update.state", 16);
            if (state == null || !UPDATE_STATES.contains(state)) {
                throw FieldRefusal.of("agentHealth.update.state", "must be one of " + UPDATE_STATES, UPDATE_STATES + " のいずれかでなければなりません");
            }
            version = text(u.get("version"), "agentHealth.update.version", 64);
            from = text(u.get("from"), "agentHealth.update.from", 64);
            detail = text(u.get("detail"), "agentHealth.update.detail", 1024);
            at = instant.apply(u.get("at"), "agentHealth.update.at");
        }
        return new AgentSelfReport(javaVersion, javaVendor, bundled, rss, rss == null ? null : source,
                pending == null ? null : pending.intValue(), state, version, from, detail, at == null ? null : at.toEpochMilli());
    }

    private static JsonNode object(JsonNode parent, String field, String place) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw FieldRefusal.of(place, "must be an object", "オブジェクトでなければなりません");
        }
        return n;
    }

    private static String text(JsonNode n, String place, int max) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual() || n.textValue().isEmpty() || n.textValue().length() > max) {
            throw FieldRefusal.of(place, "must be a text of 1 to " + max + " characters", "1〜" + max + " 文字の文字列でなければなりません");
        }
        TextRules.Problem bad = TextRules.identity(n.textValue());
        if (bad != null) {
            throw FieldRefusal.of(place, bad.enAt(), bad.jaAt());
        }
        return n.textValue();
    }

    private static Long count(JsonNode n, String place) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
            throw FieldRefusal.of(place, "must be a non-negative integer, got " + FieldRefusal.shown(n.toString(), 40),
                    "0 以上の整数でなければなりません: " + FieldRefusal.shown(n.toString(), 40));
        }
        return n.longValue();
    }
}
