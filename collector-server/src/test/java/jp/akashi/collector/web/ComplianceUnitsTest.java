package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Period;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.catalog.CriteriaFilter;
import jp.akashi.collector.catalog.EvidenceType;
import jp.akashi.collector.evaluate.Verdict;

/** The compliance pages' pure parts: multipart parsing, stored file names, verdict filter, trend figures, links. */
class ComplianceUnitsTest {
    static final String TYPE = "multipart/form-data; boundary=b0undary";

    static byte[] body(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String p : parts) {
            out.writeBytes(("--b0undary\r\n" + p + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes("--b0undary--\r\n".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void aMultipartFormGivesItsFieldsAndFilesWithJapaneseNames() {
        MultipartForm f = MultipartForm.parse(TYPE, body(
                "Content-Disposition: form-data; name=\"_csrf\"\r\n\r\ntok-123",
                "Content-Disposition: form-data; name=\"comment\"\r\n\r\n規程は2026年4月に改定\r\n2行目",
                "Content-Disposition: form-data; name=\"evidence\"; filename=\"診断報告書.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7",
                "Content-Disposition: form-data; name=\"evidence\"; filename=\"体制図.png\"\r\nContent-Type: image/png\r\n\r\nPNG",
                "Content-Disposition: form-data; name=\"other\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
        assertThat(f.raw("_csrf")).isEqualTo("tok-123");
        assertThat(f.form().text("comment")).isEqualTo("規程は2026年4月に改定\r\n2行目");
        assertThat(f.files("evidence")).extracting(MultipartForm.FilePart::filename).containsExactly("診断報告書.pdf", "体制図.png");
        assertThat(new String(f.files("evidence").get(0).content(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.7");
        assertThat(f.files("other")).as("a file input left empty").isEmpty();
        assertThat(f.raw("missing")).isNull();
    }

    @Test
    void malformedOrOversizedMultipartBodiesAreRefused() {
        assertThatThrownBy(() -> MultipartForm.parse("application/x-www-form-urlencoded", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MultipartForm.parse(TYPE, "--b0undary\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MultipartForm.parse(TYPE, "garbage".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MultipartForm.parse("multipart/form-data", body())).as("no boundary")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(MultipartForm.parse("multipart/form-data; boundary=\"b0undary\"; charset=UTF-8",
                body("Content-Disposition: form-data; name=\"a\"\r\n\r\n1")).raw("a")).isEqualTo("1");
        String[] many = new String[MultipartForm.MAX_PARTS + 1];
        for (int i = 0; i < many.length; i++) {
            many[i] = "Content-Disposition: form-data; name=\"f" + i + "\"\r\n\r\nx";
        }
        assertThatThrownBy(() -> MultipartForm.parse(TYPE, body(many))).isInstanceOf(IllegalArgumentException.class);
    }

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
