package jp.akashi.collector.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official METI SCS version (IPA, 2026-03-27) against its sources, the TSV files
 * ipa-scs-star3-2026-03-27.tsv and ipa-scs-star4-2026-03-27.tsv (byte-identical copies are test
 * resources): every id, text, level and place in the hierarchy, character for character.
 */
class OfficialMetiCatalogTest {
    private static FrameworkVersion official;
    private static Map<String, Criterion> byId;
    private static Map<String, Group> groups;
    private static List<Map<String, String>> star4;
    private static List<Map<String, String>> star3;

    @BeforeAll
    static void load() throws IOException {
        Catalog catalog = Catalog.of(CatalogLoader.fromClasspath().load());
        official = catalog.version("meti-scs", "2026-03-27").orElseThrow();
        byId = official.criteria().stream().collect(Collectors.toMap(Criterion::id, Function.identity()));
        groups = official.groups().stream().collect(Collectors.toMap(Group::id, Function.identity()));
        star4 = tsv("ipa-scs-star4-2026-03-27.tsv");
        star3 = tsv("ipa-scs-star3-2026-03-27.tsv");
    }

    /** Rows by column name; cells as written, with the file's two-character escapes decoded. */
    static List<Map<String, String>> tsv(String name) throws IOException {
        String text;
        try (InputStream in = OfficialMetiCatalogTest.class.getResourceAsStream("/seeds/" + name)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> lines = text.lines().toList();
        String[] header = lines.get(0).split("\t", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\t", -1);
            assertThat(cells).as(line).hasSize(header.length);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], unescape(cells[i]));
            }
            rows.add(row);
        }
        return rows;
    }

    private static String unescape(String cell) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cell.length(); i++) {
            char ch = cell.charAt(i);
            if (ch == '\\' && i + 1 < cell.length()) {
                char next = cell.charAt(++i);
                sb.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    @Test
    void holdsExactlyTheRowsOfTheStar4FileInItsOrder() {
        assertThat(star4).hasSize(153);
        assertThat(official.criteria().stream().map(Criterion::id).toList())
                .containsExactlyElementsOf(star4.stream().map(r -> r.get("criterion_id")).toList());
    }

    @Test
    void everyTextLevelAndParentIsTheSourceCharacterForCharacter() {
        for (Map<String, String> row : star4) {
            String id = row.get("criterion_id");
            Criterion c = byId.get(id);
            assertThat(c.text()).as(id).isEqualTo(row.get("criterion_text"));
            assertThat(c.number()).as(id).isEqualTo(id);
            assertThat("★" + c.level()).as(id).isEqualTo(row.get("level"));
            assertThat(c.parent()).as(id).isEqualTo(row.get("requirement_id"));
            assertThat(c.textMissing()).as(id).isFalse();
            assertThat(c.nistCsf()).as(id).isEqualTo(code(row.get("nist_csf_function")));
        }
    }

    @Test
    void everyGroupOfTheHierarchyIsTheSourceCharacterForCharacter() {
        for (Map<String, String> row : star4) {
            String id = row.get("criterion_id");
            Group requirement = groups.get(row.get("requirement_id"));
            assertThat(requirement.kind()).isEqualTo("要求事項");
            assertThat(requirement.title()).as(id).isEqualTo(row.get("requirement_name"));
            assertThat(requirement.fields().get("要求事項名")).as(id).isEqualTo(row.get("requirement_name"));
            assertThat(requirement.fields().get("要求事項")).as(id).isEqualTo(row.get("requirement_text"));
            Group middle = groups.get(requirement.parent());
            assertThat(middle.kind()).isEqualTo("中分類");
            assertThat(middle.id()).isEqualTo(id.substring(0, id.indexOf('-', 2)));
            assertThat(middle.title()).as(id).isEqualTo(row.get("middle_category"));
            Group major = groups.get(middle.parent());
            assertThat(major.kind()).isEqualTo("大分類");
            assertThat(major.id()).isEqualTo(id.substring(0, 1));
            assertThat(major.title()).as(id).isEqualTo(row.get("major_category"));
            assertThat(major.fields().get("NIST CSFにおける機能")).as(id).isEqualTo(row.get("nist_csf_function"));
            assertThat(major.parent()).isNull();
        }
        assertThat(official.groups()).hasSize(7 + 16 + 43);
    }

    @Test
    void star3FileIsTheStar3RowsOfTheStar4FileAndOfTheCatalog() {
        assertThat(star3).hasSize(81);
        List<Map<String, String>> star3In4 = star4.stream().filter(r -> r.get("level").equals("★3")).toList();
        assertThat(star3.stream().map(r -> r.get("criterion_id")).toList())
                .containsExactlyElementsOf(star3In4.stream().map(r -> r.get("criterion_id")).toList());
        for (int i = 0; i < star3.size(); i++) {
            Map<String, String> row = star3.get(i);
            String id = row.get("criterion_id");
            assertThat(row.get("star3_seq")).isEqualTo(String.valueOf(i + 1));
            assertThat(star3In4.get(i).get("star3_seq")).isEqualTo(row.get("star3_seq"));
            Criterion c = byId.get(id);
            assertThat(c.level()).as(id).isEqualTo(3);
            assertThat(c.text()).as(id).isEqualTo(row.get("criterion_text"));
            assertThat(groups.get(c.parent()).fields().get("要求事項")).as(id).isEqualTo(row.get("requirement_text"));
            assertThat(groups.get(groups.get(groups.get(c.parent()).parent()).parent()).title()).as(id)
                    .isEqualTo(row.get("major_category"));
        }
    }

    @Test
    void countsAreThePublishedTotals() {
        long star3Criteria = official.criteria().stream().filter(c -> c.level() == 3).count();
        long star3Requirements = official.criteria().stream().filter(c -> c.level() == 3).map(Criterion::parent).distinct().count();
        long requirements = official.criteria().stream().map(Criterion::parent).distinct().count();
        assertThat(star3Criteria).isEqualTo(81);
        assertThat(star3Requirements).isEqualTo(26);
        assertThat(official.criteria()).hasSize(153);
        assertThat(requirements).isEqualTo(43);
        assertThat(official.criteria()).noneMatch(c -> c.level() == null);
        assertThat(official.scoring().publicTotals().get(3)).isEqualTo(new Scoring.Totals(26, 81));
        assertThat(official.scoring().publicTotals().get(4)).isEqualTo(new Scoring.Totals(43, 153));
        // a requirement is ★3 when one of its criteria is: its levels follow from the rows
        for (Group g : official.groups()) {
            if (g.kind().equals("要求事項")) {
                boolean hasStar3 = official.criteria().stream().anyMatch(c -> c.parent().equals(g.id()) && c.level() == 3);
                assertThat(g.levels()).as(g.id()).isEqualTo(hasStar3 ? List.of(3, 4) : List.of(4));
            }
        }
    }

    @Test
    void keepsTheWorkbooksOwnSpellingAndSpacing() {
        assertThat(byId.get("7-1-1-2").text()).contains("構じる");
        assertThat(byId.get("1-1-1-2").text()).contains("年１回以上"); // full-width digit as in the cell
        assertThat(byId.get("4-4-5-1").text()).endsWith("導入すること。\n"); // trailing line break as in the cell
        assertThat(byId.get("4-1-1-4").text()).startsWith("ユーザIDに付与した"); // no leading ・ in this cell
    }

    @Test
    void theDraftStaysSelectableAndIsSuperseded() {
        Catalog catalog = Catalog.of(CatalogLoader.fromClasspath().load());
        Framework meti = catalog.framework("meti-scs").orElseThrow();
        assertThat(meti.versions().stream().map(FrameworkVersion::version)).containsExactly("2025", "2026-03-27");
        assertThat(meti.latest().version()).isEqualTo("2026-03-27");
        assertThat(official.supersedes()).isEqualTo("2025");
        assertThat(official.source().date()).isEqualTo("2026-03-27");
        assertThat(official.source().notes()).contains("ハッシュ").contains("2026-04-21");
    }

    @Test
    void criteriaHostFactsInformHaveChecks() {
        // the account-management criteria the draft lacked are informed by host account facts
        for (String id : List.of("4-1-1-2", "4-1-1-3", "4-1-2-2", "4-1-2-3", "4-1-2-8", "4-1-3-1")) {
            assertThat(byId.get(id).checks()).as(id).isNotEmpty();
            assertThat(byId.get(id).evidence()).as(id).isEqualTo(EvidenceType.HYBRID);
        }
        // every check mapping of the draft is carried over by criterion id
        FrameworkVersion draft = Catalog.of(CatalogLoader.fromClasspath().load()).version("meti-scs", "2025").orElseThrow();
        for (Criterion d : draft.criteria()) {
            assertThat(byId.get(d.id()).checks()).as(d.id()).containsAll(d.checks());
        }
    }

    private static String code(String function) {
        return function.substring(function.indexOf('(') + 1, function.indexOf(')'));
    }
}
