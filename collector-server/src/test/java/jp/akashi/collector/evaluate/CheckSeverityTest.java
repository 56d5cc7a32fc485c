package jp.akashi.collector.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Every shipped check says how much a failure matters (high / medium / low, written in its file,
 * not left to the default); a value outside the three stops loading with file:line; changing a
 * severity re-evaluates nothing (it decides no verdict).
 */
class CheckSeverityTest {
    static final List<String> FILES = List.of("hosts.yaml", "network.yaml", "ssh-accounts.yaml", "system-logging.yaml");

    @Test
    void everyShippedCheckDeclaresItsSeverity() throws IOException {
        CheckLibrary lib = CheckLibrary.load("checks", Map.of());
        List<String> undeclared = new ArrayList<>();
        for (String f : FILES) {
            String text;
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("checks/" + f)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            for (String block : text.split("\n  - id: ")) {
                Matcher id = Pattern.compile("^(\\S+)").matcher(block);
                if (id.find() && lib.check(id.group(1)).isPresent() && !block.contains("\n    severity: ")) {
                    undeclared.add(id.group(1));
                }
            }
        }
        assertThat(undeclared).as("checks without a severity line").isEmpty();
        assertThat(lib.checks()).hasSizeGreaterThan(60).allSatisfy(c -> assertThat(CheckDefinition.SEVERITIES).contains(c.severity()));
        assertThat(lib.check("account.no_empty_password").orElseThrow().severity()).isEqualTo("high");
        assertThat(lib.check("ssh.banner").orElseThrow().severity()).isEqualTo("low");
    }

    @Test
    void anUnknownSeverityStopsLoadingWithItsLine() {
        assertThatThrownBy(() -> CheckLibrary.load("checks-invalid/bad-severity", Map.of()))
                .hasMessageContaining("checks-invalid/bad-severity/c.yaml:5: check x.s1: severity must be one of [high, medium, low]");
    }

    @Test
    void aSeverityDecidesNoVerdictSoChangingItReEvaluatesNothing() {
        CheckLibrary a = CheckLibrary.load("checks-version/a", Map.of());
        CheckLibrary d = CheckLibrary.load("checks-version/d", Map.of());
        assertThat(d.version()).isEqualTo(a.version());
        assertThat(a.check("x.v").orElseThrow().severity()).isEqualTo(CheckDefinition.DEFAULT_SEVERITY);
        assertThat(d.check("x.v").orElseThrow().severity()).isEqualTo("high");
    }
}
