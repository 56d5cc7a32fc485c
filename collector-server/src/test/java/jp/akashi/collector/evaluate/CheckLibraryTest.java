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
            unknown-fact          | 6  | check x.one: unknown fact av.instaled (not in the fact registry)
            type-error            | 7  | check x.two: expr: ERROR: <input>:1:26: found no matching overload for '_>=_' applied to '(int, string)'
            undeclared            | 7  | check x.three: expr: ERROR: <input>:1:34: undeclared reference to 'auth'
            bad-result            | 9  | check x.four: rule 1: result must be pass or fail, not 'maybe'
            duplicate             | 8  | check x.five is defined twice
            bad-role              | 6  | check x.six: applies: unknown role laptop
            bad-placeholder       | 5  | check x.seven: message placeholder {av.instaled} is not a registered fact
            not-boolean           | 7  | check x.eight: expr: must be a boolean expression
            missing-english       | 4  | check x.nine: title needs both ja and en
            expr-message          | 9  | check x.ten: rule 1: message is for when-rules
            rule-message          | 10 | check x.eleven: rule 1: message placeholder {av.instaled} is not a registered fact
            unknown-key           | 8  | check x.k1: unknown key 'pas'
            misspelt-applies      | 5  | check x.k2: applies: unknown key 'kind'
            rule-unknown-key      | 10 | check x.k3: rule 1: unknown key 'mesage'
            unknown-param         | 9  | check x.k4: expr: unknown parameter params.max_admin
            unknown-param-message | 7  | check x.k5: message placeholder {params.max_admin}: no parameter max_admin
            unknown-os            | 5  | check x.k6: applies: unknown os linxu
            unknown-top-key       | 2  | unknown key 'parms'
            text-unknown-key      | 4  | check x.k8: title: unknown key 'eng'
            """)
    void invalidChecksStopLoadingNamingFileLineCheckAndProblem(String dir, int line, String message) {
        assertThatThrownBy(() -> CheckLibrary.load("checks-invalid/" + dir, Map.of()))
                .isInstanceOf(CheckLibrary.CheckLibraryException.class)
                .hasMessageContaining("checks-invalid/" + dir + "/c.yaml:" + line + ": ")
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
