package jp.akashi.collector.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.answer.Answer;
import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.evaluate.ChangeFeed;
import jp.akashi.collector.exception.ComplianceException;
import jp.akashi.collector.store.AssetStore;

/**
 * The change feed as pages and the CSV show it: every line names what changed with a link to it —
 * a check line to the asset's result ({@code #check-<id>}), the facts the check read
 * ({@code #fact-<key>}, where the raw evidence is) and the check's page.
 */
public final class ChangeView {
    private ChangeView() {
    }

    public record FactLink(String key, String href) {
    }

    /** One check that changed on one asset. */
    public record CheckLine(String kind, String assetId, String assetName, String assetHref, String checkId, String checkTitle,
                            String checkHref, String from, String to, long at, String reason, List<FactLink> facts) {
    }

    public record CriterionLine(String criterionId, String number, String framework, String text, String href, String from,
                                String to, long at) {
    }

    public record AssetLine(String kind, String id, String name, String href, long at) {
    }

    public record ExceptionLine(String event, String id, String target, String href, String by, long at, long expiresAt) {
    }

    public record AnswerLine(String kind, String criterionId, String text, String href, String status, String by, long at) {
    }

    /** @param hidden lines left out of this view by {@link #limited(int)} (the CSV has them) */
    public record Feed(long from, long to, List<CheckLine> checks, List<CriterionLine> criteria, List<AssetLine> assets,
                       List<ExceptionLine> exceptions, List<AnswerLine> answers, int regressions, int fixes, int otherChecks,
                       boolean incomplete, int hidden) {
        public boolean empty() {
            return checks.isEmpty() && criteria.isEmpty() && assets.isEmpty() && exceptions.isEmpty() && answers.isEmpty();
        }

        /**
         * At most {@code max} lines of each kind, for a page: a fleet's first day or a month of a big
         * fleet holds thousands of changes, which a page of megabytes would not make readable.
         */
        public Feed limited(int max) {
            int cut = over(checks, max) + over(criteria, max) + over(assets, max) + over(exceptions, max) + over(answers, max);
            return cut == 0 ? this : new Feed(from, to, head(checks, max), head(criteria, max), head(assets, max), head(exceptions, max),
                    head(answers, max), regressions, fixes, otherChecks, incomplete, hidden + cut);
        }

        private static int over(List<?> l, int max) {
            return Math.max(0, l.size() - max);
        }

        private static <T> List<T> head(List<T> l, int max) {
            return l.size() > max ? List.copyOf(l.subList(0, max)) : l;
        }
    }

    static Feed of(ChangeFeed.Changes c, Map<String, AssetStore.Asset> names, CheckIndex checks, Catalog catalog, String lang) {
        List<CheckLine> lines = new ArrayList<>();
        c.newlyFailing().forEach(x -> lines.add(check("regression", x, names, checks, lang)));
        c.newlyPassing().forEach(x -> lines.add(check("fixed", x, names, checks, lang)));
        c.otherChecks().forEach(x -> lines.add(check("other", x, names, checks, lang)));
        List<CriterionLine> criteria = c.criteria().stream().map(x -> {
            Criterion k = catalog.criterion(x.criterionId()).orElse(null);
            return new CriterionLine(x.criterionId(), k == null ? x.criterionId() : k.number(), k == null ? "" : k.framework(),
                    k == null ? null : FrameworkTree.text(k, null), "/criteria/" + x.criterionId(), lower(x.from()), lower(x.to()), x.at());
        }).toList();
        List<AssetLine> assets = new ArrayList<>();
        c.newAssets().forEach(a -> assets.add(new AssetLine("new", a.id(), a.name(), "/assets/" + a.id(), a.firstSeenAt())));
        c.staleAssets().forEach(a -> assets.add(new AssetLine("stale", a.id(), a.name(), "/assets/" + a.id(), a.lastSeenAt())));
        c.removedAssets().forEach(a -> assets.add(new AssetLine("removed", a.id(), a.name(), "/assets/" + a.id(),
                a.decommissionedAt() == null ? 0 : a.decommissionedAt())));
        List<ExceptionLine> exceptions = new ArrayList<>();
        for (ChangeFeed.ExceptionEvent e : c.exceptions()) {
            String by = switch (e.event()) {
                case "requested" -> e.exception().createdBy();
                case "approved", "rejected" -> e.exception().decidedBy();
                case "revoked" -> e.exception().revokedBy();
                default -> null;
            };
            exceptions.add(exception(e.event(), e.exception(), by, e.at(), checks, catalog, lang));
        }
        for (ComplianceException e : c.expiringExceptions()) {
            exceptions.add(exception("expiring", e, null, e.expiresAt(), checks, catalog, lang));
        }
        List<AnswerLine> answers = new ArrayList<>();
        c.answers().forEach(a -> answers.add(answer("answered", a, a.answeredAt(), catalog)));
        c.expiringAnswers().forEach(a -> answers.add(answer("expiring", a, a.validUntil() == null ? 0 : a.validUntil(), catalog)));
        return new Feed(c.from(), c.to(), lines, criteria, assets, exceptions, answers, c.newlyFailing().size(),
                c.newlyPassing().size(), c.otherChecks().size(), c.incomplete(), 0);
    }

    private static CheckLine check(String kind, ChangeFeed.CheckChange x, Map<String, AssetStore.Asset> names, CheckIndex checks,
                                   String lang) {
        AssetStore.Asset a = names.get(x.assetId());
        String assetHref = "/assets/" + x.assetId();
        List<FactLink> facts = checks.check(x.checkId()).map(d -> d.facts().stream()
                .map(f -> new FactLink(f, assetHref + "#fact-" + f)).toList()).orElse(List.of());
        return new CheckLine(kind, x.assetId(), a == null ? x.assetId() : a.name(), assetHref, x.checkId(), checks.title(x.checkId(), lang),
                "/checks/" + x.checkId(), x.from(), x.to(), x.at(), x.reason(lang), facts);
    }

    private static ExceptionLine exception(String event, ComplianceException e, String by, long at, CheckIndex checks, Catalog catalog,
                                           String lang) {
        boolean check = ComplianceException.CHECK.equals(e.targetType());
        String target = check ? checks.title(e.targetId(), lang)
                : catalog.criterion(e.targetId()).map(k -> k.globalId() + " " + FrameworkTree.text(k, null)).orElse(e.targetId());
        return new ExceptionLine(event, e.id(), target, check ? "/checks/" + e.targetId() : "/criteria/" + e.targetId(), by, at,
                e.expiresAt());
    }

    private static AnswerLine answer(String kind, Answer a, long at, Catalog catalog) {
        Criterion k = catalog.criterion(a.criterionId()).orElse(null);
        return new AnswerLine(kind, a.criterionId(), k == null ? null : FrameworkTree.text(k, null), "/criteria/" + a.criterionId(),
                a.status(), a.answeredBy(), at);
    }

    private static String lower(String verdict) {
        return verdict == null ? null : verdict.toLowerCase(java.util.Locale.ROOT);
    }
}
