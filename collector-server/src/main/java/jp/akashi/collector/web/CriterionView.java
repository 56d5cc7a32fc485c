package jp.akashi.collector.web;

import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.answer.Answer;
import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.catalog.Equivalent;
import jp.akashi.collector.catalog.EvidenceType;
import jp.akashi.collector.evaluate.CriterionVerdict;
import jp.akashi.collector.evaluate.CriterionVerdictStore;

/**
 * A criterion as its page shows it: the catalog's texts, the verdict with every reason, each
 * check's coverage with the failing and undecided assets, the equivalent criteria with their
 * verdicts, the answers with their files, and the verdict's history. Texts in the page's
 * language where the data has both (reasons); the catalog's Japanese originals as they are.
 */
final class CriterionView {
    private CriterionView() {
    }

    /** An asset a check fails or cannot decide on, with the reason. */
    public record AssetLine(String id, String name, String reason) {
    }

    public record Coverage(String checkId, String title, int pass, int fail, int unknown, int notApplicable, int excepted,
                           int inScope, List<AssetLine> failing, List<AssetLine> undecided) {
        /** More failing or undecided assets than the verdict lists (it keeps 20 of each). */
        public boolean more() {
            return fail > failing.size() || unknown > undecided.size();
        }
    }

    /**
     * @param selfRelation how this criterion relates to the shared topic
     * @param relation     how the other one relates to it; answers are shared when both are {@code equal}
     */
    public record EquivalentLine(String id, String number, String framework, String text, String selfRelation, String relation,
                                 String topic, boolean sharesAnswers, String verdict) {
    }

    public record FileLine(String name, String href, long size, String contentType) {
    }

    /** @param review null (none needed), pending, approved or rejected (a second person's review, akashi.answers.review-frameworks) */
    public record AnswerLine(String id, String status, Integer points, String option, String comment, String answeredBy,
                             long answeredAt, Long validUntil, boolean current, List<FileLine> files, String review,
                             String reviewedBy, String reviewNote) {
        public boolean pending() {
            return "pending".equals(review);
        }
    }

    public record TransitionLine(long at, String from, String to, String reason) {
    }

    /** The verdict as shown: wire name, reasons in the page's language, the answer used, the exception. */
    public record VerdictLine(String verdict, List<String> reasons, CriterionVerdict.AnswerUse answer,
                              CriterionVerdict.ExceptionUse exception, Integer points) {
    }

    static VerdictLine verdict(CriterionVerdict v, String lang) {
        if (v == null) {
            return null;
        }
        return new VerdictLine(v.verdict().wire(), v.reasons().stream().map(t -> t.in(lang)).toList(), v.answer(), v.exception(),
                v.points());
    }

    static List<Coverage> coverage(CriterionVerdict v, String lang) {
        if (v == null) {
            return List.of();
        }
        List<Coverage> out = new ArrayList<>();
        for (CriterionVerdict.CheckCoverage c : v.checks()) {
            out.add(new Coverage(c.checkId(), c.title() == null ? c.checkId() : c.title().in(lang), c.pass(), c.fail(), c.unknown(),
                    c.notApplicable(), c.excepted(), c.inScope(), assets(c.failing(), lang), assets(c.unknownAssets(), lang)));
        }
        return out;
    }

    private static List<AssetLine> assets(List<CriterionVerdict.AssetRef> refs, String lang) {
        return refs.stream().map(r -> new AssetLine(r.assetId(), r.name(),
                "en".equals(lang) && r.reasonEn() != null ? r.reasonEn() : r.reasonJa())).toList();
    }

    static List<EquivalentLine> equivalents(List<Equivalent> equivalents, Catalog catalog, Map<String, CriterionVerdict> verdicts,
                                            String lang) {
        List<EquivalentLine> out = new ArrayList<>();
        for (Equivalent e : equivalents) {
            String id = e.other().criterion();
            Criterion other = catalog.criterion(id).orElse(null);
            CriterionVerdict v = verdicts.get(id);
            String framework = other == null ? id : catalog.latest(other.framework()).map(fv -> FrameworkCards.name(fv, lang))
                    .orElse(other.framework());
            String topic = "en".equals(lang) && e.group().title().en() != null ? e.group().title().en() : e.group().title().ja();
            out.add(new EquivalentLine(id, other == null ? id : other.number(), framework,
                    other == null ? null : FrameworkTree.text(other, null), e.relation().id(), e.other().relation().id(), topic,
                    e.sameQuestion(),
                    v == null ? "unknown" : v.verdict().wire()));
        }
        return out;
    }

    /** The history, newest first; the current one is the newest that counts (not waiting for review, not sent back). */
    static List<AnswerLine> answers(List<Answer> history, Map<String, jp.akashi.collector.answer.AnswerStore.Review> reviews) {
        List<AnswerLine> out = new ArrayList<>();
        boolean currentSeen = false;
        for (Answer a : history) {
            List<FileLine> files = a.attachments().stream().map(f -> new FileLine(f.filename(),
                    EvidencePages.href(a.id(), f.sha256()), f.size(), f.contentType())).toList();
            jp.akashi.collector.answer.AnswerStore.Review r = reviews.get(a.id());
            boolean counts = r == null || "approved".equals(r.status());
            out.add(new AnswerLine(a.id(), a.status(), a.points(), a.optionId(), a.comment(), a.answeredBy(), a.answeredAt(),
                    a.validUntil(), counts && !currentSeen, files, r == null ? null : r.status(), r == null ? null : r.reviewedBy(),
                    r == null ? null : r.note()));
            currentSeen |= counts;
        }
        return out;
    }

    static List<TransitionLine> transitions(List<CriterionVerdictStore.Transition> ts) {
        return ts.stream().map(t -> new TransitionLine(t.at(), t.from() == null ? null : t.from().toLowerCase(),
                t.to().toLowerCase(), t.reason())).toList();
    }

    /** The fields as name/value pairs in source order (達成基準, 目的 …). */
    static List<Map.Entry<String, String>> fields(Criterion c) {
        return List.copyOf(c.fields().entrySet());
    }

    /** Only 対象外 can be answered: an automatic criterion whose checks decide it. */
    static boolean onlyNotApplicable(Criterion c) {
        return c.evidence() == EvidenceType.AUTO && !c.checks().isEmpty();
    }

    /** 年1回以上 → (1, years); null when the criterion has no review interval. */
    public record Review(int amount, String unit) {
    }

    static Review review(Period p) {
        if (p == null) {
            return null;
        }
        if (p.getYears() > 0 && p.getMonths() == 0 && p.getDays() == 0) {
            return new Review(p.getYears(), "years");
        }
        if (p.getDays() == 0) {
            return new Review((int) p.toTotalMonths(), "months");
        }
        return new Review((int) (p.toTotalMonths() * 30 + p.getDays()), "days");
    }
}
