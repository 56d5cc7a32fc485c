package jp.akashi.collector.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Period;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CatalogLoaderTest {
    private static final String LV1 = "catalog/lv/1.yaml";
    private static final String LV2 = "catalog/lv/2.yaml";
    private static final String RO = "catalog/ro/1.yaml";
    private static final String PTS = "catalog/pts/1.yaml";
    private static final String MAP = "catalog/equivalences.yaml";
    private static final String INDEX = "catalog/index.yaml";

    @Test
    void loadsAValidCatalog() {
        LoadedCatalog loaded = new TestCatalog().load();
        assertThat(loaded.frameworks()).extracting(Framework::id).containsExactly("lv", "ro", "pts");
        Framework lv = loaded.frameworks().get(0);
        assertThat(lv.versions()).extracting(FrameworkVersion::version).containsExactly("1", "2");
        assertThat(lv.latest().version()).isEqualTo("2");

        FrameworkVersion v1 = lv.version("1").orElseThrow();
        assertThat(v1.file()).isEqualTo(LV1);
        assertThat(v1.scoring().levels()).extracting(Scoring.Level::validity)
                .containsExactly(Period.ofYears(1), Period.ofYears(3));
        Criterion c = v1.criteria().get(0);
        assertThat(c.globalId()).isEqualTo("lv:1-1-1-1");
        assertThat(c.review()).isEqualTo(Period.ofYears(1));
        assertThat(c.evidence()).isEqualTo(EvidenceType.MANUAL);
        assertThat(v1.criteria().get(2).textMissing()).isTrue();
        assertThat(v1.groups().get(1).fields()).containsEntry("要求事項", "ルールを定めること。");

        FrameworkVersion pts = loaded.frameworks().get(2).latest();
        assertThat(pts.criteria().get(0).options()).extracting(Criterion.Option::points).containsExactly(5, 2);
        assertThat(pts.criteria().get(0).variants()).containsOnlyKeys("new", "renewal");
        assertThat(pts.scoring().zeroFails()).containsExactly("7-1-1");

        assertThat(loaded.equivalences()).extracting(Equivalence::id).containsExactly("policy", "access");
        assertThat(loaded.equivalences().get(0).members()).extracting(Equivalence.Member::criterion)
                .containsExactly("lv:1-1-1-1", "ro:1");
        assertThat(loaded.warnings()).containsExactly(MAP + ": framework later is not loaded; "
                + "1 of its members are left out until its catalog file is added");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                bad(LV1, "parent: \"2001-1-1\", number: \"1-1-1-2\"", "parent: \"2004-4-9\", number: \"1-1-1-2\"",
                        "catalog/lv/1.yaml: criterion 1-1-1-2: parent 2004-4-9 does not exist"),
                bad(LV1, "{id: \"1-1-1-3\"", "{id: \"1-1-1-2\"", "catalog/lv/1.yaml: criterion 1-1-1-2: id is used twice"),
                bad(LV1, "{id: \"2001-1-1\", parent: \"1\"", "{id: \"2001-1-1\", parent: \"9\"",
                        "catalog/lv/1.yaml: group 2001-1-1: parent 9 does not exist"),
                bad(LV1, "{id: \"1\", parent: null", "{id: \"1\", parent: \"2001-1-1\"",
                        "catalog/lv/1.yaml: group 1: its parents form a cycle"),
                bad(LV1, "level: 4, evidence: auto", "level: 5, evidence: auto",
                        "catalog/lv/1.yaml: criterion 1-1-1-2: level 5 is not one of [3, 4]"),
                bad(LV1, "level: 4, evidence: auto", "evidence: auto", "catalog/lv/1.yaml: criterion 1-1-1-2: level is missing (write level: null with level_source: unknown when the source does not show it)"),
                bad(LV1, "levels: [3, 4]", "levels: [3]",
                        "catalog/lv/1.yaml: criterion 1-1-1-2: level 4 is not among the levels [3] of its parent 2001-1-1"),
                bad(LV1, "level: 3, level_source: marker", "level: 3, level_source: inferred",
                        "catalog/lv/1.yaml: criterion 1-1-1-1: an inferred level needs a note that gives the reason"),
                bad(LV1, "level: 3, level_source: marker", "level: 3, level_source: guessed",
                        "catalog/lv/1.yaml: criterion 1-1-1-1: level_source \"guessed\" is not one of marker, carried, inferred, unknown"),
                bad(LV1, "level: 3, level_source: marker", "level: 3, points: 5",
                        "catalog/lv/1.yaml: criterion 1-1-1-1: points does not apply to this framework's scoring"),
                bad(LV1, "evidence: auto", "evidence: sometimes",
                        "catalog/lv/1.yaml: criterion 1-1-1-2: evidence \"sometimes\" is not one of auto, hybrid, manual"),
                bad(LV1, "review: P1Y", "review: yearly",
                        "catalog/lv/1.yaml: criterion 1-1-1-1: review \"yearly\" is not an ISO-8601 period such as P1Y, P6M or P1M"),
                bad(LV1, "nist_csf: GV", "nist_csf: XX", "catalog/lv/1.yaml: group 1: nist_csf \"XX\" is not one of GV, ID, PR, DE, RS, RC"),
                bad(LV1, "note: \"本文は欠落\", ", "", "catalog/lv/1.yaml: criterion 1-1-1-3: text_missing needs a note that says what the source lacks"),
                bad(LV1, "text: \"社内ルールを定めること。\"", "text: \"  \"",
                        "catalog/lv/1.yaml: criterion 1-1-1-1: text is missing (set text_missing: true with a note when the source lacks it)"),
                bad(LV1, "text: null, text_missing: true", "text: \"何か\", text_missing: true",
                        "catalog/lv/1.yaml: criterion 1-1-1-3: text_missing is true but text is given"),
                bad(LV1, "checks: [auth.password.min_length]", "checks: [\"bad id\"]",
                        "catalog/lv/1.yaml: criterion 1-1-1-2: checks: \"bad id\" is not a valid id"),
                bad(LV1, "holds: {criteria: 3,", "holds: {criteria: 5,",
                        "catalog/lv/1.yaml: source.holds.criteria says 5 but the file holds 3"),
                bad(LV1, "3: {requirements: 1, criteria: 2}", "5: {requirements: 1, criteria: 2}",
                        "catalog/lv/1.yaml: scoring.public_totals: \"5\" is not a declared level"),
                bad(LV1, "kind: meti-levels", "kind: stars",
                        "catalog/lv/1.yaml: scoring.kind \"stars\" is not one of meti-levels, required-optional, points"),
                bad(LV1, "framework: lv", "framework: lx", "catalog/lv/1.yaml: framework \"lx\" does not match its directory \"lv\""),
                bad(LV1, "schema: 1", "schema: 2", "catalog/lv/1.yaml: schema must be 1, not 2"),
                bad(LV1, "name: {ja: \"レベル式\", en: \"levels\"}", "name: {en: \"levels\"}", "catalog/lv/1.yaml: name.ja is missing"),
                bad(LV2, "supersedes: \"1\"", "supersedes: \"9\"",
                        "catalog/lv/2.yaml: supersedes 9, which is not a loaded version of lv"),
                bad(LV2, "supersedes: \"1\"", "supersedes: null",
                        "catalog: lv needs exactly one version without supersedes, found [1, 2]"),
                bad(LV2, "version: \"2\"\nsupersedes: \"1\"", "version: \"1\"\nsupersedes: null", "catalog/lv/2.yaml: version 1 of lv is also defined in catalog/lv/1.yaml"),
                bad(RO, "required: true, evidence: manual", "evidence: manual",
                        "catalog/ro/1.yaml: criterion 1: required (必須 true / 任意 false) is missing"),
                bad(RO, "required: false, evidence: hybrid", "required: false, level: 3, evidence: hybrid",
                        "catalog/ro/1.yaml: criterion 2: level does not apply to this framework's scoring"),
                bad(PTS, "text: \"持ち出し制限\", required: true", "text: \"持ち出し制限\", required: true, points: 3",
                        "catalog/pts/1.yaml: criterion 7-1-2: required and points are mutually exclusive (an item is 必須 or scored)"),
                bad(PTS, "text: \"持ち出し制限\", required: true", "text: \"持ち出し制限\"",
                        "catalog/pts/1.yaml: criterion 7-1-2: needs required: true (必須) or points"),
                bad(PTS, "{id: a, text: \"十分\", points: 5}", "{id: a, text: \"十分\", points: 9}",
                        "catalog/pts/1.yaml: criterion 7-1-1: option a: points 9 outside 0..5"),
                bad(PTS, "renewal: {question: \"更新の質問\"}", "extra: {question: \"更新の質問\"}",
                        "catalog/pts/1.yaml: criterion 7-1-1: variant \"extra\" is not an application type in scoring.applications [new, renewal]"),
                bad(PTS, "zero_fails: [\"7-1-1\"]", "zero_fails: [\"7-1-2\"]",
                        "catalog/pts/1.yaml: scoring.zero_fails: 7-1-2 is not a criterion with points"),
                bad(PTS, "new: {required_count: 1, min_points: 3, max_points: 8}", "new: {required_count: 1, min_points: 9, max_points: 8}",
                        "catalog/pts/1.yaml: scoring.applications.new needs required_count ≥ 0, max_points, and 0 ≤ min_points ≤ max_points (or min_points: null)"),
                bad(MAP, "{criterion: \"ro:1\", relation: equal}", "{criterion: \"ro:99\", relation: equal}",
                        "catalog/equivalences.yaml: group policy: ro:99 does not exist in ro (versions [2.0])"),
                bad(MAP, "{criterion: \"ro:1\", relation: equal}", "{criterion: \"kubta:1\", relation: equal}",
                        "catalog/equivalences.yaml: group policy: kubta:1: framework kubta is not declared in frameworks"),
                bad(MAP, "{criterion: \"ro:1\", relation: equal}", "{criterion: \"ro:1\", relation: same}",
                        "catalog/equivalences.yaml: group policy: ro:1: relation \"same\" is not one of equal, subset, superset, intersect"),
                bad(MAP, "{criterion: \"ro:1\", relation: equal}", "{criterion: \"lv:1-1-1-3\", relation: equal}",
                        "catalog/equivalences.yaml: group policy: lv:1-1-1-3 has no text in the catalog (text_missing), so nothing can be equivalent to it"),
                bad(MAP, "{criterion: \"ro:1\", relation: equal}", "{criterion: \"lv:1-1-1-1\", relation: equal}",
                        "catalog/equivalences.yaml: group policy: lv:1-1-1-1 is listed twice"),
                bad(MAP, "- id: access", "- id: policy", "catalog/equivalences.yaml: group policy: id is used twice"),
                bad(INDEX, "  - pts/1.yaml\n", "  - pts/1.yaml\n  - nope/1.yaml\n", "catalog/nope/1.yaml: does not exist"),
                bad(INDEX, "  - pts/1.yaml\n", "  - pts/1.yaml\n  - ../secret.yaml\n",
                        "catalog/index.yaml: \"../secret.yaml\" is not a framework file path like meti-scs/2025.yaml"),
                bad(INDEX, "  - pts/1.yaml\n", "  - pts/1.yaml\n  - pts/1.yaml\n", "catalog/index.yaml: pts/1.yaml is listed twice"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("malformed")
    void rejectsAMalformedFileNamingFileItemAndProblem(String file, String from, String to, String expected) {
        TestCatalog catalog = new TestCatalog().replace(file, from, to);
        CatalogException e = catchThrowableOfType(CatalogException.class, catalog::load);
        assertThat(e).as("no problem reported").isNotNull();
        assertThat(e.problems()).contains(expected);
        assertThat(e.getMessage()).contains(expected);
    }

    @Test
    void reportsAnUnknownFieldWithItsLine() {
        TestCatalog catalog = new TestCatalog().replace(LV1, "evidence: auto", "evidance: auto");
        assertThatThrownBy(catalog::load).isInstanceOf(CatalogException.class)
                .hasMessageContaining("catalog/lv/1.yaml: line 20, column")
                .hasMessageContaining("criteria[1]: unknown field \"evidance\"");
    }

    @Test
    void reportsBrokenYamlWithItsLine() {
        TestCatalog catalog = new TestCatalog().replace(RO, "fields: {目的: \"考え方を示す\"}", "fields: {目的: \"考え方を示す\"");
        assertThatThrownBy(catalog::load).isInstanceOf(CatalogException.class)
                .hasMessageContaining("catalog/ro/1.yaml: line ");
    }

    @Test
    void reportsAValueOfTheWrongType() {
        TestCatalog catalog = new TestCatalog().replace(RO, "required: true,", "required: 必須,");
        assertThatThrownBy(catalog::load).isInstanceOf(CatalogException.class)
                .hasMessageContaining("catalog/ro/1.yaml: line 10, column")
                .hasMessageContaining("criteria[0].required: ");
    }

    @Test
    void rejectsDuplicateKeys() {
        TestCatalog catalog = new TestCatalog().replace(RO, "version: \"2.0\"", "version: \"2.0\"\nversion: \"2.1\"");
        assertThatThrownBy(catalog::load).isInstanceOf(CatalogException.class)
                .hasMessageContaining("catalog/ro/1.yaml: line 4").hasMessageContaining("Duplicate field 'version'");
    }

    @Test
    void rejectsEmptyAndMissingFiles() {
        assertThatThrownBy(new TestCatalog().put(RO, "# nothing yet\n")::load)
                .hasMessageContaining("catalog/ro/1.yaml: is empty");
        assertThatThrownBy(new TestCatalog().put(INDEX, "")::load)
                .hasMessageContaining("catalog/index.yaml: is empty");
    }

    @Test
    void reportsEveryProblemOfEveryFileAtOnce() {
        TestCatalog catalog = new TestCatalog()
                .replace(LV1, "evidence: auto", "evidence: never")
                .replace(RO, "required: true, evidence: manual", "evidence: manual")
                .replace(PTS, "zero_fails: [\"7-1-1\"]", "zero_fails: [\"7-1-2\"]");
        CatalogException e = catchThrowableOfType(CatalogException.class, catalog::load);
        assertThat(e.problems()).hasSize(3);
        assertThat(e.getMessage()).startsWith("framework catalog is invalid (3 problems):");
    }

    @Test
    void checksTheMapOnlyWhenTheFrameworksAreValid() {
        TestCatalog catalog = new TestCatalog().replace(RO, "required: true, evidence: manual", "evidence: manual");
        CatalogException e = catchThrowableOfType(CatalogException.class, catalog::load);
        // ro is invalid, so "ro:1 does not exist" would be noise: only the real problem is reported
        assertThat(e.problems()).containsExactly("catalog/ro/1.yaml: criterion 1: required (必須 true / 任意 false) is missing");
    }

    private static Arguments bad(String file, String from, String to, String expected) {
        return Arguments.of(file, from, to, expected);
    }
}
