package jp.akashi.collector.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Lookups, filters, search and tree of the {@link Catalog} service over the in-memory test catalog. */
class CatalogTest {
    private final Catalog catalog = Catalog.of(new TestCatalog().load());
    private final FrameworkVersion lv1 = catalog.version("lv", "1").orElseThrow();

    @Test
    void findsFrameworksVersionsAndCriteria() {
        assertThat(catalog.frameworks()).extracting(Framework::id).containsExactly("lv", "ro", "pts");
        assertThat(catalog.latest("lv").orElseThrow().version()).isEqualTo("2");
        assertThat(catalog.version("lv", null).orElseThrow().version()).isEqualTo("2");
        assertThat(catalog.version("lv", "9")).isEmpty();
        assertThat(catalog.framework("kubota")).isEmpty();
        // the newest version that has the criterion
        assertThat(catalog.criterion("lv:1-1-1-1").orElseThrow().version()).isEqualTo("2");
        assertThat(catalog.criterion("lv:1-1-1-2").orElseThrow().version()).isEqualTo("1");
        assertThat(catalog.criterion("lv:9-9-9-9")).isEmpty();
        assertThat(catalog.criterion("nope:1")).isEmpty();
        assertThat(catalog.criterion("1-1-1-1")).isEmpty();
    }

    @Test
    void givesThePathAboveACriterion() {
        Criterion c = catalog.criterion("pts:7-1-1").orElseThrow();
        assertThat(catalog.path(c)).extracting(Group::id).containsExactly("7", "7-1");
        assertThat(catalog.path(catalog.criterion("ro:1").orElseThrow())).extracting(Group::title).containsExactly("方針");
    }

    @Test
    void givesEquivalentsOfACriterion() {
        List<Equivalent> eq = catalog.equivalents("lv:1-1-1-1");
        assertThat(eq).hasSize(1);
        assertThat(eq.get(0).other().criterion()).isEqualTo("ro:1");
        assertThat(eq.get(0).sameQuestion()).isTrue();
        List<Equivalent> partial = catalog.equivalents("pts:7-1-1");
        assertThat(partial).extracting(e -> e.other().criterion()).containsExactly("lv:1-1-1-2");
        assertThat(partial.get(0).sameQuestion()).isFalse();
        assertThat(partial.get(0).relation()).isEqualTo(Relation.INTERSECT);
        assertThat(catalog.equivalents("later:9")).isEmpty();
    }

    @Test
    void filtersByCumulativeLevel() {
        assertThat(ids(filter(lv1, "3", null, null, null))).containsExactly("1-1-1-1");
        // ★4 needs every criterion, including the one whose level the source does not show
        assertThat(ids(filter(lv1, "4", null, null, null))).containsExactly("1-1-1-1", "1-1-1-2", "1-1-1-3");
    }

    @Test
    void filtersByEvidenceAndRequired() {
        assertThat(ids(filter(lv1, null, "auto", null, null))).containsExactly("1-1-1-2");
        assertThat(ids(filter(lv1, null, "auto, manual", null, null))).containsExactly("1-1-1-1", "1-1-1-2", "1-1-1-3");
        FrameworkVersion ro = catalog.latest("ro").orElseThrow();
        assertThat(ids(filter(ro, null, null, "true", null))).containsExactly("1");
        assertThat(ids(filter(ro, null, null, "false", null))).containsExactly("2");
        FrameworkVersion pts = catalog.latest("pts").orElseThrow();
        assertThat(ids(filter(pts, null, null, "false", null))).containsExactly("7-1-1", "7-1-3");
    }

    @Test
    void searchIgnoresFullWidthHalfWidthAndCase() {
        assertThat(ids(filter(lv1, null, null, null, "8文字"))).containsExactly("1-1-1-2"); // stored as ８
        FrameworkVersion ro = catalog.latest("ro").orElseThrow();
        assertThat(ids(filter(ro, null, null, null, "パスワード"))).containsExactly("2"); // stored as ﾊﾟｽﾜｰﾄﾞ
        assertThat(ids(filter(lv1, null, null, null, "LV:1-1-1-1"))).containsExactly("1-1-1-1");
        // group titles and fields count, and all terms must occur (full-width space separates terms)
        assertThat(ids(filter(lv1, null, null, null, "ガバナンス"))).hasSize(3);
        assertThat(ids(filter(lv1, null, null, null, "ガバナンス　パスワード"))).containsExactly("1-1-1-2");
        assertThat(ids(filter(ro, null, null, null, "文書化"))).containsExactly("1");
        assertThat(ids(filter(lv1, null, null, null, "存在しない語"))).isEmpty();
    }

    @Test
    void rejectsFilterValuesThatDoNotApply() {
        FrameworkVersion ro = catalog.latest("ro").orElseThrow();
        assertThatThrownBy(() -> filter(lv1, "5", null, null, null)).hasMessageContaining("level の値 \"5\" は不正です");
        assertThatThrownBy(() -> filter(lv1, "三", null, null, null)).hasMessageContaining("指定できる値: [3, 4]");
        assertThatThrownBy(() -> filter(ro, "3", null, null, null)).hasMessageContaining("level はレベル(★)で評価する");
        assertThatThrownBy(() -> filter(lv1, null, null, "true", null)).hasMessageContaining("required は必須・任意のある");
        assertThatThrownBy(() -> filter(ro, null, null, "yes", null)).hasMessageContaining("required の値 \"yes\"");
        assertThatThrownBy(() -> filter(lv1, null, "auto,sometimes", null, null)).hasMessageContaining("evidence の値 \"sometimes\"");
        assertThatThrownBy(() -> filter(lv1, null, null, null, "あ".repeat(201))).hasMessageContaining("200 文字以内");
    }

    @Test
    void buildsTheTreeAndPrunesItWhenFiltering() {
        CriteriaTree all = catalog.tree(lv1, CriteriaFilter.NONE);
        assertThat(all.count()).isEqualTo(3);
        assertThat(all.groups()).extracting(n -> n.group().id()).containsExactly("1");
        CriteriaTree.Node requirement = all.groups().get(0).children().get(0);
        assertThat(requirement.group().id()).isEqualTo("2001-1-1");
        assertThat(requirement.criteria()).extracting(Criterion::id).containsExactly("1-1-1-1", "1-1-1-2", "1-1-1-3");

        FrameworkVersion pts = catalog.latest("pts").orElseThrow();
        assertThat(catalog.tree(pts, parse(pts, null, null, null, "存在しない語")).groups()).isEmpty();
        CriteriaTree scored = catalog.tree(pts, parse(pts, null, "hybrid", null, null));
        assertThat(scored.count()).isEqualTo(1);
        assertThat(scored.groups().get(0).children().get(0).criteria()).extracting(Criterion::id).containsExactly("7-1-3");
    }

    @Test
    void countsWhatAVersionHolds() {
        CriteriaCounts lv = CriteriaCounts.of(lv1);
        assertThat(lv.levels()).containsEntry("3", 1).containsEntry("4", 1).containsEntry("unknown", 1);
        assertThat(lv.evidence()).containsEntry("auto", 1).containsEntry("manual", 2).containsEntry("hybrid", 0);
        assertThat(lv.required()).isNull();
        CriteriaCounts ro = CriteriaCounts.of(catalog.latest("ro").orElseThrow());
        assertThat(ro.required()).isEqualTo(1);
        assertThat(ro.optional()).isEqualTo(1);
        CriteriaCounts pts = CriteriaCounts.of(catalog.latest("pts").orElseThrow());
        assertThat(pts.required()).isEqualTo(1);
        assertThat(pts.pointItems()).isEqualTo(2);
        assertThat(pts.maxPoints()).isEqualTo(8);
        assertThat(pts.groups()).containsEntry("大項目", 1).containsEntry("中項目", 1);
    }

    private List<Criterion> filter(FrameworkVersion v, String level, String evidence, String required, String q) {
        return catalog.criteria(v, parse(v, level, evidence, required, q));
    }

    private static CriteriaFilter parse(FrameworkVersion v, String level, String evidence, String required, String q) {
        return CriteriaFilter.parse(v, level, evidence, required, q);
    }

    private static List<String> ids(List<Criterion> criteria) {
        return criteria.stream().map(Criterion::id).toList();
    }
}
