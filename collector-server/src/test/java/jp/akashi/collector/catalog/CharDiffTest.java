package jp.akashi.collector.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class CharDiffTest {
    static String apply(List<CharDiff.Run> runs, boolean after) {
        StringBuilder sb = new StringBuilder();
        runs.forEach(r -> {
            if (r.kept() || (after ? r.inserted() : r.removed())) {
                sb.append(r.text());
            }
        });
        return sb.toString();
    }

    @Test
    void runsRebuildBothTextsAndRemovalsComeFirst() {
        List<CharDiff.Run> d = CharDiff.of("強固で一意的パスワード", "強固で一意のパスワード");
        assertThat(d).containsExactly(new CharDiff.Run("=", "強固で一意"), new CharDiff.Run("-", "的"),
                new CharDiff.Run("+", "の"), new CharDiff.Run("=", "パスワード"));
        String a = "要件を定め、外部情報サービスの利用時に";
        String b = "要件を定めたうえで、外部情報サービスの利用時に";
        assertThat(apply(CharDiff.of(a, b), false)).isEqualTo(a);
        assertThat(apply(CharDiff.of(a, b), true)).isEqualTo(b);
    }

    @Test
    void missingTextsAndSurrogatePairs() {
        assertThat(CharDiff.of(null, "本文")).containsExactly(new CharDiff.Run("+", "本文"));
        assertThat(CharDiff.of("本文", null)).containsExactly(new CharDiff.Run("-", "本文"));
        assertThat(CharDiff.of("𠮷野", "𠮷田")).containsExactly(new CharDiff.Run("=", "𠮷"), new CharDiff.Run("-", "野"),
                new CharDiff.Run("+", "田"));
        assertThat(CharDiff.of("同じ", "同じ")).containsExactly(new CharDiff.Run("=", "同じ"));
    }

    @Test
    void wordingIgnoresWidthSpacingAndTheLeadingBullet() {
        assertThat(Wording.same("・年1回以上 点検", "年１回以上\n点検")).isTrue();
        assertThat(Wording.same("<p>定めること。</p>", "定めること。")).isTrue();
        assertThat(Wording.same("一意的パスワード", "一意のパスワード")).isFalse();
        assertThat(Wording.same(null, "本文")).isFalse();
    }
}
