package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Period;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.catalog.CriteriaFilter;
import jp.akashi.collector.catalog.EvidenceType;
import jp.akashi.collector.evaluate.Verdict;

/** The compliance pages' pure parts: stored file names, verdict filter, trend figures, links. */
class ComplianceUnitsTest {
    static Criterion criterion(String number) {
        return new Criterion("jaipa-isp", "2026-02-16", number, null, number, "text", Map.of(), null, null, true, null, null,
                List.of(), Map.of(), null, EvidenceType.MANUAL, List.of(), List.of(), List.of(), Period.ofYears(1), false, null, List.of(), List.of(), List.of(), false);
    }

    @Test
    void evidenceFilesAreKeptUnderTheCriterionNumber() {
        Criterion c = criterion("2-1-1");
        assertThat(CriterionPages.numbered(c, "診断報告書.pdf")).isEqualTo("2-1-1_診断報告書.pdf");
        assertThat(CriterionPages.numbered(c, "2-1-1_診断報告書.pdf")).isEqualTo("2-1-1_診断報告書.pdf");
        assertThat(CriterionPages.numbered(c, "2-1-1 報告.pdf")).isEqualTo("2-1-1 報告.pdf");
        assertThat(CriterionPages.numbered(c, "2-1-10_other.pdf")).as("another item's number").isEqualTo("2-1-1_2-1-10_other.pdf");
        assertThat(CriterionPages.numbered(c, "C:\\Users\\山田\\報告.pdf")).isEqualTo("2-1-1_報告.pdf");
        String longName = CriterionPages.numbered(c, "あ".repeat(300) + ".pdf");
        assertThat(longName).startsWith("2-1-1_").endsWith(".pdf").hasSize(CriterionPages.MAX_NAME);
        assertThatThrownBy(() -> CriterionPages.numbered(c, "///")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theVerdictFilterOpenMeansEverythingThatKeepsAScoreFromBeingReached() {
        TreeFilter open = new TreeFilter(CriteriaFilter.NONE, TreeFilter.OPEN);
        assertThat(open.matches(Verdict.NOT_MET)).isTrue();
        assertThat(open.matches(Verdict.UNANSWERED)).isTrue();
        assertThat(open.matches(Verdict.EXPIRED)).isTrue();
        assertThat(open.matches(Verdict.UNKNOWN)).isTrue();
        assertThat(open.matches(Verdict.MET)).isFalse();
        assertThat(open.matches(Verdict.NOT_APPLICABLE)).isFalse();
        TreeFilter expired = new TreeFilter(CriteriaFilter.NONE, "expired");
        assertThat(expired.matches(Verdict.EXPIRED)).isTrue();
        assertThat(expired.matches(Verdict.NOT_MET)).isFalse();
        assertThat(new TreeFilter(CriteriaFilter.NONE, null).isEmpty()).isTrue();
        assertThat(TreeFilter.VERDICTS).containsAll(List.of(Verdict.values()).stream().map(Verdict::wire).toList());
    }

    @Test
    void trendFiguresAreReadFromStoredScores() {
        Map<String, Integer> meti = ScoreTrends.figures("{\"status\":\"not_reached\",\"parts\":{\"levels\":["
                + "{\"level\":3,\"met\":10,\"total\":59,\"missing\":[]},{\"level\":4,\"met\":12,\"total\":141}]}}");
        assertThat(meti).containsEntry("level.3.met", 10).containsEntry("level.3.total", 59).containsEntry("level.4.total", 141);
        Map<String, Integer> isp = ScoreTrends.figures("{\"parts\":{\"required\":{\"met\":20,\"total\":26},"
                + "\"points\":{\"earned\":80,\"threshold\":92,\"published_max\":119}}}");
        assertThat(isp).containsEntry("points.earned", 80).containsEntry("points.threshold", 92).containsEntry("required.total", 26);
        assertThat(ScoreTrends.figures("not json")).isEmpty();
        assertThat(ScoreTrends.figures("{\"parts\":{\"points\":{\"threshold\":null}}}")).doesNotContainKey("points.threshold");
    }

    @Test
    void linksLeaveOutBlankParametersAndEncodeTheRest() {
        assertThat(Links.query("/frameworks/kubota", "version", null, "required", "true", "q", "情報 資産"))
                .isEqualTo("/frameworks/kubota?required=true&q=%E6%83%85%E5%A0%B1+%E8%B3%87%E7%94%A3");
        assertThat(Links.query("/x?a=1", "b", "2")).isEqualTo("/x?a=1&b=2");
        assertThat(Links.query("/x", "b", "")).isEqualTo("/x");
    }

    @Test
    void reviewIntervalsAreShownInTheirOwnUnit() {
        assertThat(CriterionView.review(Period.ofYears(1))).isEqualTo(new CriterionView.Review(1, "years"));
        assertThat(CriterionView.review(Period.ofMonths(6))).isEqualTo(new CriterionView.Review(6, "months"));
        assertThat(CriterionView.review(Period.ofDays(30))).isEqualTo(new CriterionView.Review(30, "days"));
        assertThat(CriterionView.review(null)).isNull();
    }
}
