package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.model.MessageCode;
import jp.akashi.probes.model.ProbeMessages;
import jp.akashi.probes.util.Json;

/**
 * One language per screen (issue 14 §6): a probe's message travels as a catalog code with its
 * parameters, and the console shows it in the reader's language — on the asset page and inside
 * an UNKNOWN check's reason — with the sentence as reported kept in a details view. A code this
 * collector does not know (a newer agent) shows the reported sentence; a code with an argument
 * that breaks the text rules is refused like a bad message.
 */
class LocalisedFactMessagesHttpTest {
    static TestCollector c;
    static String assetId;
    static final Instant T = Instant.parse("2026-11-20T00:00:00Z");

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector();
        assetId = Seed.asset(c, id -> {
            List<Fact> facts = new ArrayList<>(Reports.linuxPolicyFacts("lang-host", true));
            facts.removeIf(f -> f.key().equals("auth.lockout.threshold") || f.key().equals("account.ssh.permit_root_login"));
            facts.add(coded("auth.lockout.threshold", FactStatus.ERROR, ProbeMessages.code("fact.file_denied", "/etc/security/faillock.conf")));
            facts.add(coded("account.ssh.permit_root_login", FactStatus.UNSUPPORTED,
                    new MessageCode("ssh.from_a_future_agent", List.of("x"))));
            return Reports.host(id, "lang-host", "mid-lang-host", facts);
        });
        c.awaitEvaluation();
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    private static Fact coded(String key, FactStatus status, MessageCode code) {
        String english = code.key().startsWith("ssh.from") ? "a sentence from a newer agent" : ProbeMessages.get().english(code);
        return new Fact(key, status, null, english, T, "test", null, code);
    }

    @Test
    void theAssetPageShowsProbeMessagesInTheReadersLanguage() {
        WebClient w = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
        w.get("/");
        w.submit("/lang", Map.of("lang", "ja", "next", "/"));
        String ja = w.get("/assets/" + assetId).body();
        String jaFact = row(ja, "auth.lockout.threshold");
        assertThat(jaFact).contains("/etc/security/faillock.conf を読む権限がありません")
                .contains("報告された原文")
                .contains("permission denied reading /etc/security/faillock.conf (run the agent as root/Administrator)");
        assertThat(row(ja, "account.ssh.permit_root_login")).as("an unknown code shows what was reported")
                .contains("a sentence from a newer agent").doesNotContain("報告された原文");
        String jaCheck = ja.substring(ja.indexOf("id=\"checks\""), ja.indexOf("id=\"changes\""));
        assertThat(jaCheck).as("the UNKNOWN reason of a lockout check, in Japanese")
                .contains("auth.lockout.threshold: 取得エラー（/etc/security/faillock.conf を読む権限がありません")
                .doesNotContain("auth.lockout.threshold: error (permission denied");

        w.submit("/lang", Map.of("lang", "en", "next", "/"));
        String en = w.get("/assets/" + assetId).body();
        assertThat(row(en, "auth.lockout.threshold")).contains("permission denied reading /etc/security/faillock.conf")
                .doesNotContain("権限がありません").doesNotContain("As reported by the agent");
        String enCheck = en.substring(en.indexOf("id=\"checks\""), en.indexOf("id=\"changes\""));
        assertThat(enCheck).contains("auth.lockout.threshold: error (permission denied reading /etc/security/faillock.conf")
                .doesNotContain("取得エラー");
    }

    @Test
    void aCodeArgumentIsHeldToTheRulesOfAMessage() throws Exception {
        String[] agent = c.enrollAgent();
        List<Fact> facts = new ArrayList<>(Reports.linuxPolicyFacts("lang-bad", true));
        // a clean sentence beside a code whose argument holds NUL: the argument is what gets shown
        facts.add(new Fact("auth.password.history", FactStatus.ERROR, null, "/etc/x does not exist", T, "test", null,
                ProbeMessages.code("fact.file_missing", "/etc/\u0000nul")));
        TestCollector.Response r = c.send("POST", "/api/v1/reports", agent[1],
                Json.mapper().writeValueAsBytes(Reports.host(agent[0], "lang-bad", "mid-lang-bad", facts)), Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("messageCode.args[0]");
    }

    /** The fact table row of {@code key}. */
    private static String row(String page, String key) {
        int start = page.indexOf("id=\"fact-" + key + "\"");
        assertThat(start).as("row of " + key).isPositive();
        return page.substring(start, page.indexOf("</tr>", start));
    }
}
