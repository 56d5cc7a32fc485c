package jp.akashi.collector.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Every check of the shipped library carries remediation for every platform it applies to (derived
 * from its {@code applies}: kinds and os), in Japanese and English, with something concrete to do
 * (a setting or commands) and a way to confirm it.
 */
class RemediationCoverageTest {

    @Test
    void everyCheckHasRemediationForEveryPlatformItAppliesToInBothLanguages() {
        CheckLibrary lib = CheckLibrary.load("checks", Map.of());
        List<String> problems = new ArrayList<>();
        int steps = 0;
        for (CheckDefinition c : lib.checks()) {
            Remediation r = c.remediation();
            if (r == null) {
                problems.add(c.id() + ": no remediation");
                continue;
            }
            if (!japanese(r.why().ja())) {
                problems.add(c.id() + ": why.ja is not Japanese");
            }
            assertThat(c.platforms()).as(c.id()).isNotEmpty();
            for (String p : c.platforms()) {
                Remediation.Step s = r.step(p);
                if (s == null) {
                    problems.add(c.id() + ": no remediation for " + p);
                    continue;
                }
                steps++;
                if (!japanese(s.steps().ja()) || s.steps().en().isBlank() || s.steps().ja().equals(s.steps().en())) {
                    problems.add(c.id() + ": " + p + ": steps need Japanese and English");
                }
                if (s.commands().isEmpty() && (s.setting() == null || s.setting().isBlank())
                        && !p.equals("macos")) {
                    problems.add(c.id() + ": " + p + ": neither a setting nor commands");
                }
                if (s.verify().isBlank()) {
                    problems.add(c.id() + ": " + p + ": no way to confirm");
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(steps).as("platform remediations").isGreaterThanOrEqualTo(100);
    }

    @Test
    void appliesToIsDerivedFromKindsAndOs() {
        assertThat(Remediation.platformsFor(new CheckDefinition.Applicability(Set.of("host"), Set.of(), Set.of(), Set.of())))
                .containsExactly("debian", "rhel", "windows", "macos");
        assertThat(Remediation.platformsFor(new CheckDefinition.Applicability(Set.of("host"), Set.of("linux", "macos"), Set.of(), Set.of())))
                .containsExactly("debian", "rhel", "macos");
        assertThat(Remediation.platformsFor(new CheckDefinition.Applicability(Set.of("network-device"), Set.of(), Set.of(), Set.of())))
                .containsExactly("network");
        assertThat(Remediation.platformsFor(new CheckDefinition.Applicability(Set.of(), Set.of(), Set.of("internet-facing"), Set.of())))
                .containsExactly("debian", "rhel", "windows", "macos", "network");
    }

    @Test
    void remediationForAPlatformTheCheckDoesNotApplyToOrWithoutAWayToConfirmStopsLoading() {
        assertThatThrownBy(() -> CheckLibrary.load("checks-invalid/remediation-platform", Map.of()))
                .hasMessageContaining("checks-invalid/remediation-platform/c.yaml:12: check x.r1: remediation: windows is not a platform this check applies to");
        assertThatThrownBy(() -> CheckLibrary.load("checks-invalid/remediation-verify", Map.of()))
                .hasMessageContaining("checks-invalid/remediation-verify/c.yaml:11: check x.r2: remediation: debian: verify (how to confirm the fix) is required");
    }

    @Test
    void rewordingARemediationDoesNotReEvaluateEverythingButChangingARuleDoes() {
        String a = CheckLibrary.load("checks-version/a", Map.of()).version();
        assertThat(CheckLibrary.load("checks-version/b", Map.of()).version()).as("remediation reworded").isEqualTo(a);
        assertThat(CheckLibrary.load("checks-version/c", Map.of()).version()).as("expression changed").isNotEqualTo(a);
        assertThat(CheckLibrary.load("checks-version/b", Map.of()).check("x.v").orElseThrow().remediation().why().en())
                .isEqualTo("why it matters, reworded");
    }

    private static boolean japanese(String s) {
        return s != null && s.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HIRAGANA
                || Character.UnicodeScript.of(cp) == Character.UnicodeScript.KATAKANA || Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }
}
