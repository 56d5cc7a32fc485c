package jp.akashi.collector.web;

import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jp.akashi.collector.evaluate.ComplianceService;
import jp.akashi.collector.evaluate.CriterionVerdict;
import jp.akashi.collector.evaluate.CriterionVerdictStore;

/**
 * Every criterion's current verdict for the console's pages. Each request reads the rows' heads
 * (verdict, since, revision); a row's JSON detail is read and parsed only when its revision is not
 * the one parsed last time. The detail names the failing and unknown assets, so reading all of
 * them on every page cost time in proportion to the fleet. The revision is the database's, so
 * a verdict written by another collector instance is seen as changed too.
 */
@Singleton
public class CurrentVerdicts {
    private final ComplianceService compliance;
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    public CurrentVerdicts(ComplianceService compliance) {
        this.compliance = compliance;
    }

    private record Parsed(long revision, CriterionVerdict verdict) {
    }

    /** Verdicts by criterion id and since when each has held; criteria not evaluated yet are absent. */
    public record Snapshot(Map<String, CriterionVerdict> verdicts, Map<String, Long> since) {
    }

    public Snapshot now() {
        // the copies this request may reuse, fixed before the read (another request may replace entries meanwhile)
        Map<String, Parsed> mine = new HashMap<>(parsed);
        Map<String, Long> known = new HashMap<>(mine.size() * 2);
        mine.forEach((id, p) -> known.put(id, p.revision()));
        CriterionVerdictStore.Delta delta = compliance.storedVerdictsChangedSince(known);
        Map<String, CriterionVerdict> verdicts = new HashMap<>(delta.heads().size() * 2);
        Map<String, Long> since = new HashMap<>(delta.heads().size() * 2);
        delta.heads().forEach((id, head) -> {
            Parsed p = mine.get(id);
            if (p == null || p.revision() != head.revision()) {
                // changedSince returned this detail because the revision differs from the one in known
                p = new Parsed(head.revision(), CriterionVerdictStore.parse(delta.details().get(id)));
                parsed.merge(id, p, (old, neu) -> old.revision() > neu.revision() ? old : neu);
            }
            verdicts.put(id, p.verdict());
            since.put(id, head.since());
        });
        parsed.keySet().retainAll(delta.heads().keySet());
        return new Snapshot(verdicts, since);
    }
}
