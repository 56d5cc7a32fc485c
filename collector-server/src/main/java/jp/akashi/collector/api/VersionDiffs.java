package jp.akashi.collector.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jp.akashi.collector.answer.AnswerStore;
import jp.akashi.collector.catalog.CharDiff;
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

    /** {@code GET /api/v1/frameworks/{id}/versions/{a}/diff/{b}}; the framework page shows it too. */
    @Serdeable
    public record DiffView(String framework, String from, String to, DiffSummary summary, List<DiffEntry> added,
                           List<DiffEntry> removed, List<DiffEntry> changed, List<String> reformatted,
                           @JsonProperty("weight_changed") List<WeightView> weightChanged, AnswerCounts answers) {
    }

    /** How many criteria each kind of change touches. */
    @Serdeable
    public record DiffSummary(int added, int removed, int changed, int reformatted,
                              @JsonProperty("weight_changed") int weightChanged, int unchanged) {
    }

    /**
     * An added, removed or changed criterion (global ids); {@code answers}: what happens to its answers,
     * {@code answered}: whether it has one.
     */
    @Serdeable
    public record DiffEntry(String id, String number, String before, String after, List<CharDiff.Run> diff,
                            @JsonProperty("merged_into") String mergedInto, String answers, boolean answered) {
    }

    @Serdeable
    public record WeightView(String id, String number, String before, String after) {
    }

    /** Answered criteria by what happens to their answers. */
    @Serdeable
    public record AnswerCounts(@JsonProperty("carried_flagged") int carriedFlagged,
                               @JsonProperty("carried_to_merged") int carriedToMerged,
                               @JsonProperty("kept_in_history") int keptInHistory) {
    }

    public DiffView view(VersionDiff d) {
        List<String> all = new ArrayList<>();
        d.removed().forEach(e -> all.add(e.id()));
        d.changed().forEach(e -> all.add(e.id()));
        all.addAll(d.reformatted());
        Set<String> answered = answered(d, all);
        DiffSummary summary = new DiffSummary(d.added().size(), d.removed().size(), d.changed().size(), d.reformatted().size(),
                d.weightChanged().size(), d.unchanged());
        AnswerCounts counts = new AnswerCounts(count(d, d.changed(), answered),
                (int) d.removed().stream().filter(e -> e.mergedInto() != null)
                        .filter(e -> answered.contains(Criterion.globalId(d.framework(), e.id()))).count(),
                (int) d.removed().stream().filter(e -> e.mergedInto() == null)
                        .filter(e -> answered.contains(Criterion.globalId(d.framework(), e.id()))).count());
        return new DiffView(d.framework(), d.from(), d.to(), summary, entries(d, d.added(), answered),
                entries(d, d.removed(), answered), entries(d, d.changed(), answered), d.reformatted(),
                d.weightChanged().stream().map(w -> new WeightView(Criterion.globalId(d.framework(), w.id()), w.number(),
                        w.before(), w.after())).toList(), counts);
    }

    private static int count(VersionDiff d, List<VersionDiff.Entry> entries, Set<String> answered) {
        return (int) entries.stream().filter(e -> answered.contains(Criterion.globalId(d.framework(), e.id()))).count();
    }

    private static List<DiffEntry> entries(VersionDiff d, List<VersionDiff.Entry> entries, Set<String> answered) {
        return entries.stream().map(e -> new DiffEntry(Criterion.globalId(d.framework(), e.id()), e.number(), e.before(), e.after(),
                e.diff(), e.mergedInto() == null ? null : Criterion.globalId(d.framework(), e.mergedInto()), e.answers().id(),
                answered.contains(Criterion.globalId(d.framework(), e.id())))).toList();
    }
}
