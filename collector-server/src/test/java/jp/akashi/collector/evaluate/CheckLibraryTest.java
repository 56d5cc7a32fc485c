package jp.akashi.collector.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckLibraryTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown-fact    | check x.one: unknown fact av.instaled (not in the fact registry)
            type-error      | check x.two: expr: ERROR: <input>:1:26: found no matching overload for '_>=_' applied to '(int, string)'
            undeclared      | check x.three: expr: ERROR: <input>:1:34: undeclared reference to 'auth'
            bad-result      | check x.four: rule 1: result must be pass or fail, not 'maybe'
            duplicate       | check x.five is defined twice
            bad-role        | check x.six: applies: unknown role laptop
            bad-placeholder | check x.seven: message placeholder {av.instaled} is not a registered fact
            not-boolean     | check x.eight: expr: must be a boolean expression
            missing-english | check x.nine: title needs both ja and en
            expr-message    | check x.ten: rule 1: message is for when-rules
            rule-message    | check x.eleven: message placeholder {av.instaled} is not a registered fact
            """)
    void invalidChecksStopLoadingNamingFileCheckAndProblem(String dir, String message) {
        assertThatThrownBy(() -> CheckLibrary.load("checks-invalid/" + dir, Map.of()))
                .isInstanceOf(CheckLibrary.CheckLibraryException.class)
                .hasMessageContaining("checks-invalid/" + dir + "/c.yaml: ")
                .hasMessageContaining(message);
    }

    @Test
    void theShippedLibraryLoadsAndEveryCheckIsDocumented() {
        CheckLibrary lib = CheckLibrary.load("checks", Map.of());
        assertThat(lib.checks()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(lib.checks()).allSatisfy(c -> {
            assertThat(c.title().ja()).isNotBlank();
            assertThat(c.title().en()).isNotBlank();
            assertThat(c.fail().ja()).isNotBlank();
        });
        assertThat(lib.params()).containsEntry("patch_max_days", 14L);
    }

    @Test
    void parametersCanBeOverriddenButNotInvented() {
        CheckLibrary lib = CheckLibrary.load("checks", Map.of("max_admins", "3"));
        assertThat(lib.params()).containsEntry("max_admins", 3L);
        assertThat(lib.version()).isNotEqualTo(CheckLibrary.load("checks", Map.of()).version());
        assertThatThrownBy(() -> CheckLibrary.load("checks", Map.of("max_admin", 3)))
                .hasMessageContaining("akashi.checks.params.max_admin: no check uses a parameter of that name");
    }
}
