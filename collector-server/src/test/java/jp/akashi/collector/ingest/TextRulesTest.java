package jp.akashi.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextRulesTest {

    @Test
    void textRefusesNulAndUnpairedSurrogatesOnly() {
        assertThat(TextRules.text("line one\n\tline two 😀 パスワード", false)).isNull();
        assertThat(TextRules.text("a\u0000b", false).at()).isEqualTo(1);
        assertThat(TextRules.text("a\u0000b", true)).as("NUL allowed in excerpts").isNull();
        assertThat(TextRules.text("x\ud800", false).en()).contains("D800");
        assertThat(TextRules.text("\udc00x", true).en()).contains("DC00");
        assertThat(TextRules.text("\ud83d\ude00\ud83d", false).at()).as("a pair, then a lone high surrogate").isEqualTo(2);
    }

    @Test
    void identityRefusesControlAndBidiCharacters() {
        assertThat(TextRules.identity("web-01.example.jp")).isNull();
        assertThat(TextRules.identity("経理部-PC01")).isNull();
        assertThat(TextRules.identity("host\tname")).isNotNull();
        assertThat(TextRules.identity("\u001b[31m")).isNotNull();
        assertThat(TextRules.identity("a\u0085b")).as("C1 control").isNotNull();
        assertThat(TextRules.identity("gpj.exe\u202etxt").en()).contains("202E");
        assertThat(TextRules.identity("x\u2066y")).isNotNull();
        assertThat(TextRules.identity("\ud800")).isNotNull();
    }

    @Test
    void refusalsNeverEchoWhatCannotBeWritten() {
        String shown = FieldRefusal.shown("facts[1].value.\ud800\u0000\u202e😀", 200);
        assertThat(shown).isEqualTo("facts[1].value.\\ud800\\u0000\\u202e😀");
        assertThat(FieldRefusal.shown("x".repeat(500), 200)).hasSize(201).endsWith("…");
    }
}
