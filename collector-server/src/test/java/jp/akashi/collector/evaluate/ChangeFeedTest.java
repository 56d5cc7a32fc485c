package jp.akashi.collector.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The feed compares a window's first "from" with its last "to": a flip that flipped back is no change. */
class ChangeFeedTest {

    static CheckResultStore.Transition t(String asset, String check, long at, String from, String to) {
        return new CheckResultStore.Transition(asset, check, at, from, to, "理由 " + at);
    }

    @Test
    void aFlipThatFlipsBackIsNoChangeAndTheLastReasonIsKept() {
        List<ChangeFeed.CheckChange> out = ChangeFeed.foldChecks(List.of(
                t("a", "av.installed", 1, "PASS", "FAIL"), t("a", "av.installed", 2, "FAIL", "PASS"),
                t("b", "av.installed", 3, "PASS", "UNKNOWN"), t("b", "av.installed", 4, "UNKNOWN", "FAIL"),
                t("c", "fw.enabled", 5, "FAIL", "PASS")));
        assertThat(out).hasSize(2);
        assertThat(out.get(0).assetId()).as("newest first").isEqualTo("c");
        assertThat(out.get(0).fixed()).isTrue();
        ChangeFeed.CheckChange b = out.get(1);
        assertThat(b.from()).isEqualTo("PASS");
        assertThat(b.to()).isEqualTo("FAIL");
        assertThat(b.regression()).isTrue();
        assertThat(b.reasonJa()).isEqualTo("理由 4");
    }

    @Test
    void aCriterionsFirstVerdictIsNotAChangeOfVerdict() {
        List<ChangeFeed.CriterionChange> out = ChangeFeed.foldCriteria(List.of(
                new CriterionVerdictStore.Transition("kubota:1", 1, null, "UNKNOWN", null),
                new CriterionVerdictStore.Transition("kubota:2", 2, "MET", "NOT_MET", null),
                new CriterionVerdictStore.Transition("kubota:3", 3, "MET", "NOT_MET", null),
                new CriterionVerdictStore.Transition("kubota:3", 4, "NOT_MET", "MET", null)));
        assertThat(out).extracting(ChangeFeed.CriterionChange::criterionId).containsExactly("kubota:2");
    }
}
