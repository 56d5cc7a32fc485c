package jp.akashi.collector.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jp.akashi.collector.answer.Answer;
import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.catalog.FrameworkVersion;
import jp.akashi.collector.catalog.Group;
import jp.akashi.collector.evaluate.CriterionVerdict;
import jp.akashi.collector.evaluate.Score;
import jp.akashi.collector.evaluate.ScoreCalculator;
import jp.akashi.collector.evaluate.Verdict;

/** Builds {@link FrameworkReport}s from the catalog, the verdicts and the answers they used. */
public final class FrameworkReports {
    private FrameworkReports() {
    }

    /** Decides how an evidence file of an answer is referenced (in a snapshot: its path in the ZIP). */
    @FunctionalInterface
    public interface FileNamer {
        FrameworkReport.FileRef ref(Criterion criterion, Answer.AttachmentRef file);
    }

    /** References files by hash only (reports of the current state, outside a snapshot). */
    public static final FileNamer BY_HASH = (c, f) -> new FrameworkReport.FileRef(f.filename(), f.sha256(), f.contentType(),
            f.size(), null, null);

    /**
     * @param verdicts   criterion verdicts by global id (missing ones count as unknown)
     * @param since      when each verdict started to hold, by global id
     * @param answerById the answers verdicts refer to
     */
    public static FrameworkReport build(Catalog catalog, FrameworkVersion v, Map<String, CriterionVerdict> verdicts,
                                        Map<String, Long> since, Function<String, Answer> answerById, FileNamer files,
                                        long asOf, String snapshotId) {
        List<FrameworkReport.Row> rows = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Verdict vd : Verdict.values()) {
            counts.put(vd.wire(), 0);
        }
        for (Criterion c : v.criteria()) {
            CriterionVerdict cv = verdicts.get(c.globalId());
            String verdict = cv == null ? Verdict.UNKNOWN.wire() : cv.verdict().wire();
            counts.merge(verdict, 1, Integer::sum);
            rows.add(row(catalog, c, cv, verdict, since.get(c.globalId()), answerById, files));
        }
        List<Score> scores = new ArrayList<>();
        for (String app : ScoreCalculator.applications(v)) {
            scores.add(ScoreCalculator.score(v, app, verdicts));
        }
        return new FrameworkReport(v.framework(), v.version(), v.name().ja(), v.publisher() == null ? null : v.publisher().ja(),
                v.scoring().kind().name().toLowerCase().replace('_', '-'), v.source() == null ? null
                        : v.source().title() + (v.source().date() == null ? "" : "（" + v.source().date() + "）"),
                Labels.iso(asOf), snapshotId, scores, rows, counts);
    }

    private static FrameworkReport.Row row(Catalog catalog, Criterion c, CriterionVerdict cv, String verdict, Long since,
                                           Function<String, Answer> answerById, FileNamer files) {
        List<FrameworkReport.PathItem> path = new ArrayList<>();
        for (Group g : catalog.path(c)) {
            path.add(new FrameworkReport.PathItem(g.kind(), g.number(), g.title(), g.fields()));
        }
        Map<String, FrameworkReport.Variant> variants = new LinkedHashMap<>();
        if (c.variants() != null) {
            c.variants().forEach((k, vt) -> variants.put(k, new FrameworkReport.Variant(vt.question(), vt.answer(), vt.required(), vt.points())));
        }
        FrameworkReport.AnswerRef answer = null;
        FrameworkReport.ExceptionRef exception = null;
        List<FrameworkReport.CheckRef> coverage = new ArrayList<>();
        if (cv != null) {
            if (cv.answer() != null) {
                Answer a = answerById.apply(cv.answer().answerId());
                List<FrameworkReport.FileRef> refs = new ArrayList<>();
                if (a != null) {
                    a.attachments().forEach(f -> refs.add(files.ref(c, f)));
                }
                CriterionVerdict.AnswerUse u = cv.answer();
                answer = new FrameworkReport.AnswerRef(u.answerId(), a == null ? null : a.criterionId(), u.status(),
                        a == null ? null : a.comment(), u.answeredBy(), Labels.iso(u.answeredAt()), Labels.iso(u.validUntil()),
                        u.expired(), u.via(), u.points(), u.optionId(), refs);
            }
            if (cv.exception() != null) {
                CriterionVerdict.ExceptionUse e = cv.exception();
                exception = new FrameworkReport.ExceptionRef(e.exceptionId(), e.approver(), e.justification(), Labels.iso(e.expiresAt()));
            }
            for (CriterionVerdict.CheckCoverage k : cv.checks()) {
                coverage.add(new FrameworkReport.CheckRef(k.checkId(), k.title() == null ? k.checkId() : k.title().ja(), k.pass(), k.fail(),
                        k.unknown(), k.notApplicable(), k.excepted(), k.failing().stream().map(CriterionVerdict.AssetRef::name).toList(),
                        k.unknownAssets().stream().map(CriterionVerdict.AssetRef::name).toList()));
            }
        }
        return new FrameworkReport.Row(c.globalId(), c.number(), path, c.text(), c.textMissing(), c.fields(), c.level(), c.required(),
                c.points(), c.scoring(), c.nistCsf(), c.evidence().id(), c.checks(), c.documents(), variants, verdict,
                cv == null ? List.of() : cv.reasons(), cv == null ? null : cv.points(), answer, exception, coverage, Labels.iso(since));
    }
}
