package jp.akashi.collector.catalog.data;

import static jp.akashi.collector.catalog.data.CatalogFiles.list;
import static jp.akashi.collector.catalog.data.CatalogFiles.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** jaipa-isp/checksheet.yaml and jaipa-isp/2026-02-16.yaml against the check sheet and the change comparison. */
class JaipaIspCatalogDataTest {

    private static final String CHECK_SHEET_SEED = "001_042aad05c20fb20b.txt";
    private static final String COMPARISON_SEED = "000_2919a62994cd315f.txt";
    private static final Pattern NUMBERED = Pattern.compile("(\\d+) (.+)");
    private static final List<String> CHANGED = List.of("1-1-1", "2-1-1", "3-1-6", "3-1-7", "7-1-1", "7-4-3");

    private static JsonNode sheet;
    private static JsonNode revision;
    private static Map<String, JsonNode> sheetItems;
    private static Map<String, JsonNode> revisionItems;

    @BeforeAll
    static void load() {
        sheet = CatalogFiles.load("jaipa-isp/checksheet.yaml");
        revision = CatalogFiles.load("jaipa-isp/2026-02-16.yaml");
        sheetItems = CatalogFiles.byId(sheet.path("criteria"));
        revisionItems = CatalogFiles.byId(revision.path("criteria"));
    }

    /** An item row of the check sheet: question text without its leading local number, and 点数 (必須 or points). */
    record SheetRow(String text, String weight) {
    }

    static List<SheetRow> sheetRows() {
        List<SheetRow> rows = new ArrayList<>();
        for (String line : CatalogFiles.seed(CHECK_SHEET_SEED).split("\n")) {
            if (!line.startsWith("| ")) {
                continue;
            }
            String[] cells = line.strip().replaceAll("^\\||\\|$", "").split("\\|", -1);
            if (cells.length != 4) {
                continue;
            }
            Matcher m = NUMBERED.matcher(cells[0].strip());
            String weight = cells[1].strip();
            if (m.matches() && (weight.equals("必須") || weight.matches("\\d+"))) {
                rows.add(new SheetRow(m.group(2), weight));
            }
        }
        return rows;
    }

    private static int points(JsonNode item) {
        return item.path("points").asInt(0);
    }

    private static long requiredCount(Map<String, JsonNode> items) {
        return items.values().stream().filter(c -> c.path("required").asBoolean()).count();
    }

    // ---- check sheet ----

    @Test
    void checkSheetHas53ItemsOf25RequiredAnd28ScoredWith122Points() {
        assertThat(sheetItems).hasSize(53);
        assertThat(requiredCount(sheetItems)).isEqualTo(25);
        assertThat(sheetItems.values().stream().filter(c -> c.has("points"))).hasSize(28);
        assertThat(sheetItems.values().stream().mapToInt(JaipaIspCatalogDataTest::points).sum()).isEqualTo(122);
        JsonNode app = sheet.path("scoring").path("applications").path("new");
        assertThat(app.path("required_count").asInt()).isEqualTo(25);
        assertThat(app.path("max_points").asInt()).isEqualTo(122);
        assertThat(app.path("min_points").isNull()).as("the check sheet states no pass mark").isTrue();
        assertThat(sheet.path("scoring").path("zero_fails")).isEmpty();
        assertThat(sheet.path("supersedes").isNull()).isTrue();
    }

    @Test
    void checkSheetSeedCountsAndTotalsAgree() {
        List<SheetRow> rows = sheetRows();
        assertThat(rows).hasSize(53);
        assertThat(rows.stream().filter(r -> r.weight().equals("必須"))).hasSize(25);
        List<SheetRow> scored = rows.stream().filter(r -> !r.weight().equals("必須")).toList();
        assertThat(scored).hasSize(28);
        assertThat(scored.stream().mapToInt(r -> Integer.parseInt(r.weight())).sum()).isEqualTo(122);
        String seed = CatalogFiles.seed(CHECK_SHEET_SEED);
        assertThat(seed).containsPattern("\\|\\s*必須 計\\s*\\|\\s*25\\s*\\|").containsPattern("\\|\\s*推奨 計\\s*\\|\\s*122\\s*\\|");
    }

    @Test
    void checkSheetItemsEqualTheSeedRowsInOrder() {
        List<SheetRow> rows = sheetRows();
        List<JsonNode> items = list(sheet.path("criteria"));
        assertThat(items).hasSameSizeAs(rows);
        for (int i = 0; i < rows.size(); i++) {
            JsonNode item = items.get(i);
            SheetRow row = rows.get(i);
            assertThat(text(item, "text")).as("%s text", text(item, "id")).isEqualTo(row.text());
            if (row.weight().equals("必須")) {
                assertThat(item.path("required").asBoolean()).as("%s 必須", text(item, "id")).isTrue();
            } else {
                assertThat(points(item)).as("%s points", text(item, "id")).isEqualTo(Integer.parseInt(row.weight()));
                assertThat(text(item, "scoring")).isEqualTo("check");
            }
        }
    }

    @Test
    void checkSheetHierarchyIsMajorThenMiddleThenItem() {
        Map<String, JsonNode> groups = CatalogFiles.byId(sheet.path("groups"));
        List<String> majors = groups.values().stream().filter(g -> "大項目".equals(text(g, "kind")))
                .map(g -> text(g, "id")).toList();
        assertThat(majors).containsExactly("1", "2", "3", "4", "5", "6", "7");
        for (JsonNode g : groups.values()) {
            if ("中項目".equals(text(g, "kind"))) {
                assertThat(text(g, "id")).startsWith(text(g, "parent") + "-");
            }
        }
        for (JsonNode item : sheetItems.values()) {
            String parent = text(item, "parent");
            assertThat(text(groups.get(parent), "kind")).isEqualTo("中項目");
            assertThat(text(item, "id")).matches(Pattern.quote(parent) + "-\\d+");
        }
        assertThat(text(groups.get("7-0"), "title")).isEqualTo("主務大臣により改善命令を受けていないか");
        assertThat(text(groups.get("3"), "title")).isEqualTo("トラブル発生時の対応体制の確立");
    }

    static Stream<Arguments> oneItemPerCategory() {
        return Stream.of(
                Arguments.of("1-1-2", "5", "過去1年以内に、セキュリティポリシーまたはそれに相当する内部規程による監査が行われましたか。 監査すべき項目については、別途定める監査項目について網羅してはなりません。"),
                Arguments.of("2-1-3", "必須", "管理者権限(root, administrator等)を持ったアクセスは限定されていますか。"),
                Arguments.of("3-1-4", "5", "基幹システム機器の設置場所が、水害等に起因する水の侵入による被害を受けないようになっていますか。"),
                Arguments.of("4-4-1", "必須", "会員に対し、重要な影響を及ぼす契約約款、及び料金の変更をする際には、会員に対する十分な周知の期間が設けられていますか。"),
                Arguments.of("5-1-4", "3", "会社の代表電話とユーザー対応窓口の電話番号が別途用意されていますか。"),
                Arguments.of("6-2-2", "必須", "会員に対して、最新のインターネット上のセキュリティ情報を発信していますか。"),
                Arguments.of("7-0-1", "必須", "過去に主務大臣から改善命令を受けましたか。受けていない場合にチェックしてください。"),
                Arguments.of("7-3-1", "必須", "派遣労働者を含む従業者(正社員、契約社員、嘱託社員、パートタイマー、アルバイト等)及び役員に対して適切な教育研修を「年1回以上」行っていますか。"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneItemPerCategory")
    void spotCheckOfOneItemPerCategory(String id, String weight, String question) {
        JsonNode item = sheetItems.get(id);
        assertThat(text(item, "text")).isEqualTo(question);
        if (weight.equals("必須")) {
            assertThat(item.path("required").asBoolean()).isTrue();
        } else {
            assertThat(points(item)).isEqualTo(Integer.parseInt(weight));
        }
        // the revision carries unchanged items over word for word; 6-2-2 was merged into 6-2-1 (2022-07-26)
        if (!id.equals("6-2-2")) {
            assertThat(text(revisionItems.get(id), "text")).isEqualTo(question);
        }
    }

    @Test
    void checkSheetReviewPeriodsFollowTheText() {
        assertThat(text(sheetItems.get("1-1-2"), "review")).isEqualTo("P1Y"); // 過去1年以内に
        assertThat(text(sheetItems.get("7-3-1"), "review")).isEqualTo("P1Y"); // 年1回以上
        assertThat(text(sheetItems.get("2-1-1"), "evidence")).isEqualTo("hybrid");
        assertThat(text(sheetItems.get("7-1-1"), "evidence")).isEqualTo("hybrid");
    }

    // ---- revision ----

    @Test
    void revisionSupersedesTheCheckSheetAndHoldsAllItsItemsPlusTheComparisonOnlyOnes() {
        // the comparison includes the CVSS v3 change of 2-1-1 announced on 2026-02-16: not a 2024 version
        assertThat(text(revision, "version")).isEqualTo("2026-02-16");
        assertThat(text(revision.path("source"), "date")).isEqualTo("2026-02-16");
        assertThat(text(revision, "supersedes")).isEqualTo(text(sheet, "version"));
        Set<String> expected = new LinkedHashSet<>(sheetItems.keySet());
        expected.remove("6-2-2");
        expected.addAll(List.of("2-1-4", "2-1-5", "4-1-4", "7-0-2", "7-4-2", "7-4-3"));
        assertThat(revisionItems.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        List<String> order = new ArrayList<>(revisionItems.keySet());
        assertThat(order.indexOf("7-0-2")).isEqualTo(order.indexOf("7-0-1") + 1);
        assertThat(order.indexOf("7-4-2")).isEqualTo(order.indexOf("7-4-1") + 1);
        assertThat(order.indexOf("7-4-3")).isEqualTo(order.indexOf("7-4-2") + 1);
        assertThat(order.indexOf("2-1-5")).isEqualTo(order.indexOf("2-1-3") + 2);
    }

    @Test
    void unchangedItemsKeepTheCheckSheetTextAndWeight() {
        // changed by the comparison, or by the association's notices (2016-07: 1-2-1, 4-1-2; 2022-07-26: 6-2-1/6-2-2)
        Set<String> changedByNotices = Set.of("1-1-2", "1-2-1", "4-1-2", "6-2-1", "6-2-2");
        for (JsonNode old : sheetItems.values()) {
            String id = text(old, "id");
            if (CHANGED.contains(id) || changedByNotices.contains(id)) {
                continue;
            }
            JsonNode now = revisionItems.get(id);
            assertThat(text(now, "text")).as(id).isEqualTo(text(old, "text"));
            assertThat(now.path("required").asBoolean()).as(id).isEqualTo(old.path("required").asBoolean());
            assertThat(points(now)).as(id).isEqualTo(points(old));
            assertThat(now.has("variants")).as(id).isFalse();
        }
    }

    @Test
    void thresholdsPerApplicationTypeAndTheZeroPointFailRule() {
        JsonNode apps = revision.path("scoring").path("applications");
        assertThat(apps.path("new").path("required_count").asInt()).isEqualTo(29);
        assertThat(apps.path("new").path("min_points").asInt()).isEqualTo(92);
        assertThat(apps.path("new").path("max_points").asInt()).isEqualTo(119);
        assertThat(apps.path("renewal").path("required_count").asInt()).isEqualTo(30);
        assertThat(apps.path("renewal").path("min_points").asInt()).isEqualTo(88);
        assertThat(apps.path("renewal").path("max_points").asInt()).isEqualTo(114);
        assertThat(list(revision.path("scoring").path("zero_fails")).stream().map(JsonNode::asText))
                .containsExactly("7-1-1", "7-1-2", "7-1-3");
        assertThat(CatalogFiles.seed(COMPARISON_SEED))
                .contains("7-1-1~7-1-3 について 0 点がついた場合は不合格となります。");
        // the public figures are not derivable from the seeds: the notes must say where they come from
        assertThat(text(revision.path("source"), "notes")).contains("https://isp-ss.jp/examination/item")
                .contains("必須29項目、推奨119点中92点以上").contains("必須30項目、推奨114点中88点以上");
    }

    @Test
    void gradedItemsAreTheOnesTheComparisonNoteNames() {
        assertThat(CatalogFiles.seed(COMPARISON_SEED)).contains("3-1-7, 7-0-2, 7-1-1~7-1-3 については、内容により 0~5 点");
        Set<String> graded = revisionItems.values().stream().filter(c -> "graded".equals(text(c, "scoring")))
                .map(c -> text(c, "id")).collect(Collectors.toSet());
        assertThat(graded).containsExactlyInAnyOrder("3-1-7", "7-0-2", "7-1-1", "7-1-2", "7-1-3");
        graded.forEach(id -> assertThat(points(revisionItems.get(id))).as(id).isEqualTo(5));
    }

    @Test
    void item317OffersTheSixLocationsWithUnpublishedPoints() {
        JsonNode item = revisionItems.get("3-1-7");
        List<JsonNode> options = list(item.path("options"));
        assertThat(options.stream().map(o -> text(o, "id"))).containsExactly("a", "b", "c", "d", "e", "f", "none");
        assertThat(options.stream().map(o -> text(o, "text"))).containsExactly(
                "直線距離 100km 以上", "直線距離 100km 以内", "同一住所の異なる建物", "異なるフロア", "異なるラック",
                "クラウドでバックアップしている", "物理的に離れた場所に保管されていない。");
        String seed = CatalogFiles.seed(COMPARISON_SEED);
        assertThat(seed).contains("(基準や点数配分は公表せず)");
        for (JsonNode o : options) {
            assertThat(seed).contains(text(o, "text"));
            assertThat(text(item.path("variants").path("new"), "answer")).contains(text(o, "text"));
            assertThat(o.path("points").isNull()).as("option %s points are not published", text(o, "id")).isTrue();
        }
    }

    @Test
    void changedItemsCarryNewAndRenewalTexts() {
        for (String id : CHANGED) {
            JsonNode item = revisionItems.get(id);
            for (String type : List.of("new", "renewal")) {
                JsonNode v = item.path("variants").path(type);
                assertThat(text(v, "question")).as("%s %s question", id, type).isNotBlank();
                assertThat(text(v, "answer")).as("%s %s answer", id, type).isNotBlank();
            }
            assertThat(text(item, "text")).isEqualTo(text(item.path("variants").path("new"), "question"));
            if (id.equals("2-1-1")) {
                continue; // the comparison's columns are swapped for 2-1-1: see cvss3WordingIsCurrent
            }
            assertThat(text(item.path("fields"), "変更前 新規申請 質問")).as(id).isNotBlank();
            assertThat(text(item.path("fields"), "変更前 更新申請 回答")).as(id).isNotBlank();
            assertThat(text(item, "note")).as(id).containsPattern("※文言(追加|修正)");
        }
        JsonNode policy = revisionItems.get("1-1-1").path("variants");
        assertThat(text(policy.path("new"), "question"))
                .startsWith("以下の内容が盛り込まれたセキュリティポリシー、又はそれに相当する内部規程がありますか？")
                .contains("*策定・改定年月の記載");
        assertThat(text(policy.path("renewal"), "question"))
                .startsWith("貴社ネットワークは、以下の内容が盛り込まれたセキュリティポリシーに則って適切に運用されていますか？")
                .contains("*策定・改定年月の記載");
        assertThat(text(policy.path("renewal"), "answer"))
                .startsWith("□以下の内容が盛り込まれたセキュリティポリシーに則って適切に運用されている\n");
        assertThat(text(revisionItems.get("2-1-1"), "text"))
                .contains("ポートを開放し、対外サービスを行っているすべてのサーバ。");
        assertThat(text(revisionItems.get("3-1-6").path("variants").path("renewal"), "question"))
                .isEqualTo("バックアップからの復旧手順が定めていますか？ 定められている場合は、その担当者による署名押印をお願いします。");
        assertThat(text(revisionItems.get("7-1-1"), "text")).contains("＊アクセス権限を有するID・パスワードの 適切な管理");
        assertThat(text(revisionItems.get("7-4-3"), "text"))
                .startsWith("利用者に対し電気通信役務を提供する際に、情報送信指令通信を行う場合には、");
        assertThat(revisionItems.get("7-4-3").path("required").asBoolean()).isTrue();
    }

    @Test
    void everyWordOfTheComparisonTextsIsInTheSeed() {
        // Rendering: checkbox → □, tags dropped; a page break inside one word is the only place the seed
        // does not hold a word verbatim.
        String seed = CatalogFiles.seed(COMPARISON_SEED).replace("<input type=\"checkbox\"/>", "□")
                .replaceAll("</?p>|<ul style=\"list-style-type: none\">|</ul>", " ").replaceAll("\\s+", " ");
        Set<String> joinedAtPageBreak = Set.of("□以下の内容が盛り込まれたセキュリティポリシーに則って適切に運用されている");
        for (String id : CHANGED) {
            JsonNode item = revisionItems.get(id);
            List<String> texts = new ArrayList<>();
            for (String type : List.of("new", "renewal")) {
                texts.add(text(item.path("variants").path(type), "question"));
                texts.add(text(item.path("variants").path(type), "answer"));
            }
            item.path("fields").forEach(f -> texts.add(f.asText()));
            for (String t : texts) {
                for (String word : t.split("\\s+")) {
                    if (!joinedAtPageBreak.contains(word)) {
                        assertThat(seed).as("%s: word not in the comparison seed", id).contains(word);
                    }
                }
            }
        }
    }

    @Test
    void item702HasTheWordingOfThe2016Notice() {
        JsonNode item = revisionItems.get("7-0-2");
        assertThat(item.path("text_missing").asBoolean()).isFalse();
        assertThat(text(item, "text")).isEqualTo("過去1年以内に行政指導(指導、勧告、助言、報告徴収)を受けた事がありますか?");
        assertThat(text(item, "parent")).isEqualTo("7-0");
        assertThat(text(item, "note")).contains("2016-07");
    }

    @Test
    void cvss3WordingIsCurrentAndTheCvss2WordingIsHistory() {
        JsonNode item = revisionItems.get("2-1-1");
        assertThat(text(item, "text")).contains("CVSS v3 の基本評価基準").contains("CVSS 基本値（Base Score）7.0 以上")
                .doesNotContain("CVSS v2").doesNotContain("Level III");
        for (String type : List.of("new", "renewal")) {
            assertThat(text(item.path("variants").path(type), "question")).isEqualTo(text(item, "text"));
        }
        List<JsonNode> history = list(item.path("history"));
        assertThat(history).hasSize(1);
        assertThat(text(history.get(0), "text")).contains("CVSS v2 の基本評価基準").contains("Level III");
        // both wordings are the seed's own
        String seed = CatalogFiles.seed(COMPARISON_SEED);
        assertThat(seed).contains("CVSS v3 の基本評価基準").contains("Level III");
    }

    @Test
    void item622IsMergedInto621AndTheItemsThePageListsAreKeptWithoutInventedText() {
        assertThat(revisionItems).doesNotContainKey("6-2-2");
        JsonNode merged = revisionItems.get("6-2-1");
        assertThat(list(merged.path("merges")).stream().map(JsonNode::asText)).containsExactly("6-2-2");
        assertThat(list(merged.path("history")).stream().map(h -> text(h, "text"))).containsExactly(
                text(sheetItems.get("6-2-1"), "text"), text(sheetItems.get("6-2-2"), "text"));
        assertThat(merged.path("required").asBoolean()).isTrue();
        for (String id : List.of("2-1-4", "7-4-2")) {
            JsonNode item = revisionItems.get(id);
            assertThat(item.path("text_missing").asBoolean()).as(id).isTrue();
            assertThat(item.path("weight_unknown").asBoolean()).as(id).isTrue();
            assertThat(item.has("required") || item.has("points")).as(id).isFalse();
        }
        assertThat(revisionItems.get("2-1-5").path("required").asBoolean()).isTrue();
        assertThat(revisionItems.get("4-1-4").path("required").asBoolean()).isTrue();
        // 1-1-2: 「5点・必須」 = 5 points on a new application, 必須 on renewal
        JsonNode audit = revisionItems.get("1-1-2");
        assertThat(points(audit)).isEqualTo(5);
        assertThat(audit.path("variants").path("renewal").path("required").asBoolean()).isTrue();
    }

    @Test
    void evidenceDocumentsCarryTheItemNumberLabel() {
        for (String id : List.of("1-1-1", "2-1-1", "7-1-1")) {
            assertThat(list(revisionItems.get(id).path("documents")))
                    .as(id).anySatisfy(d -> assertThat(d.asText()).contains("右肩に「" + id + "」"));
        }
        assertThat(text(revisionItems.get("2-1-1"), "review")).isEqualTo("P3M"); // report within 3 months
    }

    @Test
    void revisionGroupTitlesFollowTheComparison() {
        Map<String, JsonNode> groups = CatalogFiles.byId(revision.path("groups"));
        assertThat(text(groups.get("1-1"), "title"))
                .isEqualTo("セキュリティポリシー（、又はそれに相当する内部規程、）及び監査体制が確立されていること");
        assertThat(text(groups.get("7-1"), "title")).isEqualTo("安全管理に係る取組みを適切に行っているか (0点の場合は不合格)");
        assertThat(text(groups.get("7"), "title")).isEqualTo("個人情報保護に関する取組み");
        assertThat(groups.keySet()).containsExactlyElementsOf(CatalogFiles.byId(sheet.path("groups")).keySet());
    }
}
