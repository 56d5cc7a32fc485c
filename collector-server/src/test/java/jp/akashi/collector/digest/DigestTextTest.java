package jp.akashi.collector.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The parts of a digest that need no server: which reminder threshold a number of days left
 * falls in (a missed wider one is not sent late), and the HTML alternative escaping what
 * agents and people typed (host names, notes).
 */
class DigestTextTest {
    @Test
    void theTightestThresholdCrossedIsReminded() {
        assertThat(DigestBuilder.threshold(31)).isNull();
        assertThat(DigestBuilder.threshold(30)).isEqualTo(30);
        assertThat(DigestBuilder.threshold(8)).isEqualTo(30);
        assertThat(DigestBuilder.threshold(7)).isEqualTo(7);
        assertThat(DigestBuilder.threshold(5)).as("the 30-day reminder was missed: the 7-day one comes").isEqualTo(7);
        assertThat(DigestBuilder.threshold(1)).isEqualTo(1);
        assertThat(DigestBuilder.threshold(0)).as("expires today").isEqualTo(1);
        assertThat(DigestBuilder.threshold(-1)).isNull();
    }

    @Test
    void theHtmlEscapesWhatWasTypedAndTheTextKeepsIt() {
        Digest d = new Digest("2026-12-08", 0, 1, List.of(new Digest.Section(MailSettings.CHANGES, 3,
                List.of(new Digest.Line("不適合になったチェック: av.installed（<script>x</script>）", "Newly failing: av.installed on <script>x</script>",
                        "https://akashi.example/assets/a\"b")))), List.of());
        DigestText.Mail ja = DigestText.render(d, "ja", "https://akashi.example", "https://akashi.example/account/mail");
        assertThat(ja.html()).contains("&lt;script&gt;x&lt;/script&gt;").doesNotContain("<script>")
                .contains("href=\"https://akashi.example/assets/a&quot;b\"").contains("ほか 2 件");
        assertThat(ja.text()).contains("（<script>x</script>）").contains("■ 前回のダイジェストからの変更（3 件）");
        DigestText.Mail en = DigestText.render(d, "en", "", "");
        assertThat(en.text()).contains("… and 2 more").contains("Changes since the last digest (3)").doesNotContain("account/mail");
    }
}
