package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;

/**
 * The asset page puts what needs work on top: check families with failures first, named in
 * Japanese, each failing row with its severity, links to the facts it read and 「例外を登録」
 * prefilled with both the check and the asset (the form used to need the asset's UUID typed).
 */
class AssetPageHttpTest {
    static TestCollector c;
    static String assetId;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector();
        assetId = Seed.asset(c, id -> Reports.host(id, "page-host", "mid-page-host", Reports.linuxPolicyFacts("page-host", false)));
        Seed.user(c, "page-auditor", "auditor", "page-auditor-password-1");
        c.awaitEvaluation();
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    @Test
    void failingFamiliesComeFirstWithTheirFactsAndAPrefilledExceptionLink() {
        WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        String page = w.get("/assets/" + assetId).body();
        String checks = page.substring(page.indexOf("id=\"checks\""), page.indexOf("id=\"changes\""));
        List<String> families = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<span class=\"family-name\">([^<]+)</span>").matcher(checks);
        while (m.find()) {
            families.add(m.group(1));
        }
        assertThat(families).first().isEqualTo("av");
        int firstPassingOnly = -1;
        for (String family : checks.split("<details class=\"fact-family\"")) {
            if (family.contains("family-name")) {
                boolean failing = family.contains("badge status-FAIL\">");
                if (!failing && firstPassingOnly < 0) {
                    firstPassingOnly = 1;
                }
                assertThat(failing && firstPassingOnly > 0).as("a failing family after one without failures").isFalse();
            }
        }
        assertThat(checks).contains("マルウェア対策")
                .contains("href=\"#fact-av.installed\"")
                .contains("href=\"/exceptions?check=av.installed&amp;asset=" + assetId + "\"")
                .contains("重要度 高");
        String form = w.get("/exceptions?check=av.installed&asset=" + assetId).body();
        assertThat(form).contains("<option value=\"av.installed\" selected=\"selected\">").contains(">" + assetId + "</textarea>");

        WebClient auditor = WebClient.loggedIn(c, "page-auditor", "page-auditor-password-1");
        assertThat(auditor.get("/assets/" + assetId).body()).as("auditors request nothing").doesNotContain("/exceptions?check=");
    }
}
