package jp.akashi.collector.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jp.akashi.probes.model.FactStatus;

/**
 * An asset's merged view of the facts its sources keep apart (docs/ASSETS.md): for each fact,
 * the collector's own newest successful value, else the newest successful value of any source; a fact no source could read keeps the most telling
 * failure (an error before "unsupported"/"not tested", then the newest). A failed run therefore
 * never hides what a successful run proved, and its errors stay visible on its own source (and
 * beside the value, see {@link #others}). Every merged value names its report and source.
 */
public final class FactMerge {
    private FactMerge() {
    }

    /** One source's current facts as stored: its key, the report they came from, the facts. */
    public record SourceFacts(String sourceKey, String reportId, Map<String, CompactFacts.Value> facts) {
    }

    /** A value another source holds for a fact beside the merged one (its failure, or an older differing value). */
    public record Other(String sourceKey, CompactFacts.Value value) {
    }

    public static Map<String, CompactFacts.Value> merge(List<SourceFacts> sources) {
        Map<String, CompactFacts.Value> out = new TreeMap<>();
        for (SourceFacts s : sources) {
            for (Map.Entry<String, CompactFacts.Value> e : s.facts().entrySet()) {
                CompactFacts.Value v = e.getValue().from(s.reportId(), s.sourceKey());
                out.merge(e.getKey(), v, (a, b) -> better(b, a) ? b : a);
            }
        }
        return out;
    }

    /** What the other sources hold for {@code key} where it differs from the merged value (status, value or message). */
    public static List<Other> others(List<SourceFacts> sources, String key, CompactFacts.Value merged) {
        List<Other> out = new ArrayList<>();
        for (SourceFacts s : sources) {
            CompactFacts.Value v = s.facts().get(key);
            if (v == null || s.sourceKey().equals(merged.source())) {
                continue;
            }
            if (v.status() != merged.status() || !java.util.Objects.equals(v.value(), merged.value())
                    || !java.util.Objects.equals(v.message(), merged.message())) {
                out.add(new Other(s.sourceKey(), v.from(s.reportId(), s.sourceKey())));
            }
        }
        return out;
    }

    /** Whether {@code a} should be shown and judged rather than {@code b}. */
    static boolean better(CompactFacts.Value a, CompactFacts.Value b) {
        if (a.ok() != b.ok()) {
            return a.ok();
        }
        if (a.ok() && collectors(a) != collectors(b)) {
            // the collector's own reading (over SSH/SNMP it authenticated) outranks an agent's claim:
            // an agent joins an asset by a machine id anyone on a host can read, so its report must not
            // overwrite what the collector saw itself; it only fills what the collector could not read
            return collectors(a);
        }
        if (!a.ok() && rank(a.status()) != rank(b.status())) {
            return rank(a.status()) > rank(b.status());
        }
        if (a.collectedAt() != b.collectedAt()) {
            return a.collectedAt() > b.collectedAt();
        }
        // same instant: a stable order, so the merge does not depend on the order sources are read
        return a.source() != null && b.source() != null && a.source().compareTo(b.source()) < 0;
    }

    /** Whether the value is the collector's own reading (a target's source, or the pre-V16 collector row). */
    static boolean collectors(CompactFacts.Value v) {
        return v.source() != null && (v.source().startsWith("target:") || v.source().equals("collector"));
    }

    private static int rank(FactStatus s) {
        return s == FactStatus.ERROR ? 2 : 1;
    }
}
