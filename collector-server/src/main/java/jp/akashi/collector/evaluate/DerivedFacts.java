package jp.akashi.collector.evaluate;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.akashi.collector.ingest.CompactFacts;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.model.MessageCode;
import jp.akashi.probes.model.ProbeMessages;

/**
 * Facts the collector knows and a host cannot report about itself: whether its OS is still
 * supported (from the end-of-life table), how long it has been watched, and for how long its
 * pending security updates have been seen pending. Same shape as collected facts, so checks use
 * them the same way, and just as honest: what cannot be derived is an {@code unsupported} fact
 * with the reason.
 */
public final class DerivedFacts {
    /**
     * Registry of derived keys and their types, declared in {@code checks/derived-facts.yaml} like the
     * probes' registry declares the collected ones.
     */
    public static final Map<String, String> TYPES = loadRegistry("checks/derived-facts.yaml");

    static final String PROBE = "collector";

    private DerivedFacts() {
    }

    /**
     * @param firstSeenAt     when the asset first reported
     * @param pendingFirstSeen first time each currently pending security update was seen pending (by update key)
     */
    public static Map<String, CompactFacts.Value> compute(Map<String, CompactFacts.Value> facts, EolTable eol,
                                                          long firstSeenAt, Map<String, Long> pendingFirstSeen, Instant now) {
        Map<String, CompactFacts.Value> out = new LinkedHashMap<>();
        long t = now.toEpochMilli();
        Optional<EolTable.Product> p = eol.match(facts);
        if (p.isEmpty()) {
            MessageCode msg = code("derived.eol_not_in_table", eol.asOf(), describeOs(facts));
            for (String k : List.of("eol.os.supported", "eol.os.product", "eol.os.end_date", "eol.os.days_left",
                    "eol.os.phase", "eol.os.phase_end", "eol.os.regular_end")) {
                out.put(k, unsupported(msg, t));
            }
        } else {
            EolTable.Product prod = p.get();
            out.put("eol.os.product", ok(prod.name(), t));
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            phase(prod, today, t, out);
            if (prod.end() != null) {
                out.put("eol.os.supported", ok(!today.isAfter(prod.end()), t));
                out.put("eol.os.end_date", ok(prod.end().toString(), t));
                out.put("eol.os.days_left", ok(Duration.between(today.atStartOfDay(), prod.end().atStartOfDay()).toDays(), t));
            } else {
                MessageCode msg = noEndDate(prod);
                if ("unknown".equals(prod.status())) {
                    out.put("eol.os.supported", unsupported(msg, t));
                } else {
                    out.put("eol.os.supported", ok("supported".equals(prod.status()), t));
                }
                out.put("eol.os.end_date", unsupported(msg, t));
                out.put("eol.os.days_left", unsupported(msg, t));
            }
        }
        out.put("asset.monitored_days", ok(Duration.ofMillis(Math.max(0, t - firstSeenAt)).toDays(), t));
        ageInDays(facts, "patch.lists_updated_at", "patch.lists_age_days", t, out);
        ageInDays(facts, "av.last_scan_at", "av.last_scan_age_days", t, out);

        CompactFacts.Value pending = facts.get("patch.pending_security");
        if (pending != null && pending.ok() && pending.value() instanceof List<?> list) {
            long oldest = pendingFirstSeen.values().stream().mapToLong(Long::longValue).min().orElse(t);
            out.put("patch.pending_security_observed_days", ok(list.isEmpty() ? 0L : Duration.ofMillis(Math.max(0, t - oldest)).toDays(), t));
        } else {
            out.put("patch.pending_security_observed_days", new CompactFacts.Value(FactStatus.UNSUPPORTED, null, t,
                    "no list of pending security updates from this asset" + (pending != null && pending.message() != null ? ": " + pending.message() : ""), PROBE));
        }
        return out;
    }

    private static MessageCode noEndDate(EolTable.Product prod) {
        return prod.note() == null ? code("derived.eol_no_end_date", prod.name())
                : code("derived.eol_no_end_date_note", prod.name(), prod.note());
    }

    /** A derived fact that cannot be had, with its message in the catalog (shown in the reader's language). */
    private static CompactFacts.Value unsupported(MessageCode why, long t) {
        return new CompactFacts.Value(FactStatus.UNSUPPORTED, null, t, ProbeMessages.get().english(why), PROBE, null, null, why);
    }

    /** Keys identifying each pending security update in {@code patch.pending_security} (name and version). */
    public static List<String> pendingUpdateKeys(Map<String, CompactFacts.Value> facts) {
        CompactFacts.Value pending = facts.get("patch.pending_security");
        if (pending == null || !pending.ok() || !(pending.value() instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(o -> {
            if (o instanceof Map<?, ?> m) {
                return m.get("name") + " " + (m.get("version") == null ? "" : m.get("version"));
            }
            return String.valueOf(o);
        }).map(s -> s.length() > 255 ? s.substring(0, 255) : s).distinct().toList();
    }

    /** Days from a timestamp fact to now; the source fact's own status when it has no value. */
    private static void ageInDays(Map<String, CompactFacts.Value> facts, String source, String key, long t,
                                  Map<String, CompactFacts.Value> out) {
        CompactFacts.Value v = facts.get(source);
        if (v == null) {
            out.put(key, unsupported(code("derived.source_not_reported", source), t));
        } else if (!v.ok() || !(v.value() instanceof String s)) {
            out.put(key, new CompactFacts.Value(v.status() == FactStatus.OK ? FactStatus.ERROR : v.status(), null, t,
                    source + ": " + (v.message() == null ? "no value" : v.message()), PROBE));
        } else {
            try {
                long at = jp.akashi.probes.util.FastInstant.parse(s).toEpochMilli();
                out.put(key, ok(Duration.ofMillis(Math.max(0, t - at)).toDays(), t));
            } catch (RuntimeException e) {
                MessageCode why = code("derived.not_a_timestamp", source, s);
                out.put(key, new CompactFacts.Value(FactStatus.ERROR, null, t, ProbeMessages.get().english(why), PROBE, null, null, why));
            }
        }
    }

    /**
     * The support phase today: {@code regular} (the vendor's regular security support), {@code lts}
     * (after {@code regular_end}, free long-term support until {@code end}, as Debian LTS),
     * {@code extended} (after {@code end}, paid extended support until {@code extended_end} only)
     * or {@code ended}; with the end of that phase and the end of regular support.
     */
    private static void phase(EolTable.Product prod, LocalDate today, long t, Map<String, CompactFacts.Value> out) {
        out.put("eol.os.regular_end", prod.regularEnd() == null ? unsupported(code("derived.eol_no_regular_phase", prod.name()), t)
                : ok(prod.regularEnd().toString(), t));
        if (prod.end() == null) {
            MessageCode msg = noEndDate(prod);
            if ("supported".equals(prod.status()) || "unsupported".equals(prod.status())) {
                out.put("eol.os.phase", ok("supported".equals(prod.status()) ? "regular" : "ended", t));
            } else {
                out.put("eol.os.phase", unsupported(msg, t));
            }
            out.put("eol.os.phase_end", unsupported(msg, t));
            return;
        }
        String phase;
        LocalDate phaseEnd;
        if (prod.regularEnd() != null && !today.isAfter(prod.regularEnd())) {
            phase = "regular";
            phaseEnd = prod.regularEnd();
        } else if (!today.isAfter(prod.end())) {
            phase = prod.regularEnd() != null ? "lts" : "regular";
            phaseEnd = prod.end();
        } else if (prod.extendedEnd() != null && !today.isAfter(prod.extendedEnd())) {
            phase = "extended";
            phaseEnd = prod.extendedEnd();
        } else {
            phase = "ended";
            phaseEnd = prod.extendedEnd() != null ? prod.extendedEnd() : prod.end();
        }
        out.put("eol.os.phase", ok(phase, t));
        out.put("eol.os.phase_end", ok(phaseEnd.toString(), t));
    }

    /** Reads a derived-facts registry strictly: known keys only, registry types, no collision with a collected fact. */
    static Map<String, String> loadRegistry(String resource) {
        CheckFile f = CheckFile.read(resource);
        f.keys(f.root(), "", "", "schema", "facts");
        Map<String, String> m = new LinkedHashMap<>();
        int i = 0;
        for (com.fasterxml.jackson.databind.JsonNode e : f.root().path("facts")) {
            String at = "/facts/" + i++;
            f.keys(e, at, "fact", "key", "type", "en", "ja");
            String key = e.path("key").asText("");
            String type = e.path("type").asText("");
            if (!key.matches("[a-z0-9_]+(\\.[a-z0-9_]+)+")) {
                throw f.problem(at, "bad fact key '" + key + "'");
            }
            if (!jp.akashi.probes.api.FactRegistry.TYPES.contains(type)) {
                throw f.problem(at + "/type", key + ": unknown type " + type + " (known: " + jp.akashi.probes.api.FactRegistry.TYPES + ")");
            }
            if (e.path("en").asText("").isBlank() || e.path("ja").asText("").isBlank()) {
                throw f.problem(at, key + " needs en and ja descriptions");
            }
            if (jp.akashi.probes.api.FactRegistry.get().contains(key)) {
                throw f.problem(at, key + " is a collected fact (probes' registry); a derived fact needs a key of its own");
            }
            if (m.put(key, type) != null) {
                throw f.problem(at, "duplicate key " + key);
            }
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private static CompactFacts.Value ok(Object v, long t) {
        return new CompactFacts.Value(FactStatus.OK, v, t, null, PROBE);
    }

    private static String describeOs(Map<String, CompactFacts.Value> facts) {
        StringBuilder sb = new StringBuilder();
        // network devices: what sysDescr told about vendor, model and firmware
        for (String k : List.of("os.family", "os.distribution", "os.name", "os.version", "net.device.vendor", "net.device.model",
                "net.device.os_name", "net.device.firmware_version")) {
            CompactFacts.Value v = facts.get(k);
            if (v != null && v.ok()) {
                sb.append(sb.length() == 0 ? "" : " ").append(v.value());
            }
        }
        return sb.length() == 0 ? "OS facts missing" : sb.toString();
    }
}
