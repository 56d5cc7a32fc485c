package jp.akashi.collector.web;

import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jp.akashi.collector.evaluate.ComplianceService;
import jp.akashi.collector.evaluate.CriterionVerdict;
import jp.akashi.collector.evaluate.CriterionVerdictStore;

/**
 * Every criterion's current verdict for the console's pages. The stored rows are read on every
 * request (they are few), but each row's JSON detail is parsed only when it differs from the text
 * parsed last time: most pages need all verdicts, and parsing them all each time was most of a
 * page's cost.
 */
@Singleton
public class CurrentVerdicts {
    private final ComplianceService compliance;
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    public CurrentVerdicts(ComplianceService compliance) {
        this.compliance = compliance;
    }

    private record Parsed(String json, CriterionVerdict verdict) {
    }

    /** Verdicts by criterion id and since when each has held; criteria not evaluated yet are absent. */
    public record Snapshot(Map<String, CriterionVerdict> verdicts, Map<String, Long> since) {
    }

    public Snapshot now() {
        Map<String, CriterionVerdictStore.Stored> rows = compliance.storedVerdicts();
        Map<String, CriterionVerdict> verdicts = new HashMap<>(rows.size() * 2);
        Map<String, Long> since = new HashMap<>(rows.size() * 2);
        rows.forEach((id, row) -> {
            Parsed p = parsed.get(id);
            if (p == null || !p.json().equals(row.detailJson())) {
                p = new Parsed(row.detailJson(), CriterionVerdictStore.parse(row.detailJson()));
                parsed.put(id, p);
            }
            verdicts.put(id, p.verdict());
            since.put(id, row.since());
        });
        return new Snapshot(verdicts, since);
    }
}
