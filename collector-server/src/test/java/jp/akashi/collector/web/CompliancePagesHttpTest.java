package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.web.WebClient.Page;
import jp.akashi.collector.web.WebClient.Upload;

/**
 * The compliance pages through HTTP against a real collector with real catalog data: framework
 * cards on the dashboard, the framework tree and its filters, a criterion with its checks and
 * equivalents, answers with evidence files (multipart, CSRF in the form), exceptions, checks,
 * and the asset page's check results.
 */
class CompliancePagesHttpTest {
    static final byte[] PDF = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    static TestCollector c;
    static String protectedHost;
    static String bareHost;

    @BeforeAll
    static void start() throws Exception {
        // answers without a review interval of their own are valid for 20 days here, so they show as expiring soon
        c = new TestCollector(Map.of(), Map.of("akashi.answers.default-validity", "P20D"));
        protectedHost = Seed.complianceHost(c, "cp-protected", true);
        bareHost = Seed.complianceHost(c, "cp-bare", false);
        Seed.user(c, "cp-auditor", "auditor", "cp-auditor-password-1");
        c.awaitEvaluation();
        // Kubota a month ago: every criterion met; ten days ago: half of them
        Seed.scoreHistory(c, "kubota", today().minusDays(30), 1.0);
        Seed.scoreHistory(c, "kubota", today().minusDays(10), 0.5);
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Tokyo"));
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    static WebClient admin() {
        return WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
    }

    @Test
    void theDashboardShowsEveryFrameworksScoreAndWhatIsMissing() {
        String page = admin().get("/").body();
        assertThat(page).contains("フレームワーク別の状況").contains("<span class=\"level-label\">★3</span>")
                .contains("<span class=\"level-label\">★4</span>").contains("未達成")
                .contains("href=\"/frameworks/meti-scs?level=3&amp;verdict=open\"");
        assertThat(page).as("Kubota 必須 x / 129").containsPattern("\\d+ / 129</span>")
                .contains("href=\"/frameworks/kubota?required=true&amp;verdict=open\"");
        assertThat(page).as("安全・安心マーク per application type, points against the pass mark, zero-point rule")
                .contains("新規申請").contains("更新申請").containsPattern("\\d+ 点（合格点 92）").containsPattern("\\d+ 点（合格点 88）")
                .as("nothing answered yet: unanswered items have no points, which is not 0 points")
                .doesNotContain("7-1-1, 7-1-2, 7-1-3 が0点のため不合格です。");
        assertThat(page).as("the official list is complete: no completeness note").doesNotContain("カタログは公表値");
        assertThat(page).as("trend chart data for app.js").contains("data-chart=\"{&quot;labels&quot;:[&quot;")
                .contains("/webjars/chart.js/").contains("過去90日の推移");
        assertThat(page).as("the checks failing on most assets").contains("優先して直すチェック")
                .contains("href=\"/checks/av.installed?status=FAIL\"");
        assertThat(page).as("the phase-1 inventory is still there").contains("OS別の資産").contains("cp-protected");
    }

    @Test
    void theTrendComesFromTheDailyScoreHistory() {
        String page = admin().get("/frameworks/kubota").body();
        String chart = page.substring(page.indexOf("data-chart=\""));
        chart = chart.substring(0, chart.indexOf("\"", 12));
        assertThat(chart).contains("&quot;" + today().minusDays(30) + "&quot;,&quot;" + today().minusDays(10) + "&quot;,&quot;" + today()
                + "&quot;").contains("&quot;unit&quot;:&quot;%&quot;").contains("&quot;values&quot;:[100.0,");
        assertThat(page).as("the change over the period in words").contains("必須の達成率: 100% → ").contains("任意の達成率: 100% → ");
        String dashboard = admin().get("/").body();
        assertThat(dashboard).as("90 days on the dashboard include the same days").contains(today().minusDays(30).toString());
    }

    @Test
    void answersThatExpireWithinThirtyDaysAreListed() {
        WebClient w = admin();
        w.get("/criteria/kubota:3");
        Page answered = w.submitMultipart("/criteria/kubota:3/answers", Map.of("status", "met", "comment", "規程あり"), List.of());
        assertThat(answered.status()).as(answered.body()).isEqualTo(303);
        String dashboard = w.get("/").body();
        String expiring = dashboard.substring(dashboard.indexOf("id=\"expiring-answers\""));
        assertThat(expiring).contains("href=\"/criteria/kubota:3\"").contains(LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(20).toString());
    }

    @Test
    void theFrameworkPageListsTheTreeWithVerdictsAndFilters() {
        WebClient w = admin();
        Page meti = w.get("/frameworks/meti-scs");
        assertThat(meti.status()).isEqualTo(200);
        assertThat(meti.body()).contains("<details class=\"crit-group\" open>").contains("href=\"/criteria/meti-scs:4-4-5-1\"")
                .contains("マルウェア対策ソフトウェアを導入すること").contains("verdict-not_met").contains("evidence-manual")
                .contains(">★3</span>").as("the first reason names the failing share").contains("1 台で不適合（対象 2 台）");

        String notMet = w.get("/frameworks/meti-scs?verdict=not_met").body();
        assertThat(notMet).contains("meti-scs:4-4-5-1").doesNotContain("verdict-unanswered\"");
        String manual = criteriaSection(w.get("/frameworks/meti-scs?evidence=manual&verdict=unanswered&level=3").body());
        assertThat(manual).doesNotContain("href=\"/criteria/meti-scs:4-4-5-1\"").contains("verdict-unanswered");
        String search = criteriaSection(w.get("/frameworks/meti-scs?q=%E3%83%9E%E3%83%AB%E3%82%A6%E3%82%A7%E3%82%A2").body());
        assertThat(search).contains("meti-scs:4-4-5-1").doesNotContain("href=\"/criteria/meti-scs:1-1-1-1\"");
        Page badLevel = w.get("/frameworks/meti-scs?level=9");
        assertThat(badLevel.status()).isEqualTo(400);
        assertThat(badLevel.body()).contains("絞り込みの条件を受け付けられませんでした").contains("level");

        String kubota = w.get("/frameworks/kubota?required=true&verdict=open").body();
        kubota = kubota.substring(kubota.indexOf("id=\"criteria-heading\""));
        assertThat(kubota).contains("必須").doesNotContain(">任意</span>");
        String renewal = w.get("/frameworks/jaipa-isp?application=renewal").body();
        assertThat(renewal).as("the renewal question of 1-1-1").contains("貴社ネットワークは、以下の内容が盛り込まれたセキュリティポリシーに則って");
        assertThat(w.get("/frameworks/nothing").status()).isEqualTo(404);
    }

    /** The criteria tree of a framework page (above it: what blocks each result, what changed). */
    static String criteriaSection(String page) {
        return page.substring(page.indexOf("id=\"criteria-heading\""));
    }

    @Test
    void theFrameworkPageSaysWhatBlocksEachLevelAndWhatChangedSinceTheDraft() {
        WebClient w = admin();
        String meti = w.get("/frameworks/meti-scs").body();
        String blockers = meti.substring(meti.indexOf("id=\"blockers-heading\""), meti.indexOf("id=\"criteria-heading\""));
        assertThat(blockers).contains("達成を妨げている基準");
        assertThat(blockers.indexOf(">★3<")).as("★3 first").isLessThan(blockers.indexOf(">★4<")).isPositive();
        assertThat(blockers).contains("href=\"/criteria/meti-scs:4-4-5-1\"").contains("★3 の未達成に加えて");
        assertThat(meti).contains("前の版（2025）から 2026-03-27 で変わったこと")
                .contains("<del>的</del><ins>の</ins>")
                .contains("href=\"/api/v1/frameworks/meti-scs/versions/2025/diff/2026-03-27\"");
        String isp = w.get("/frameworks/jaipa-isp").body();
        assertThat(isp).as("the rule in one line per application type")
                .containsPattern("必須 29 のうち \\d+ 達成、推奨 119 点中 \\d+ 点: (合格|不合格|判定不能)")
                .containsPattern("必須 30 のうち \\d+ 達成、推奨 114 点中 \\d+ 点: (合格|不合格|判定不能)")
                .contains("6-2-1 に統合");
        String draft = w.get("/frameworks/meti-scs?version=2025").body();
        assertThat(draft).as("the draft stays selectable").contains("<option value=\"2025\" selected")
                .doesNotContain("前の版（");
    }

    @Test
    void transcriptionNotesAreForAdminsOnly() {
        String adminPage = admin().get("/criteria/jaipa-isp:2-1-1").body();
        assertThat(adminPage).contains("転記メモ（管理者向け）").contains("列の取り違え")
                .contains("出典:").contains("以前の文言").contains("Level III");
        WebClient auditor = WebClient.loggedIn(c, "cp-auditor", "cp-auditor-password-1");
        String page = auditor.get("/criteria/jaipa-isp:2-1-1").body();
        assertThat(page).doesNotContain("転記メモ").doesNotContain("列の取り違え").doesNotContain("変更対照表の列")
                .contains("出典:").contains("2026-02-16");
        String missing = auditor.get("/criteria/jaipa-isp:7-4-2").body();
        assertThat(missing).contains("抽出元の資料にこの基準の本文がありません。").contains("配点は公表されていません")
                .doesNotContain("審査項目ページに番号がある項目");
        String tree = criteriaSection(auditor.get("/frameworks/jaipa-isp").body());
        assertThat(tree).as("the tree shows no transcription note in place of a missing text")
                .doesNotContain("審査項目ページに番号がある項目").contains("抽出元の資料にこの基準の本文がありません。");
        String kubota = criteriaSection(auditor.get("/frameworks/kubota").body());
        assertThat(kubota).contains("（原文では空欄）").doesNotContain("空欄のまま収め");
    }

    @Test
    void thePastStateIsShownReadOnlyAndTheFutureIsRefused() {
        WebClient w = admin();
        LocalDate yesterday = LocalDate.now(ZoneId.of("Asia/Tokyo")).minusDays(1);
        LocalDate today = yesterday.plusDays(1);
        Page now = w.get("/frameworks/meti-scs?at=" + today);
        assertThat(now.status()).as("today, which the date picker offers, is a valid past-date view").isEqualTo(200);
        assertThat(now.body()).contains(today + " 終了時点の状態").contains("読み取り専用").contains("verdict-not_met\"");
        Page before = w.get("/frameworks/meti-scs?at=" + yesterday);
        assertThat(before.status()).isEqualTo(400);
        assertThat(before.body()).as("before the first data: said so, not every criterion as 判定不能")
                .contains(today + " より前のデータはありません").doesNotContain(yesterday + " 終了時点の状態");
        w.setCookie(WebCookies.LANG, "en");
        assertThat(w.get("/frameworks/meti-scs?at=" + yesterday).body()).contains("no data before " + today);
        w.setCookie(WebCookies.LANG, "ja");
        Page future = w.get("/frameworks/meti-scs?at=2999-01-01");
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.body()).contains("日付 2999-01-01 は今日");
        Page garbage = w.get("/frameworks/meti-scs?at=2026-13-45");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.body()).contains("日付 2026-13-45 を受け付けられませんでした");
    }

    @Test
    void everyCriterionPageHasAFullBreadcrumbAndAHeadingThatSaysWhatItIs() {
        WebClient w = admin();
        Catalog catalog = c.bean(Catalog.class);
        Pattern emptyCrumb = Pattern.compile("<li class=\"breadcrumb-item[^\"]*\"[^>]*>\\s*</li>");
        Pattern heading = Pattern.compile("<h1[^>]*>(.*?)</h1>", Pattern.DOTALL);
        int pages = 0;
        for (var framework : catalog.frameworks()) {
            for (var cr : catalog.latest(framework.id()).orElseThrow().criteria()) {
                String page = w.get("/criteria/" + cr.globalId()).body();
                assertThat(emptyCrumb.matcher(page).find()).as("no empty breadcrumb segment on " + cr.globalId()).isFalse();
                Matcher h = heading.matcher(page);
                assertThat(h.find()).isTrue();
                String text = h.group(1).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip();
                if (cr.headline() != null) {
                    String start = cr.headline().replaceAll("\\s+", " ");
                    assertThat(text).as("the heading of " + cr.globalId() + " says what the criterion is, not only its number")
                            .contains(start.substring(0, Math.min(12, start.length())));
                }
                pages++;
            }
        }
        assertThat(pages).isGreaterThan(300);
        assertThat(catalog.latest("jaipa-isp").orElseThrow().criteria().stream().filter(x -> x.headline() == null && !x.textMissing()))
                .as("every 安全・安心マーク item with a source text has a question to show").isEmpty();
    }

    @Test
    void theCriterionPageShowsTheOriginalTextTheChecksAndTheEquivalents() {
        WebClient w = admin();
        String page = w.get("/criteria/meti-scs:4-4-5-1").body();
        String text = c.bean(Catalog.class).criterion("meti-scs:4-4-5-1").orElseThrow().text();
        assertThat(page).contains(text).contains("ネットワークに接続しているすべてのパソコン");
        assertThat(page).as("per check: coverage and the failing asset with its reason")
                .contains("適合 1").contains("不適合 1").contains("href=\"/assets/" + bareHost + "\"")
                .contains("マルウェア対策ソフトが検出されません").contains("href=\"/checks/av.installed\"");
        assertThat(page).as("equivalent criteria of other frameworks").contains("href=\"/criteria/kubota:136\"")
                .contains("より多くを求める").contains("参考（共有しない）");
        assertThat(page).as("the answer form: only 対象外 for an automatic criterion")
                .contains("enctype=\"multipart/form-data\"").contains("value=\"not_applicable\"").doesNotContain("id=\"status-met\"");

        String graded = w.get("/criteria/jaipa-isp:3-1-7").body();
        assertThat(graded).as("graded options and per-application texts").contains("直線距離 100km 以上").contains("配点は非公表")
                .contains("新規申請").contains("更新申請").contains("name=\"points\"").contains("右肩に「3-1-7」");
        assertThat(w.get("/criteria/kubota:1").body()).as("the review interval").containsPattern("見直しの間隔</dt>\\s*<dd[^>]*>");
        assertThat(w.get("/criteria/nothing:1").status()).isEqualTo(404);
    }

    @Test
    void anAnswerWithEvidenceChangesTheVerdictAndKeepsTheFileUnderItsNumber() {
        WebClient w = admin();
        assertThat(w.get("/criteria/jaipa-isp:1-1-1").body()).contains("verdict-unanswered");
        Page answered = w.submitMultipart("/criteria/jaipa-isp:1-1-1/answers",
                Map.of("status", "met", "comment", "2026年4月改定の規程を提出"),
                List.of(new Upload("evidence", "セキュリティポリシー.pdf", "application/pdf", PDF),
                        new Upload("evidence", "1-1-1_体制図.png", "image/png", png())));
        assertThat(answered.status()).as(answered.body()).isEqualTo(303);
        assertThat(answered.location()).isEqualTo("/criteria/jaipa-isp:1-1-1?done=answered");
        String page = w.get(answered.location()).body();
        assertThat(page).contains("回答を保存しました").contains("verdict-met").contains("2026年4月改定の規程を提出")
                .contains(">1-1-1_セキュリティポリシー.pdf</a>").as("a name that starts with the number is kept")
                .contains(">1-1-1_体制図.png</a>");
        Matcher link = Pattern.compile("href=\"(/answers/([0-9a-f-]{36})/files/([0-9a-f]{64}))\">1-1-1_セキュリティポリシー.pdf<").matcher(page);
        assertThat(link.find()).as("evidence links go to the console's own route").isTrue();
        WebClient.Download download = w.download(link.group(1));
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(PDF);
        assertThat(download.header("Content-Disposition"))
                .isEqualTo("attachment; filename*=UTF-8''" + java.net.URLEncoder.encode("1-1-1_セキュリティポリシー.pdf",
                        java.nio.charset.StandardCharsets.UTF_8));
        assertThat(download.header("Content-Type")).startsWith("application/pdf");
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        long downloads = c.bean(jp.akashi.collector.store.Database.class).read(h -> h.createQuery(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'attachment.download' AND target = :t").bind("t", link.group(3)).mapTo(Long.class).one());
        assertThat(downloads).as("the download is in the audit log").isEqualTo(1);
        assertThat(w.get("/answers/" + link.group(2) + "/files/" + "0".repeat(64)).status()).as("not a file of that answer").isEqualTo(404);
        assertThat(w.get("/answers/00000000-0000-0000-0000-000000000000/files/" + link.group(3)).status()).isEqualTo(404);
        assertThat(new WebClient(c).get(link.group(1)).status()).as("a login is needed").isEqualTo(303);

        String tree = criteriaSection(w.get("/frameworks/jaipa-isp").body());
        int row = tree.indexOf("href=\"/criteria/jaipa-isp:1-1-1\"");
        assertThat(tree.substring(row, tree.indexOf("</li>", row))).contains("verdict-met");
        JsonNode history = c.get("/api/v1/criteria/jaipa-isp:1-1-1/answers", c.adminToken()).json();
        assertThat(history.get(0).get("attachments")).hasSize(2);
    }

    @Test
    void aRefusedFileIsAFormErrorAndNothingIsStored() {
        WebClient w = admin();
        w.get("/criteria/jaipa-isp:1-2-1");
        Page refused = w.submitMultipart("/criteria/jaipa-isp:1-2-1/answers", Map.of("status", "met", "comment", "残る入力"),
                List.of(new Upload("evidence", "ok.pdf", "application/pdf", PDF),
                        new Upload("evidence", "手順書.pdf", "application/pdf", new byte[]{'M', 'Z', 0, 1})));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("証跡ファイルを受け付けられませんでした").contains("not a .pdf file")
                .as("what was typed is kept").contains(">残る入力</textarea>").contains("value=\"met\" checked");
        assertThat(c.get("/api/v1/criteria/jaipa-isp:1-2-1/answers", c.adminToken()).json()).isEmpty();

        Page noStatus = w.submitMultipart("/criteria/jaipa-isp:1-2-1/answers", Map.of("comment", "選び忘れ"), List.of());
        assertThat(noStatus.status()).isEqualTo(400);
        assertThat(noStatus.body()).as("the error is in the page's language, not the API's")
                .contains("回答（満たしている・満たしていない・対象外）を選んでください").doesNotContain("status must be one of")
                .contains(">選び忘れ</textarea>");

        Page graded = w.submitMultipart("/criteria/jaipa-isp:7-1-1/answers", Map.of("status", "met"), List.of());
        assertThat(graded.status()).isEqualTo(400);
        assertThat(graded.body()).contains("回答を保存できませんでした").contains("graded");
        w.get("/criteria/jaipa-isp:7-1-1");
        Page points = w.submitMultipart("/criteria/jaipa-isp:7-1-1/answers", Map.of("status", "met", "points", "4"), List.of());
        assertThat(points.status()).as(points.body()).isEqualTo(303);
        assertThat(w.get("/criteria/jaipa-isp:7-1-1").body()).as("the answer's points in the history").contains(">4点</div>");
    }

    @Test
    void anExceptionIsRecordedChangesTheVerdictAndIsRevoked() {
        WebClient w = admin();
        String form = w.get("/exceptions?check=av.installed&asset=cp-bare").body();
        assertThat(form).contains("<option value=\"av.installed\" selected=\"selected\">").contains(">cp-bare</textarea>");
        Page unknownAsset = w.submit("/exceptions", Map.of("targetType", "check", "check", "av.installed", "assets", "no-such-host",
                "justification", "x", "expires", LocalDate.now().plusDays(30).toString()));
        assertThat(unknownAsset.status()).isEqualTo(400);
        assertThat(unknownAsset.body()).contains("資産「no-such-host」が見つかりません");
        Page badDate = w.submit("/exceptions", Map.of("targetType", "check", "check", "av.installed", "justification", "x", "expires", "来月"));
        assertThat(badDate.body()).contains("2027-03-31 の形の日付");
        // the service's own refusal reads in the page's language, not the API's English
        Page past = w.submit("/exceptions", Map.of("targetType", "check", "check", "av.installed", "justification", "x", "expires", "2000-01-01"));
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.body()).contains("有効期限は今日より後、3年以内の日付にしてください").doesNotContain("must be in the future");

        String until = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(60).toString();
        Page created = w.submit("/exceptions", Map.of("targetType", "check", "check", "av.installed", "assets", "cp-bare",
                "justification", "検証用の隔離端末（ネットワーク未接続）", "expires", until));
        assertThat(created.location()).isEqualTo("/exceptions?state=requested&done=requested");
        String list = w.get(created.location()).body();
        assertThat(list).contains("例外を申請しました").contains("検証用の隔離端末").contains(until)
                .contains(">cp-bare</a>").contains("承認待ち（1）").contains("ご自身の申請です").doesNotContain("/approve\"");
        c.awaitEvaluation();
        assertThat(w.get("/criteria/meti-scs:4-4-5-1").body()).as("a request covers nothing yet").contains("verdict-not_met");
        String id = c.get("/api/v1/exceptions", c.adminToken()).json().get(0).get("id").asText();
        Page own = w.submit("/exceptions/" + id + "/approve", Map.of("note", ""));
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.body()).contains("申請者は自分の例外申請を承認・却下できません");

        Seed.user(c, "pages-approver", "security", "pages-approver-password-1");
        WebClient approver = WebClient.loggedIn(c, "pages-approver", "pages-approver-password-1");
        assertThat(approver.get("/exceptions").body()).as("pending requests come first").contains("action=\"/exceptions/" + id + "/approve\"");
        Page approved = approver.submit("/exceptions/" + id + "/approve", Map.of("note", "情報セキュリティ委員会で承認"));
        assertThat(approved.location()).isEqualTo("/exceptions?state=active&done=approved");
        assertThat(approver.get(approved.location()).body()).contains("例外を承認しました").contains("有効（1）")
                .contains("情報セキュリティ委員会で承認");
        c.awaitEvaluation();
        String criterion = w.get("/criteria/meti-scs:4-4-5-1").body();
        assertThat(criterion).contains("例外 1").contains("verdict-met");
        assertThat(w.get("/assets/" + bareHost).body()).as("the asset page marks the accepted failure").contains(">例外</span>");
        assertThat(w.get("/checks/av.installed?status=FAIL").body()).as("so does the check's page").contains(">例外</span>");

        w.get("/exceptions");
        Page revoked = w.submit("/exceptions/" + id + "/revoke", Map.of());
        assertThat(revoked.location()).isEqualTo("/exceptions?state=revoked&done=revoked");
        assertThat(w.get(revoked.location()).body()).contains("失効（1）").as("the display name of who revoked it").contains("管理者 が");
        c.awaitEvaluation();
        assertThat(w.get("/criteria/meti-scs:4-4-5-1").body()).contains("verdict-not_met");
        assertThat(w.get("/checks/av.installed?status=FAIL").body()).doesNotContain(">例外</span>");
    }

    @Test
    void theAssetPageShowsCheckResultsByFamilyAndTheListCountsFailures() {
        WebClient w = admin();
        String page = w.get("/assets/" + bareHost).body();
        assertThat(page).contains("チェックの結果").contains("<span class=\"family-name\">av</span>")
                .contains("マルウェア対策ソフトが検出されません").contains("href=\"/criteria/meti-scs:4-4-5-1\"")
                .contains("最近の変化");
        String checks = page.substring(page.indexOf("id=\"checks\""), page.indexOf("id=\"changes\""));
        for (String family : checks.split("<details")) {
            List<Integer> ranks = new java.util.ArrayList<>();
            Matcher m = Pattern.compile("check-status status-([A-Z_]+)").matcher(family);
            while (m.find()) {
                ranks.add(List.of("FAIL", "UNKNOWN", "PASS", "NOT_APPLICABLE").indexOf(m.group(1)));
            }
            assertThat(ranks).as("failing first, then unknown, passing, not applicable").isSorted();
        }
        assertThat(checks).contains("check-status status-FAIL").contains("check-status status-UNKNOWN");
        String list = w.get("/assets").body();
        assertThat(list).contains("不適合").contains("href=\"/assets/" + bareHost + "#checks\"");
    }

    @Test
    void theChecksPageListsTheLibraryAndEachChecksResults() {
        WebClient w = admin();
        String library = w.get("/checks").body();
        assertThat(library).contains("href=\"/checks/av.installed\"").contains("href=\"/criteria/meti-scs:4-4-5-1\"")
                .contains("<code class=\"d-block small\">av.installed</code>");
        String results = w.get("/checks/av.installed").body();
        assertThat(results).contains("不適合（1）").contains("適合（1）").contains("cp-bare").contains("cp-protected");
        assertThat(results.indexOf("cp-bare")).as("failing first").isLessThan(results.indexOf("cp-protected"));
        String failing = w.get("/checks/av.installed?status=FAIL").body();
        assertThat(failing).contains("cp-bare").doesNotContain(">cp-protected</a>");
        assertThat(w.get("/checks/no.such.check").status()).isEqualTo(404);
        assertThat(w.get("/checks/av.installed?status=MAYBE").status()).isEqualTo(400);
    }

    @Test
    void theMenuListsTheFrameworks() {
        String page = admin().get("/checks").body();
        assertThat(page).contains("class=\"nav-link dropdown-toggle\"").contains("href=\"/frameworks/meti-scs\"")
                .contains("href=\"/frameworks/kubota\"").contains("href=\"/frameworks/jaipa-isp\"")
                .contains(">例外</a>").contains(">チェック</a>");
        String frameworks = admin().get("/frameworks").body();
        assertThat(frameworks).contains("class=\"card fw-card h-100").contains("安全・安心マーク");
    }

    @Test
    void pagesSwitchToEnglish() {
        WebClient w = admin();
        w.get("/frameworks/kubota");
        w.submit("/lang", Map.of("lang", "en", "next", "/frameworks/kubota"));
        String page = w.get("/frameworks/kubota").body();
        assertThat(page).contains("<html lang=\"en\">").contains("Required").contains("Everything not met").contains("Last 365 days");
        String criterion = w.get("/criteria/meti-scs:4-4-5-1").body();
        assertThat(criterion).contains("Requirement (original text)").contains("Anti-malware is installed")
                .as("the original stays Japanese")
                .contains("マルウェア対策ソフトウェアを導入すること");
        w.get("/");
        w.submit("/lang", Map.of("lang", "ja", "next", "/"));
    }

    /** The smallest valid PNG signature and header, enough for the type check. */
    static byte[] png() {
        return new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    }
}
