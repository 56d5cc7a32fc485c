package jp.akashi.probes.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The verifier's texts: every finding has its Japanese wording, with the same placeholders, and English stays English. */
class VerifyMessagesTest {
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+}");
    static final Pattern JAPANESE = Pattern.compile("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}]");

    static Set<String> placeholders(String s) {
        Set<String> out = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(s);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** One properties file on its own (a bundle would fill missing Japanese keys from the English one). */
    static java.util.Properties file(String name) throws java.io.IOException {
        java.util.Properties p = new java.util.Properties();
        try (var in = VerifyMessagesTest.class.getResourceAsStream("/jp/akashi/probes/snapshot/" + name)) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyKeyHasAJapaneseTextWithTheSamePlaceholders() throws Exception {
        java.util.Properties en = file("VerifyMessages.properties");
        java.util.Properties ja = file("VerifyMessages_ja.properties");
        assertThat(ja.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
        for (String key : en.stringPropertyNames()) {
            if (!key.equals("audit.why")) {
                // audit.why picks the collector's own message in the language shown
                assertThat(placeholders(ja.getProperty(key))).as(key).isEqualTo(placeholders(en.getProperty(key)));
                assertThat(ja.getProperty(key)).as(key).containsPattern(JAPANESE);
            }
        }
        ResourceBundle bundle = VerifyMessage.bundle(Locale.JAPANESE);
        assertThat(bundle.getLocale().getLanguage()).isEqualTo("ja");
        assertThat(bundle.getString("member.missing")).isEqualTo(ja.getProperty("member.missing"));
    }

    @Test
    void englishIsNotTakenFromTheJvmLocaleAndTimesKeepTheirUtcInstant() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.JAPAN);
            VerifyMessage m = VerifyMessage.of("summary", "snap-1", Instant.parse("2026-11-01T00:00:00Z"), 3, "ab");
            assertThat(m.english()).isEqualTo("snapshot snap-1 created 2026-11-01T00:00:00Z: 3 files listed, manifest sha256 ab");
            assertThat(m.render(Locale.JAPANESE, ZoneId.of("Asia/Tokyo")))
                    .isEqualTo("スナップショット snap-1（作成 2026-11-01 09:00:00 +09:00 Asia/Tokyo (UTC 2026-11-01T00:00:00Z)）: "
                            + "マニフェストに 3 ファイル、マニフェストの SHA-256 ab");
            // numbers as they are, no grouping; a nested finding in the same language
            assertThat(VerifyMessage.of("member.tooLarge", "manifest.txt", 67108864).render(Locale.ROOT, null))
                    .isEqualTo("manifest.txt: larger than 67108864 bytes");
            assertThat(VerifyMessage.of("previous.problem", "a.zip", VerifyMessage.of("member.missing", "x")).render(Locale.JAPANESE, null))
                    .isEqualTo("前のスナップショット a.zip: x: アーカイブにありません");
        } finally {
            Locale.setDefault(before);
        }
    }
}
