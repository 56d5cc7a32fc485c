package jp.akashi.collector.evaluate;

import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.answer.Answer;
import jp.akashi.collector.answer.AnswerStore;
import jp.akashi.collector.exception.ComplianceException;
import jp.akashi.collector.exception.ExceptionStore;
import jp.akashi.collector.store.AssetStore;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.Freshness;

/**
 * What changed in a window {@code (from, to]}: checks that newly fail, pass again or lost their
 * data per asset, criteria whose verdict changed, new / stale / decommissioned assets, exception
 * requests and decisions, exceptions that expired, new answers, and answers and exceptions that
 * expire within {@link #EXPIRING_WITHIN_MS} after {@code to}. Built from the transition tables
 * the evaluator already writes: a status that flipped and flipped back inside the window is no
 * change (first "from" and last "to" are compared).
 */
@Singleton
public class ChangeFeed {
    /** Transitions read per window; beyond it the feed says it is incomplete instead of guessing. */
    public static final int MAX_TRANSITIONS = 50_000;
    /** Lines kept per kind of change (the totals are counted in full). */
    public static final int MAX_LINES = 2_000;
    public static final long EXPIRING_WITHIN_MS = 30L * 24 * 3600 * 1000;

    private final Database db;
    private final CheckResultStore checks;
    private final CriterionVerdictStore criteria;
    private final AssetStore assets;
    private final Freshness freshness;
    private final ExceptionStore exceptions;
    private final AnswerStore answers;

    public ChangeFeed(Database db, CheckResultStore checks, CriterionVerdictStore criteria, AssetStore assets, Freshness freshness,
                      ExceptionStore exceptions, AnswerStore answers) {
        this.db = db;
        this.checks = checks;
        this.criteria = criteria;
        this.assets = assets;
        this.freshness = freshness;
        this.exceptions = exceptions;
        this.answers = answers;
    }

    /** A check whose status on an asset differs between the window's start and end. */
    public record CheckChange(String assetId, String checkId, String from, String to, long at, String reasonJa, String reasonEn,
                              String transitionId) {
        public CheckChange(String assetId, String checkId, String from, String to, long at, String reasonJa, String reasonEn) {
            this(assetId, checkId, from, to, at, reasonJa, reasonEn, null);
        }

        CheckChange withReasons(String[] r) {
            return r == null ? this : new CheckChange(assetId, checkId, from, to, at, r[0], r[1], transitionId);
        }

        /** The reason in {@code lang}; the Japanese one where no English was recorded (changes before migration V26). */
        public String reason(String lang) {
            return "en".equals(lang) && reasonEn != null ? reasonEn : reasonJa;
        }

        public boolean regression() {
            return "FAIL".equals(to);
        }

        public boolean fixed() {
            return "FAIL".equals(from) && "PASS".equals(to);
        }
    }

    /** A criterion whose verdict differs between the window's start and end. */
    public record CriterionChange(String criterionId, String from, String to, long at, String reason) {
    }

    /** Something that happened to an exception in the window: requested, approved, rejected, expired or revoked. */
    public record ExceptionEvent(ComplianceException exception, String event, long at) {
    }

    public record Changes(long from, long to, List<CheckChange> newlyFailing, List<CheckChange> newlyPassing,
                          List<CheckChange> otherChecks, List<CriterionChange> criteria, List<AssetStore.Asset> newAssets,
                          List<AssetStore.Asset> staleAssets, List<AssetStore.Asset> removedAssets,
                          List<ExceptionEvent> exceptions, List<ComplianceException> expiringExceptions, List<Answer> answers,
                          List<Answer> expiringAnswers, boolean incomplete) {
        public int total() {
            return newlyFailing.size() + newlyPassing.size() + otherChecks.size() + criteria.size() + newAssets.size()
                    + staleAssets.size() + removedAssets.size() + exceptions.size() + answers.size();
        }
    }

    public Changes between(long from, long to) {
        if (to < from) {
            throw new IllegalArgumentException("the window ends before it starts");
        }
        return db.read(h -> {
            List<CheckResultStore.Transition> ts = checks.transitionsBetween(h, from, to, MAX_TRANSITIONS + 1);
            List<CriterionVerdictStore.Transition> cs = criteria.transitionsBetween(h, from, to, MAX_TRANSITIONS + 1);
            boolean incomplete = ts.size() > MAX_TRANSITIONS || cs.size() > MAX_TRANSITIONS;
            List<AssetStore.Asset> created = assets.firstSeenBetween(h, from, to, MAX_LINES);
            java.util.Set<String> newIds = new java.util.HashSet<>();
            created.forEach(a -> newIds.add(a.id()));
            List<CheckChange> failing = new ArrayList<>();
            List<CheckChange> passing = new ArrayList<>();
            List<CheckChange> other = new ArrayList<>();
            for (CheckChange c : foldChecks(ts.size() > MAX_TRANSITIONS ? ts.subList(0, MAX_TRANSITIONS) : ts)) {
                if (c.from() == null && newIds.contains(c.assetId()) && !c.regression()) {
                    continue; // a new asset's first results: the asset itself is the news, its failures still show
                }
                (c.regression() ? failing : c.fixed() ? passing : other).add(c);
            }
            long now = to;
            List<ExceptionEvent> events = new ArrayList<>();
            List<ComplianceException> expiring = new ArrayList<>();
            for (ComplianceException e : exceptions.all(h)) {
                addIfIn(events, e, "requested", e.createdAt(), from, to);
                if (e.decidedAt() != null) {
                    addIfIn(events, e, ComplianceException.APPROVED.equals(e.status()) ? "approved" : "rejected", e.decidedAt(), from, to);
                }
                if (ComplianceException.APPROVED.equals(e.status()) && e.revokedAt() == null) {
                    addIfIn(events, e, "expired", e.expiresAt(), from, to);
                    // expiring as seen at the window's end: approved by then, ending within 30 days after it
                    if ((e.decidedAt() == null ? e.createdAt() <= to : e.decidedAt() <= to)
                            && e.expiresAt() > now && e.expiresAt() <= now + EXPIRING_WITHIN_MS) {
                        expiring.add(e);
                    }
                }
                if (e.revokedAt() != null) {
                    addIfIn(events, e, "revoked", e.revokedAt(), from, to);
                }
            }
            events.sort(Comparator.comparingLong(ExceptionEvent::at).reversed());
            expiring.sort(Comparator.comparingLong(ComplianceException::expiresAt));
            List<CriterionChange> changedCriteria = foldCriteria(cs);
            incomplete |= failing.size() > MAX_LINES || passing.size() > MAX_LINES || other.size() > MAX_LINES
                    || changedCriteria.size() > MAX_LINES || events.size() > MAX_LINES;
            List<CheckChange> kept = new ArrayList<>();
            List<List<CheckChange>> capped = List.of(cap(failing), cap(passing), cap(other));
            capped.forEach(kept::addAll);
            Map<String, String[]> reasons = checks.reasons(h, kept.stream().map(CheckChange::transitionId).filter(java.util.Objects::nonNull).toList());
            List<List<CheckChange>> withReasons = capped.stream()
                    .map(l -> l.stream().map(c -> c.withReasons(reasons.get(c.transitionId()))).toList()).toList();
            return new Changes(from, to, withReasons.get(0), withReasons.get(1), withReasons.get(2), cap(changedCriteria), created,
                    assets.wentStaleBetween(h, from, to, freshness.defaultStaleAfterMillis(), MAX_LINES),
                    assets.decommissionedBetween(h, from, to, MAX_LINES), cap(events), expiring,
                    answers.answeredBetween(h, from + 1, to + 1, MAX_LINES),
                    answers.expiringBetween(h, to, to + EXPIRING_WITHIN_MS).stream().filter(x -> x.answeredAt() <= to).toList(),
                    incomplete);
        });
    }

    private static void addIfIn(List<ExceptionEvent> out, ComplianceException e, String event, long at, long from, long to) {
        if (at > from && at <= to) {
            out.add(new ExceptionEvent(e, event, at));
        }
    }

    /** Each asset × check's first "from" and last "to" in the window; unchanged pairs dropped; newest change first. */
    static List<CheckChange> foldChecks(List<CheckResultStore.Transition> ts) {
        Map<String, CheckChange> byPair = new LinkedHashMap<>();
        for (CheckResultStore.Transition t : ts) {
            String key = t.assetId() + "\u0000" + t.checkId();
            CheckChange first = byPair.get(key);
            String from = first == null ? t.from() : first.from();
            byPair.put(key, new CheckChange(t.assetId(), t.checkId(), from, t.to(), t.at(), t.reasonJa(), t.reasonEn(), t.id()));
        }
        List<CheckChange> out = new ArrayList<>();
        for (CheckChange c : byPair.values()) {
            if (!java.util.Objects.equals(c.from(), c.to())) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparingLong(CheckChange::at).reversed().thenComparing(CheckChange::assetId).thenComparing(CheckChange::checkId));
        return out;
    }

    static List<CriterionChange> foldCriteria(List<CriterionVerdictStore.Transition> ts) {
        Map<String, CriterionChange> byId = new LinkedHashMap<>();
        for (CriterionVerdictStore.Transition t : ts) {
            CriterionChange first = byId.get(t.criterionId());
            byId.put(t.criterionId(), new CriterionChange(t.criterionId(), first == null ? t.from() : first.from(), t.to(), t.at(),
                    t.reason()));
        }
        List<CriterionChange> out = new ArrayList<>();
        for (CriterionChange c : byId.values()) {
            // a criterion's first verdict (new install, new catalog version) is not a change of verdict
            if (c.from() != null && !c.from().equals(c.to())) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparingLong(CriterionChange::at).reversed().thenComparing(CriterionChange::criterionId));
        return out;
    }

    private static <T> List<T> cap(List<T> list) {
        return list.size() > MAX_LINES ? List.copyOf(list.subList(0, MAX_LINES)) : list;
    }
}
