package jp.akashi.collector.api;

import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jp.akashi.collector.answer.AnswerStore;
import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.catalog.VersionDiff;
import jp.akashi.collector.store.Database;

/** A version diff as the API and the console show it, with how many answered criteria each change touches. */
@Singleton
public class VersionDiffs {
    private final Database db;
    private final AnswerStore answers;

    public VersionDiffs(Database db, AnswerStore answers) {
        this.db = db;
        this.answers = answers;
    }

    /** The criteria of the older version that have an answer (their global ids). */
    public Set<String> answered(VersionDiff d, List<String> localIds) {
        List<String> ids = localIds.stream().map(id -> Criterion.globalId(d.framework(), id)).toList();
        return db.read(h -> answers.latest(h, ids)).keySet();
    }

    public Map<String, Object> view(VersionDiff d) {
        List<String> all = new ArrayList<>();
        d.removed().forEach(e -> all.add(e.id()));
        d.changed().forEach(e -> all.add(e.id()));
        all.addAll(d.reformatted());
        Set<String> answered = answered(d, all);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("framework", d.framework());
        out.put("from", d.from());
        out.put("to", d.to());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("added", d.added().size());
        summary.put("removed", d.removed().size());
        summary.put("changed", d.changed().size());
        summary.put("reformatted", d.reformatted().size());
        summary.put("weight_changed", d.weightChanged().size());
        summary.put("unchanged", d.unchanged());
        out.put("summary", summary);
        out.put("added", entries(d, d.added(), answered));
        out.put("removed", entries(d, d.removed(), answered));
        out.put("changed", entries(d, d.changed(), answered));
        out.put("reformatted", d.reformatted());
        out.put("weight_changed", d.weightChanged().stream().map(w -> Map.of("id", Criterion.globalId(d.framework(), w.id()),
                "number", w.number(), "before", w.before(), "after", w.after())).toList());
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("carried_flagged", count(d, d.changed(), answered));
        counts.put("carried_to_merged", (int) d.removed().stream().filter(e -> e.mergedInto() != null)
                .filter(e -> answered.contains(Criterion.globalId(d.framework(), e.id()))).count());
        counts.put("kept_in_history", (int) d.removed().stream().filter(e -> e.mergedInto() == null)
                .filter(e -> answered.contains(Criterion.globalId(d.framework(), e.id()))).count());
        out.put("answers", counts);
        return out;
    }

    private static int count(VersionDiff d, List<VersionDiff.Entry> entries, Set<String> answered) {
        return (int) entries.stream().filter(e -> answered.contains(Criterion.globalId(d.framework(), e.id()))).count();
    }

    private static List<Map<String, Object>> entries(VersionDiff d, List<VersionDiff.Entry> entries, Set<String> answered) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (VersionDiff.Entry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", Criterion.globalId(d.framework(), e.id()));
            m.put("number", e.number());
            m.put("before", e.before());
            m.put("after", e.after());
            m.put("diff", e.diff());
            m.put("merged_into", e.mergedInto() == null ? null : Criterion.globalId(d.framework(), e.mergedInto()));
            m.put("answers", e.answers().id());
            m.put("answered", answered.contains(Criterion.globalId(d.framework(), e.id())));
            out.add(m);
        }
        return out;
    }
}
