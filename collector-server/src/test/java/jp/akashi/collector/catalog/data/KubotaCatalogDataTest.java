package jp.akashi.collector.catalog.data;

import static jp.akashi.collector.catalog.data.CatalogFiles.cellText;
import static jp.akashi.collector.catalog.data.CatalogFiles.list;
import static jp.akashi.collector.catalog.data.CatalogFiles.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** kubota/2.0.yaml against the Kubota v2.0 table in the seed document. */
class KubotaCatalogDataTest {

    private static final String SEED = "003_820f31e67722f2ed.txt";
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern LABEL = Pattern.compile("(\\d+)\\s*(\\S.*)");

    private static JsonNode catalog;
    private static Map<String, JsonNode> criteria;
    private static Map<String, JsonNode> groups;

    @BeforeAll
    static void load() {
        catalog = CatalogFiles.load("kubota/2.0.yaml");
        criteria = CatalogFiles.byId(catalog.path("criteria"));
        groups = CatalogFiles.byId(catalog.path("groups"));
    }

    /** One numbered row of the seed table; condition is null where the row has no 達成条件 of its own. */
    record SeedRow(int no, String level, String condition, String standard) {
    }

    /**
     * Rows of the tab-separated table. Some rows are shifted by a cell in the extraction, so the No. is
     * found as the first all-digit cell; 回答対象 is the next non-empty cell, 達成基準 the last one and
     * 達成条件 the one before it (when there is one).
     */
    static List<SeedRow> seedRows() {
        List<SeedRow> rows = new ArrayList<>();
        for (String line : CatalogFiles.seed(SEED).split("\n")) {
            String[] cells = line.split("\t", -1);
            if (cells.length != 7 || cells[0].equals("ラベル")) {
                continue;
            }
            for (int i = 0; i < cells.length; i++) {
                if (NUMBER.matcher(cells[i].strip()).matches()) {
                    List<String> after = Stream.of(cells).skip(i + 1L).filter(c -> !c.isBlank()).toList();
                    String condition = after.size() >= 3 ? cellText(after.get(after.size() - 2)) : null;
                    rows.add(new SeedRow(Integer.parseInt(cells[i].strip()), after.get(0), condition,
                            cellText(after.get(after.size() - 1))));
                    break;
                }
            }
        }
        return rows;
    }

    @Test
    void headerNamesFrameworkVersionAndScoring() {
        assertThat(text(catalog, "framework")).isEqualTo("kubota");
        assertThat(text(catalog, "version")).isEqualTo("2.0");
        assertThat(catalog.path("supersedes").isNull()).isTrue();
        assertThat(text(catalog.path("scoring"), "kind")).isEqualTo("required-optional");
        assertThat(text(catalog.path("source"), "seed")).isEqualTo(SEED);
    }

    @Test
    void catalogHolds153ItemsOf129RequiredAnd24Optional() {
        List<JsonNode> all = list(catalog.path("criteria"));
        assertThat(all).hasSize(153);
        assertThat(all.stream().filter(c -> c.path("required").asBoolean())).hasSize(129);
        assertThat(all.stream().filter(c -> !c.path("required").asBoolean())).hasSize(24);
        assertThat(criteria.keySet())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 153).mapToObj(String::valueOf).toList());
    }

    @Test
    void seedHoldsEveryNumberOnceWithTheSameCounts() {
        List<SeedRow> rows = seedRows();
        assertThat(rows.stream().map(SeedRow::no)).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 153).boxed().toList());
        Map<String, Long> levels = rows.stream().collect(Collectors.groupingBy(SeedRow::level, Collectors.counting()));
        assertThat(levels).containsOnly(Map.entry("必須", 129L), Map.entry("任意", 24L));
    }

    @Test
    void everyItemHasTheLevelAndTextsOfItsSeedRow() {
        for (SeedRow row : seedRows()) {
            JsonNode c = criteria.get(String.valueOf(row.no()));
            assertThat(c.path("required").asBoolean()).as("No.%d 回答対象", row.no()).isEqualTo(row.level().equals("必須"));
            assertThat(text(c.path("fields"), "達成基準")).as("No.%d 達成基準", row.no()).isEqualTo(row.standard());
            if (row.condition() != null) {
                assertThat(text(c, "text")).as("No.%d 達成条件", row.no()).isEqualTo(row.condition());
            }
        }
    }

    @Test
    void rowsWhoseConditionCellIsBlankInTheSourceStayBlankAndSaySo() {
        List<SeedRow> blank = seedRows().stream().filter(r -> r.condition() == null).toList();
        assertThat(blank.stream().map(SeedRow::no)).containsExactly(5, 12, 14, 50, 63);
        for (SeedRow row : blank) {
            JsonNode c = criteria.get(String.valueOf(row.no()));
            assertThat(c.path("text").isNull()).as("No.%d: blank as in the source, not the text of the row above", row.no()).isTrue();
            assertThat(c.path("text_missing").asBoolean()).as("No.%d: blank is not missing", row.no()).isFalse();
            assertThat(list(c.path("blank_in_source")).stream().map(JsonNode::asText)).as("No.%d", row.no())
                    .containsExactly("達成条件");
        }
        // no other item is marked blank, and no item repeats the text of the item above
        for (JsonNode c : criteria.values()) {
            int no = Integer.parseInt(text(c, "id"));
            if (blank.stream().noneMatch(r -> r.no() == no)) {
                assertThat(c.has("blank_in_source")).as("No.%d", no).isFalse();
            }
        }
    }

    @Test
    void everyCellIsTheSourceCell() {
        // cell by cell: 回答対象, 達成条件 (blank where the source cell is blank), 達成基準
        List<SeedRow> rows = seedRows();
        assertThat(rows).hasSize(153);
        for (SeedRow row : rows) {
            JsonNode c = criteria.get(String.valueOf(row.no()));
            assertThat(c.path("required").asBoolean()).as("No.%d 回答対象", row.no()).isEqualTo(row.level().equals("必須"));
            String condition = c.path("text").isNull() ? null : text(c, "text");
            assertThat(condition).as("No.%d 達成条件", row.no()).isEqualTo(row.condition());
            assertThat(text(c.path("fields"), "達成基準")).as("No.%d 達成基準", row.no()).isEqualTo(row.standard());
        }
    }

    @Test
    void labelsAreTheSeedsTwentyFourInOrder() {
        Map<String, String> seedLabels = new LinkedHashMap<>();
        Map<String, String> seedPurposes = new LinkedHashMap<>();
        for (String line : CatalogFiles.seed(SEED).split("\n")) {
            String[] cells = line.split("\t", -1);
            Matcher m = LABEL.matcher(cells[0]);
            if (cells.length == 7 && m.matches()) {
                seedLabels.put(m.group(1), m.group(2));
                seedPurposes.put(m.group(1), cells[1]);
            }
        }
        List<JsonNode> labels = list(catalog.path("groups")).stream()
                .filter(g -> "ラベル".equals(text(g, "kind"))).toList();
        assertThat(seedLabels).hasSize(24);
        assertThat(labels).hasSize(24);
        for (JsonNode label : labels) {
            String number = text(label, "number");
            assertThat(text(label, "id")).isEqualTo("L" + number);
            assertThat(text(label, "title")).isEqualTo(seedLabels.get(number));
            String purpose = text(label.path("fields"), "目的");
            if (seedPurposes.get(number).isEmpty()) {
                assertThat(purpose).as("label %s has no 目的 in the seed", number).isNull();
            } else {
                // page-split purposes continue after the first page's part
                assertThat(purpose).as("label %s 目的", number).startsWith(seedPurposes.get(number));
            }
        }
        assertThat(labels.stream().map(l -> text(l, "number")))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 24).mapToObj(String::valueOf).toList());
    }

    @Test
    void hierarchyIsLabelThenRequirementThenItem() {
        for (JsonNode g : groups.values()) {
            if ("要求事項".equals(text(g, "kind"))) {
                assertThat(text(groups.get(text(g, "parent")), "kind")).isEqualTo("ラベル");
            } else {
                assertThat(text(g, "kind")).isEqualTo("ラベル");
                assertThat(g.path("parent").isNull()).isTrue();
            }
        }
        for (JsonNode c : criteria.values()) {
            assertThat(text(groups.get(text(c, "parent")), "kind")).as("parent of %s", text(c, "id")).isEqualTo("要求事項");
        }
        assertThat(groups.values().stream().filter(g -> "要求事項".equals(text(g, "kind")))).hasSize(36);
    }

    @Test
    void pageSplitCellsAreJoined() {
        assertThat(text(groups.get("L4").path("fields"), "目的"))
                .isEqualTo("情報セキュリティに関する体制及び役割を明確化し、保護すべきデータの漏洩・サイバーセセキュリティ対策の徹底、強化を図る");
        assertThat(text(groups.get("L4-1"), "title"))
                .isEqualTo("平時の情報セキュリティリスクを管理する体制を整備し、事故発生に至らないよう、情報収集と共有を行うこと");
        assertThat(text(groups.get("L7-2"), "title"))
                .isEqualTo("自組織内あるいは組織を跨いで影響する情報セキュリティ事件・事故の発生と影響を抑制する教育・訓練を行っていること");
        assertThat(text(groups.get("L7-2").path("fields"), "目的"))
                .isEqualTo("情報セキュリティ事件・事故に迅速かつ適切に対応できるように事前に備え、事故発生時の被害拡大の防止・迅速な復旧を図る");
        assertThat(text(groups.get("L17-1"), "title"))
                .isEqualTo("サイバー攻撃、内部情報漏えいを防止するため、情報システム・情報機器や不正なWeb サイトへの通信制御を行っていること");
        assertThat(text(groups.get("L18").path("fields"), "目的")).endsWith("情報システム停止の際の原因調査を可能にする");
        assertThat(groups.get("L17").path("fields").has("目的")).isFalse();
        assertThat(text(groups.get("L6").path("fields"), "目的")).isEqualTo("同上");
    }

    static Stream<Arguments> oneItemPerLabel() {
        return Stream.of(
                Arguments.of(1, "L1-1", true, "自社の情報セキュリティ対応方針(ポリシー)を策定している", "・自社の情報セキュリティ対応方針を策定し、文書化すること"),
                Arguments.of(5, "L2-1", true, "自社の守秘義務のルールを規定し、守らせている", "【規則】 ・守秘義務の誓約書を提出させること(社外要員除く)"),
                Arguments.of(11, "L3-1", true, "法令の変更に伴い、ルールを適宜見直ししている", "【頻度】 ・1回/年、もしくは、法令の改正が公布・施行された時"),
                Arguments.of(17, "L4-1", true, "サイバー攻撃や予兆を監視・分析する体制を整備している", "※相関分析: 複合的なログなどで分析して"),
                Arguments.of(18, "L5-1", true, "情報セキュリティ事件・事故発生時の対応体制と責任と役割を明確化している", "・情報セキュリティ事件・事故の基準や社内外組織との連絡先、ルートが明確化されていること"),
                Arguments.of(24, "L6-2", true, "情報セキュリティ事件・事故時の対応手順(初動、システム復旧等)を定めている", "①発見報告、②初動、③調査・対応、④復旧、⑤最終報告"),
                Arguments.of(38, "L7-2", true, "情報セキュリティ事件・事故発生時の対応について教育・訓練を実施している", "【頻度】 ・新規受け入れ時、かつ、1回/年以上"),
                Arguments.of(42, "L8-1", false, "重要な機密情報を取扱うパートナー企業のセキュリティ対策状況を把握している", "例：“極秘”の機密情報を共有する会社"),
                Arguments.of(53, "L9-1", true, "アクセスログは、安全に保管しアクセス制御された状態で管理されている", "・ログを脅威から保護するため、ログを保存するモノ、システムにアクセス制御等を適用すること"),
                Arguments.of(56, "L10-1", true, "高い機密区分の情報資産(情報)を一覧化している", "No.54 で定めた機密区分のうち、高レベルの機密に該当する情報資産"),
                Arguments.of(63, "L11-1", false, "情報資産(機器)は重要度に応じた管理ルールに沿って管理している", "シリアル番号やハッシュ値を利用して定期的に確認すること"),
                Arguments.of(67, "L12-1", false, "セキュリティの要求事項を記載した開発標準を定め、定期的に見直している", "【見直し頻度】 ・1回/年"),
                Arguments.of(72, "L13-1", false, "IT 機器調達における情報セキュリティリスクを管理すること", "・機器調達に対するセキュリティ要求事項を一覧化していること"),
                Arguments.of(74, "L14-1", true, "ネットワーク図・データフロー図を作成し、関係組織（サプライヤー等含む）との通信を監視している", "<追記> 【基準】 ・データフロー図を作成すること"),
                Arguments.of(80, "L15-1", false, "許可された機器以外は社内ネットワークに接続できないよう、システムで制限している", "・許可された機器以外の接続を検知・遮断する仕組みを導入すること"),
                Arguments.of(90, "L16-2", true, "不正侵入や不審行動を監視している", "-1回以上/6か月"),
                Arguments.of(103, "L17-1", true, "インターネットと社内ネットワークとの境界にファイアウォールを設置し、通信を制限している", "-接続元および接続先のIPアドレス -通信ポート"),
                Arguments.of(115, "L18-1", true, "パスワード設定に関するルールを定め、周知している", "・桁数・組み合わせ文字・有効期限を定めること"),
                Arguments.of(126, "L19-2", false, "社外へ公開しているサーバーについて、本番稼働前および稼働後に脆弱性診断を実施し、判明した脆弱性に対して対策を行っている", "-本番稼働後:2回/年およびシステムの大きな変更時"),
                Arguments.of(129, "L20-1", false, "情報機器、情報システムのデータを適切に暗号化している", "・重要システムのデータベースを暗号化すること"),
                Arguments.of(133, "L21-1", true, "内部不正対策として社外送付メールの監査を実施し、監査している事をメール利用者に周知している", "【規則】 メール監査を実施し、監査している事を周知すること"),
                Arguments.of(137, "L22-1", true, "ウイルス対策ソフトのパターンファイルは常に最新化している", "起動し利用する日ごとに1回 以上"),
                Arguments.of(143, "L23-2", true, "インシデント発生時の調査のために必要なログを取得している", "-ファイアウォールのログ(6 カ月) 取得項目:日時、送信元 IP アドレス、送信先 IP アドレス"),
                Arguments.of(151, "L24-1", true, "重要なデータやシステムについてバックアップの復元(リストア)テストを実施している", "【頻度】 システム構築時、変更時、定期的(リスク応じて判断)"));
    }

    @ParameterizedTest(name = "No.{0}")
    @MethodSource("oneItemPerLabel")
    void spotCheckOfOneItemPerLabel(int no, String requirement, boolean required, String condition, String standardPart) {
        JsonNode c = criteria.get(String.valueOf(no));
        assertThat(text(c, "parent")).isEqualTo(requirement);
        assertThat(text(groups.get(requirement), "parent")).isEqualTo(requirement.substring(0, requirement.indexOf('-')));
        assertThat(c.path("required").asBoolean()).isEqualTo(required);
        // No.5 and No.63 leave their 達成条件 cell blank in the source (the row above holds the merged cell)
        assertThat(c.path("text").isNull() ? text(criteria.get(String.valueOf(no - 1)), "text") : text(c, "text"))
                .isEqualTo(condition);
        assertThat(text(c.path("fields"), "達成基準")).contains(standardPart);
    }

    @Test
    void reviewPeriodsComeFromTheFrequencyInTheText() {
        assertThat(text(criteria.get("2"), "review")).isEqualTo("P1Y");
        assertThat(text(criteria.get("90"), "review")).isEqualTo("P6M");
        assertThat(text(criteria.get("93"), "review")).isEqualTo("P6M");
        assertThat(text(criteria.get("122"), "review")).isEqualTo("P1M");
        assertThat(text(criteria.get("125"), "review")).isEqualTo("P1M");
        assertThat(text(criteria.get("137"), "review")).isEqualTo("P1D");
        assertThat(text(criteria.get("1"), "review")).isNull();
        // a record's retention period (保管期間 6ヶ月) is not a review interval
        assertThat(text(criteria.get("86"), "review")).isNull();
        for (JsonNode c : criteria.values()) {
            String review = text(c, "review");
            String standard = text(c.path("fields"), "達成基準").replace(" ", "");
            if ("P1Y".equals(review)) {
                assertThat(standard).as("No.%s", text(c, "id")).containsPattern("1回(以上)?[/／]1?年");
            } else if ("P6M".equals(review)) {
                assertThat(standard).as("No.%s", text(c, "id")).containsPattern("1回以上/6か月|2回/年");
            }
        }
    }

    @Test
    void factDecidablePartsAreHybridAndNothingIsAuto() {
        for (String no : List.of("53", "60", "101", "103", "113", "114", "115", "117", "123", "124", "129", "130",
                "136", "137", "138", "143")) {
            assertThat(text(criteria.get(no), "evidence")).as("No.%s", no).isEqualTo("hybrid");
        }
        Set<String> kinds = criteria.values().stream().map(c -> text(c, "evidence")).collect(Collectors.toSet());
        assertThat(kinds).containsExactlyInAnyOrder("hybrid", "manual");
    }
}
