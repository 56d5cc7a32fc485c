package jp.akashi.collector.web;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jp.akashi.collector.api.AssetService;
import jp.akashi.collector.ingest.CompactFacts;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.ProbeMessages;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.util.Json;

/**
 * An asset's current facts as the asset page shows them: grouped by family (the first part of
 * the key: {@code auth}, {@code os}, {@code patch} …), each with its value as text and the raw
 * evidence it was read from. Values are shown exactly as reported; the template escapes them.
 */
final class AssetView {
    private AssetView() {
    }

    /** One fact row. {@code value} is display text (lists and maps as indented JSON). */
    public record FactRow(String key, String status, String value, String message, String rawMessage, long collectedAt,
                          String probe, Evidence evidence, String sourceLabel, List<OtherRow> others) {
        public boolean ok() {
            return "ok".equals(status);
        }
    }

    /** What another source holds for a fact beside the merged value. */
    public record OtherRow(String label, String status, String value, String message, long collectedAt) {
    }

    /** A family of facts and how many of them could not be read. */
    public record Family(String name, List<FactRow> facts, long problems) {
    }

    /** A fact's message in {@code lang} when the agent sent its catalog code, else as reported. */
    static String shownMessage(CompactFacts.Value v, String lang) {
        return ProbeMessages.get().render(v.code(), lang).orElse(v.message());
    }

    static List<Family> families(AssetService.Detail d, String lang) {
        Map<String, List<FactRow>> grouped = new TreeMap<>();
        boolean several = d.sources().size() > 1;
        for (Map.Entry<String, CompactFacts.Value> e : d.facts().entrySet()) {
            CompactFacts.Value v = e.getValue();
            String key = e.getKey();
            // the evidence of the report the value was taken from, and (on an asset with several sources) whose it is
            String shown = shownMessage(v, lang);
            FactRow row = new FactRow(key, v.status().wire(), display(v.value()), shown,
                    shown != null && !shown.equals(v.message()) ? v.message() : null, v.collectedAt(), v.probe(),
                    d.evidenceFact(key).map(Fact::evidence).orElse(null), several && v.source() != null ? d.label(v.source()) : null,
                    d.others(key).stream().map(o -> new OtherRow(d.label(o.sourceKey()), o.value().status().wire(),
                            display(o.value().value()), shownMessage(o.value(), lang), o.value().collectedAt())).toList());
            grouped.computeIfAbsent(family(key), k -> new ArrayList<>()).add(row);
        }
        List<Family> out = new ArrayList<>();
        grouped.forEach((name, rows) -> {
            rows.sort((a, b) -> a.key().compareTo(b.key()));
            out.add(new Family(name, rows, rows.stream().filter(r -> !r.ok()).count()));
        });
        return out;
    }

    /** A line of the summary of what remote collection found: message key of its label and the value as text. */
    public record SummaryLine(String key, String value) {
    }

    /**
     * Facts that say what a device or a scanned address is, for the top of the asset page, in this
     * order: device identity (SNMP), open ports and vantage point (port scan), TLS, how SSH reached it.
     * The message key of each is {@code remote.fact.<fact key>}.
     */
    static final List<String> REMOTE_SUMMARY = List.of("net.device.vendor", "net.device.model", "net.device.os_name",
            "net.device.firmware_version", "snmp.sys_name", "snmp.sys_location", "exposure.open_ports", "exposure.scanned_from",
            "tls.protocols_accepted", "tls.cert.min_days_left", "remote.method", "remote.ssh.host_key_fingerprint");

    /** The remediation platforms of the asset (its kind, OS family and Linux distribution family, else its OS name). */
    static List<String> remediationPlatforms(AssetService.Detail d) {
        return jp.akashi.collector.api.RemediationPlatforms.of(d);
    }

    /** The {@link #REMOTE_SUMMARY} facts the asset has with a value (read ones only; problems are in the facts below). */
    static List<SummaryLine> remoteSummary(AssetService.Detail d) {
        List<SummaryLine> out = new ArrayList<>();
        for (String key : REMOTE_SUMMARY) {
            CompactFacts.Value v = d.facts().get(key);
            if (v != null && "ok".equals(v.status().wire()) && v.value() != null) {
                out.add(new SummaryLine("remote.fact." + key, v.value() instanceof List<?> l
                        ? String.join(", ", l.stream().map(String::valueOf).toList()) : display(v.value())));
            }
        }
        return out;
    }

    static String family(String key) {
        int dot = key.indexOf('.');
        return dot > 0 ? key.substring(0, dot) : key;
    }

    static Map<String, Evidence> evidenceByKey(Report latest) {
        Map<String, Evidence> m = new HashMap<>();
        if (latest != null) {
            for (Fact f : latest.facts()) {
                if (f.evidence() != null) {
                    m.put(f.key(), f.evidence());
                }
            }
        }
        return m;
    }

    static String display(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            try {
                return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
            } catch (JsonProcessingException e) {
                return String.valueOf(value);
            }
        }
        return value.toString();
    }

    /** Admin attributes as the edit form shows them (after a rejected save, what was typed). */
    public record Attributes(String displayName, String owner, String department, String location, List<String> roles) {
        static Attributes of(jp.akashi.collector.store.AssetStore.Asset a) {
            return new Attributes(nz(a.displayName()), nz(a.owner()), nz(a.department()), nz(a.location()), a.roles());
        }

        public boolean has(String role) {
            return roles.contains(role);
        }

        private static String nz(String s) {
            return s == null ? "" : s;
        }
    }

    static Map<String, String> filterParams(String q, String os, String kind, String role, boolean stale) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("q", q);
        p.put("os", os);
        p.put("kind", kind);
        p.put("role", role);
        p.put("stale", stale ? "true" : null);
        return p;
    }
}
