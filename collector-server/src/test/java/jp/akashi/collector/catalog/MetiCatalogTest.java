package jp.akashi.collector.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Period;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The METI SCS catalog against its source, shared/seeds/004_908380434cc14566.txt (a byte-identical
 * copy is a test resource): ids, ★ markers, texts and counts are checked against the seed itself.
 */
class MetiCatalogTest {
    private static final Pattern CRITERION_ID = Pattern.compile("(?<![\\d-])\\d-\\d-\\d-\\d(?![\\d-])");
    private static final Pattern REQUIREMENT_ID = Pattern.compile("(?<![\\d-])200\\d-\\d-\\d(?![\\d-])");

    private static FrameworkVersion meti;
    private static Map<String, Criterion> byId;
    private static Map<String, Group> groups;
    private static String seed;
    /** Non-empty cells of the seed's table rows (line 4 onwards), in order. */
    private static List<String> cells;

    @BeforeAll
    static void load() throws IOException {
        Catalog catalog = Catalog.of(CatalogLoader.fromClasspath().load());
        meti = catalog.version("meti-scs", "2025").orElseThrow();
        byId = meti.criteria().stream().collect(Collectors.toMap(Criterion::id, Function.identity()));
        groups = meti.groups().stream().collect(Collectors.toMap(Group::id, Function.identity()));
        try (InputStream in = MetiCatalogTest.class.getResourceAsStream("/seeds/004_908380434cc14566.txt")) {
            seed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> lines = seed.lines().toList();
        cells = lines.subList(3, lines.size()).stream()
                .flatMap(l -> Arrays.stream(l.split("\t")))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Test
    void holdsEveryCriterionIdTheSourceShows() {
        Set<String> inSource = ids(CRITERION_ID, seed);
        assertThat(inSource).hasSize(130);
        assertThat(byId.keySet()).containsAll(inSource);
    }

    @Test
    void criteriaWithTextAreExactlyTheRowsOfTheSource() {
        // a row is an id cell followed by its text cell; ids only referenced in other texts have no row
        Set<String> rows = new TreeSet<>();
        for (int i = 0; i + 1 < cells.size(); i++) {
            if (CRITERION_ID.matcher(cells.get(i)).matches()) {
                rows.add(cells.get(i));
            }
        }
        Set<String> withText = meti.criteria().stream().filter(c -> !c.textMissing()).map(Criterion::id)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(rows).hasSize(126).containsAll(withText);
        Set<String> rowsWithoutText = new TreeSet<>(rows);
        rowsWithoutText.removeAll(withText);
        assertThat(rowsWithoutText).containsExactly("1-2-3-3", "4-1-9-1");
    }

    @Test
    void everyCriterionOutsideTheSourceRowsIsMarkedMissingWithANote() {
        Set<String> inSource = ids(CRITERION_ID, seed);
        meti.criteria().stream().filter(c -> !inSource.contains(c.id())).forEach(c -> {
            assertThat(c.textMissing()).as(c.id()).isTrue();
            assertThat(c.text()).as(c.id()).isNull();
            assertThat(c.level()).as(c.id()).isNull();
            assertThat(c.note()).as(c.id()).contains("抽出元");
        });
        assertThat(meti.criteria().stream().filter(Criterion::textMissing).map(Criterion::id))
                .containsExactly("1-2-3-3", "3-1-5-1", "3-1-5-2", "3-1-5-3", "3-2-1-1", "3-2-1-2", "3-2-1-3",
                        "3-2-1-4", "3-2-1-5", "4-1-1-1", "4-1-2-1", "4-1-3-1", "4-1-3-2", "4-1-9-1", "4-2-2-1",
                        "4-3-1-1", "4-4-1-2");
    }

    @Test
    void holdsEveryRequirementIdTheSourceShowsAndTheMissingOnes() {
        Set<String> inSource = ids(REQUIREMENT_ID, seed);
        assertThat(inSource).hasSize(37);
        Set<String> requirements = kind("要求事項");
        assertThat(requirements).containsAll(inSource).hasSize(43);
        Set<String> added = new TreeSet<>(requirements);
        added.removeAll(inSource);
        assertThat(added).containsExactly("2003-1-5", "2003-2-1", "2004-1-1", "2004-1-2", "2004-1-3", "2004-3-1");
        added.forEach(id -> assertThat(groups.get(id).textMissing()).as(id).isTrue());
    }

    @Test
    void everyStarMarkerOfTheSourceIsTheLevelOfOneCriterion() {
        long star3 = cells.stream().filter("★3"::equals).count();
        long star4 = cells.stream().filter("★4"::equals).count();
        List<Criterion> marked = meti.criteria().stream().filter(c -> "marker".equals(c.levelSource())).toList();
        assertThat(marked.stream().filter(c -> c.level() == 3).count()).isEqualTo(star3);
        assertThat(marked.stream().filter(c -> c.level() == 4).count()).isEqualTo(star4);
        assertThat(star3 + star4).isEqualTo(61);
    }

    @Test
    void aMarkerCarriesToTheFollowingRowsOfItsRequirement() {
        for (Criterion c : meti.criteria()) {
            if ("carried".equals(c.levelSource())) {
                Criterion previous = previousInRequirement(c);
                assertThat(previous).as(c.id()).isNotNull();
                assertThat(previous.level()).as(c.id()).isEqualTo(c.level());
            }
        }
        assertThat(byId.get("1-2-1-3").levelSource()).isEqualTo("carried");
        assertThat(byId.get("1-2-1-4").level()).isEqualTo(4);
        assertThat(byId.get("4-5-1-7").level()).isEqualTo(3);
        assertThat(byId.get("4-5-1-9").level()).isEqualTo(4);
    }

    @Test
    void textsAreTheSourceTextsWithoutMarkup() {
        String source = flatten(seed);
        for (Criterion c : meti.criteria()) {
            if (c.text() != null) {
                assertThat(c.text()).as(c.id()).doesNotContain("<", ">").isEqualTo(c.text().strip());
                assertThat(source).as(c.id()).contains(flatten(c.text()));
            }
        }
        for (Group g : meti.groups()) {
            if (g.title() != null) {
                assertThat(source).as(g.id()).contains(flatten(g.title()));
            }
            g.fields().values().forEach(v -> assertThat(source).as(g.id()).contains(flatten(v)));
        }
    }

    @Test
    void statesThePublicTotalsAndWhatItHolds() {
        assertThat(meti.scoring().kind()).isEqualTo(ScoringKind.METI_LEVELS);
        assertThat(meti.scoring().publicTotals()).containsEntry(3, new Scoring.Totals(26, 83))
                .containsEntry(4, new Scoring.Totals(44, 157));
        CriteriaCounts counts = CriteriaCounts.of(meti);
        assertThat(counts.criteria()).isEqualTo(141).isEqualTo(meti.source().holds().criteria());
        assertThat(counts.textMissing()).isEqualTo(17);
        assertThat(counts.levels()).containsEntry("3", 59).containsEntry("4", 64).containsEntry("unknown", 18);
        assertThat(counts.groups()).containsEntry("大分類", 7).containsEntry("中分類", 16).containsEntry("要求事項", 43);
        assertThat(meti.source().notes()).contains("要求事項43件・評価基準141件", "26要求事項/83評価基準",
                "44要求事項/157評価基準", "PassLogic対応");
        // ★4 is cumulative: everything held is at most what is published
        assertThat(counts.criteria()).isLessThanOrEqualTo(157);
        assertThat(counts.levels().get("3")).isLessThanOrEqualTo(83);
    }

    @Test
    void requirementLevelsFollowTheirCriteria() {
        for (Group g : meti.groups()) {
            if (!"要求事項".equals(g.kind())) {
                continue;
            }
            List<Integer> levels = meti.criteria().stream().filter(c -> g.id().equals(c.parent()))
                    .map(Criterion::level).toList();
            assertThat(levels).as(g.id()).isNotEmpty();
            if (levels.contains(3)) {
                assertThat(g.levels()).as(g.id()).containsExactly(3, 4);
            } else if (levels.contains(null)) {
                assertThat(g.levels()).as(g.id()).isNull();
            } else {
                assertThat(g.levels()).as(g.id()).containsExactly(4);
            }
        }
    }

    @Test
    void reviewIntervalComesFromTheText() {
        for (Criterion c : meti.criteria()) {
            String text = c.text() == null ? "" : c.text();
            Period expected = text.contains("年1回以上") ? Period.ofYears(1)
                    : text.contains("月1回以上") ? Period.ofMonths(1) : null;
            assertThat(c.review()).as(c.id()).isEqualTo(expected);
        }
        assertThat(byId.get("4-4-3-3").review()).isEqualTo(Period.ofMonths(1));
    }

    @Test
    void evidenceIsAutoOnlyWhereFactsDecideAndAutoCriteriaHaveChecks() {
        assertThat(meti.criteria().stream().filter(c -> c.evidence() == EvidenceType.AUTO).map(Criterion::id))
                .containsExactly("4-4-5-1", "4-4-5-3", "4-5-1-8");
        for (Criterion c : meti.criteria()) {
            if (c.evidence() == EvidenceType.AUTO) {
                assertThat(c.checks()).as("auto criterion %s is decided by checks", c.id()).isNotEmpty();
            }
            if (c.evidence() == EvidenceType.MANUAL) {
                assertThat(c.checks()).as("manual criterion %s", c.id()).isEmpty();
            }
            if (c.evidence() != EvidenceType.MANUAL) {
                assertThat(c.checkHints()).as(c.id()).isNotEmpty();
            }
            if (!c.textMissing() && c.evidence() != EvidenceType.AUTO) {
                assertThat(c.documents()).as(c.id()).isNotEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            1-1-1-1 | 2001-1-1 | 1-1 | 1 | 4 | GV | ・セキュリティに関連する以下の事項を把握した上で、社内ルールを定めること。 - 自社に関連する法令
            1-2-3-4 | 2001-2-3 | 1-2 | 1 | 4 | GV | ・派遣社員及び受入出向者について、派遣元及び出向元の会社と業務開始前に守秘義務を締結すること。
            2-1-1-3 | 2002-1-1 | 2-1 | 2 | 3 | GV | ・自社の機密情報を共有している子会社又は取引先について、以下の事項を把握するための仕組みを整備すること。
            2-1-4-1 | 2002-1-4 | 2-1 | 2 | 3 | GV | 自社の機密情報を共有する子会社又は取引先との間で、セキュリティインシデント発生時の自社と子会社又は取引先の役割及び責任を定めること。
            3-1-1-2 | 2003-1-1 | 3-1 | 3 | 4 | ID | サーバ、仮想サーバ及びハイパーバイザの製造元、OS及び台数を把握するための仕組みを整備すること。
            4-1-4-1 | 2004-1-4 | 4-1 | 4 | 3 | PR | パソコンへのログオン及びスマートデバイスのロック解除にあたって、以下のいずれかを適用すること。 - 試行回数を調整し
            4-4-5-1 | 2004-4-5 | 4-4 | 4 | 3 | PR | ・ネットワークに接続しているすべてのパソコン及びサーバに、マルウェア対策ソフトウェアを導入すること。
            4-4-4-2 | 2004-4-4 | 4-4 | 4 | 3 | PR | ・利用している機能又は設定に関して、以下のいずれかに該当するアップデートプログラムがリリースされてから14日以内に、アップデートすること。
            4-5-1-8 | 2004-5-1 | 4-5 | 4 | 4 | PR | ・利用中のOSが対応していない場合を除いて、すべてのパソコン及びサーバにおいて、ソフトウェアファイアウォールを有効化すること。
            5-1-2-3 | 2005-1-2 | 5-1 | 5 | 4 | DE | ・外部から受け取ったファイルについて安全性を確認するため、マルウェア対策ソフトのリアルタイムスキャンを実行する、又は仮想環境上で安全性を確認する仕組みを整備する。
            6-1-1-6 | 2006-1-1 | 6-1 | 6 | 3 | RS | ・年1回以上及び社内外で重大なセキュリティインシデントが発生した際に、インシデント事例及びその対応策を社内部署へ共有していること。
            7-1-1-2 | 2007-1-1 | 7-1 | 7 | 4 | RC | ・事業継続上重要なシステムについて、サイバー攻撃を念頭に、以下の対策を構じること。
            """)
    void spotChecksEveryCategory(String id, String requirement, String middle, String top, int level, String nist,
                                 String textStart) {
        Criterion c = byId.get(id);
        assertThat(c.parent()).isEqualTo(requirement);
        assertThat(groups.get(requirement).parent()).isEqualTo(middle);
        assertThat(groups.get(middle).parent()).isEqualTo(top);
        assertThat(groups.get(top).parent()).isNull();
        assertThat(c.level()).isEqualTo(level);
        assertThat(c.nistCsf()).isEqualTo(nist);
        assertThat(c.text()).startsWith(textStart);
        assertThat(c.globalId()).isEqualTo("meti-scs:" + id);
    }

    @Test
    void spotChecksGroupsAndGaps() {
        assertThat(groups.get("2004-4-5").title()).isEqualTo("マルウェア感染からの保護");
        assertThat(groups.get("2004-4-5").fields()).containsEntry("要求事項", "システムをマルウェア感染から保護すること。");
        assertThat(groups.get("4-4").title()).isEqualTo("プラットフォームセキュリティ");
        assertThat(groups.get("1").fields()).containsEntry("NIST CSFにおける機能", "統治(GV)");
        assertThat(groups.get("4").title()).isNull();
        assertThat(groups.get("4").textMissing()).isTrue();
        assertThat(groups.get("2004-2-2").textMissing()).isTrue();
        assertThat(byId.get("4-1-9-1").level()).isEqualTo(4);
        assertThat(byId.get("4-1-9-1").note()).contains("持込みルール");
        assertThat(byId.get("4-2-2-2").level()).isNull();
        assertThat(byId.get("4-2-2-2").levelSource()).isEqualTo("unknown");
        assertThat(byId.get("4-1-3-3").levelSource()).isEqualTo("inferred");
        assertThat(byId.get("4-4-3-1").text()).contains("-ファイアウォールのログ(6 カ月)");
        assertThat(byId.get("4-1-8-3").text()).contains("定めたいうで"); // the source's own wording is kept
    }

    private static Criterion previousInRequirement(Criterion c) {
        int i = meti.criteria().indexOf(c);
        Criterion previous = i == 0 ? null : meti.criteria().get(i - 1);
        return previous != null && c.parent().equals(previous.parent()) ? previous : null;
    }

    private static Set<String> kind(String kind) {
        return meti.groups().stream().filter(g -> kind.equals(g.kind())).map(Group::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> ids(Pattern p, String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** The source without HTML markup and with whitespace runs collapsed, as the catalog keeps texts. */
    private static String flatten(String text) {
        return text.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
    }
}
