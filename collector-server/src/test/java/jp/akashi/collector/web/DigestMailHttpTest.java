package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.config.DisplayZone;
import jp.akashi.collector.digest.DigestMailer;
import jp.akashi.collector.evaluate.ChannelSettings;
import jp.akashi.collector.evaluate.DeliveryHistory;
import jp.akashi.collector.evaluate.DeliveryLog;
import jp.akashi.collector.testing.MailServer;
import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;

/**
 * The daily digest end to end: a real SMTPS server with a login (GreenMail), the real collector
 * with real data (a check that starts failing through a real report, a task due, an exception
 * expiring in 7 days, an asset that stops reporting), people who set their mail up on their
 * account page. A digest in Japanese for a ja user and in English for an en user, each with the
 * sections they chose; once per day also across a restart; the 7-day reminder once; an empty
 * digest not sent; a person who turned it off gets nothing; a refused login in the delivery history
 * and tried again. Times move by calling the mailer with an instant instead of sleeping. Also
 * the chat channels' event filter against local HTTP receivers.
 */
class DigestMailHttpTest {
    static final ZoneId TOKYO = ZoneId.of(DisplayZone.DEFAULT);
    static final long HOUR = 3_600_000L;
    static final String ADMIN_MAIL = "admin-box@example.test";
    static final String EN_MAIL = "sec-en@example.test";
    static final String AUDITOR_MAIL = "aud@example.test";

    static MailServer smtp;
    static HttpServer receiver;
    static final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    static String urlA;
    static String urlB;
    static TestCollector c;
    static Map<String, Object> props;
    static long now;
    static long t2;
    static String assetId;

    @BeforeAll
    static void start() throws Exception {
        smtp = new MailServer(true);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (String p : List.of("/a/SECRET-A", "/b/SECRET-B", "/c/SECRET-C")) {
            receiver.createContext(p, ex -> {
                ex.getRequestBody().readAllBytes();
                hits.computeIfAbsent(p, k -> new AtomicInteger()).incrementAndGet();
                ex.sendResponseHeaders(200, -1);
                ex.close();
            });
        }
        receiver.start();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        urlA = base + "/a/SECRET-A";
        urlB = base + "/b/SECRET-B";

        now = System.currentTimeMillis();
        t2 = now + 2 * HOUR;
        // the digest is due from an hour from now, and never before 00:02 of t2's day in Tokyo: a minute
        // before it is then still that day (a time of 00:00 made "a minute before" the previous day, whose
        // digest was due too — the test failed whenever it ran between 22:00 and 24:00 in Tokyo)
        long t2Day = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(t2), TOKYO).atStartOfDay(TOKYO).toInstant().toEpochMilli();
        long due = Math.max(now + HOUR, t2Day + 2 * 60_000L);
        if (due > t2 - 60_000L) {
            t2 = due + 60_000L;
        }
        String time = DateTimeFormatter.ofPattern("HH:mm").withZone(TOKYO).format(java.time.Instant.ofEpochMilli(due));

        props = new LinkedHashMap<>(smtp.properties());
        props.put("akashi.digest.time", time);
        props.put("akashi.digest.check-every", "PT6H"); // the test drives the mailer itself
        props.put("akashi.public-url", "https://akashi.example/");
        props.put("akashi.assets.stale-after", "PT1H");
        props.put("akashi.notify.webhooks", List.of(urlA, urlB));
        c = new TestCollector(Map.of(), props);

        Seed.user(c, "sec-en", "security", "sec-en-password-1");
        Seed.user(c, "aud-off", "auditor", "aud-off-password-1");
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
        smtp.close();
        receiver.stop(0);
    }

    /** Posts a form with repeated fields (checkboxes). */
    static WebClient.Page post(WebClient w, String path, List<String[]> fields) {
        String body = fields.stream().map(f -> enc(f[0]) + "=" + enc(f[1])).collect(Collectors.joining("&")) + "&_csrf=" + enc(w.csrf());
        return w.postBody(path, body, Map.of());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void digestsInEachPersonsLanguageOncePerDayWithRemindersOnceAndRefusalsInTheHistory() throws Exception {
        WebClient admin = WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);

        // chat: receiver A only gets "unknown" degradations; a bad event is refused and changes nothing
        String keyA = ChannelSettings.key(DeliveryLog.Channel.WEBHOOK, urlA);
        String page = admin.get("/notifications").body();
        assertThat(page).contains("value=\"" + keyA + "\"").doesNotContain("SECRET");
        WebClient.Page bad = post(admin, "/notifications/channels", List.of(new String[]{"channel", keyA}, new String[]{"event", "everything"}));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("不明なイベント everything");
        assertThat(c.bean(ChannelSettings.class).all()).isEmpty();
        WebClient.Page saved = post(admin, "/notifications/channels", List.of(new String[]{"channel", keyA},
                new String[]{"event", ChannelSettings.UNKNOWN}));
        assertThat(saved.location()).isEqualTo("/notifications?done=saved");
        assertThat(admin.get("/notifications?done=saved").body()).contains("送信先の設定を保存しました");

        // a Slack receiver added on the page: its URL stored encrypted under the key file (0600), never shown back
        String urlC = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/c/SECRET-C";
        WebClient.Page notUrl = admin.submit("/notifications/receivers", Map.of("channel", "slack", "url", "ftp://x/SECRET-Z"));
        assertThat(notUrl.status()).isEqualTo(400);
        assertThat(notUrl.body()).contains("URL は https://… か http://… でホスト名を含めてください").doesNotContain("SECRET-Z");
        admin.get("/notifications");
        assertThat(admin.submit("/notifications/receivers", Map.of("channel", "slack", "url", urlC)).location())
                .isEqualTo("/notifications?done=added");
        String withC = admin.get("/notifications?done=added").body();
        assertThat(withC).contains("送信先を追加しました").contains("この画面で追加").doesNotContain("SECRET-C");
        List<String> rowsC = c.bean(jp.akashi.collector.store.Database.class).read(h -> h.createQuery(
                "SELECT channel || ' ' || host || ' ' || url_sealed FROM chat_receivers").mapTo(String.class).list());
        assertThat(rowsC).hasSize(1);
        assertThat(rowsC.get(0)).startsWith("slack 127.0.0.1:").doesNotContain("SECRET-C").doesNotContain("/c/");
        Path keyFile = c.dataDir().resolve("secrets").resolve("credentials.key");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");

        // mail settings on each person's account page; the en user chose English for the console
        admin.get("/account/mail");
        WebClient.Page badMail = post(admin, "/account/mail", List.of(new String[]{"email", "no address"}, new String[]{"digest", "on"}));
        assertThat(badMail.status()).isEqualTo(400);
        assertThat(badMail.body()).contains("メールアドレスの形式ではありません");
        admin.get("/account/mail");
        assertThat(post(admin, "/account/mail", sections(ADMIN_MAIL, true, "changes", "tasks", "expiring", "agents", "failures")).location())
                .isEqualTo("/account/mail?done=saved");
        WebClient en = WebClient.loggedIn(c, "sec-en", "sec-en-password-1");
        en.get("/");
        en.submit("/lang", Map.of("lang", "en", "next", "/"));
        en.get("/account/mail");
        post(en, "/account/mail", sections(EN_MAIL, true, "changes", "tasks", "expiring", "agents"));
        assertThat(en.get("/account/mail").body()).contains("value=\"" + EN_MAIL + "\"").contains("Mail settings");
        WebClient aud = WebClient.loggedIn(c, "aud-off", "aud-off-password-1");
        aud.get("/account/mail");
        post(aud, "/account/mail", sections(AUDITOR_MAIL, false, "changes"));

        // real data: an asset whose check starts failing (a degradation for the chat channels too)
        String[] agent = c.enrollAgent();
        TestCollector.Response first = c.postJson("/api/v1/reports", agent[1],
                Reports.host(agent[0], "dg-host", "mid-dg-host", Reports.linuxPolicyFacts("dg-host", true)));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assetId = first.json().get("assetId").asText();
        c.awaitEvaluation();
        TestCollector.Response second = c.postJson("/api/v1/reports", agent[1],
                Reports.host(agent[0], "dg-host", "mid-dg-host", Reports.linuxPolicyFacts("dg-host", false)));
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        c.awaitEvaluation();
        LocalDate digestDay = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(t2), TOKYO);
        TestCollector.Response ex = c.approvedException(c.adminToken(), Map.of("targetType", "check", "targetId", "av.realtime",
                "assetIds", List.of(assetId), "justification", "更新待ち", "expiresAt", digestDay.plusDays(7).toString()));
        assertThat(ex.status()).as(ex.body()).isEqualTo(201);
        String due = LocalDate.now(TOKYO).plusDays(3).toString();
        admin.get("/tasks");
        WebClient.Page task = admin.submit("/tasks", Map.of("targetType", "check", "targetId", "av.installed", "assetId", assetId,
                "owner", "sec-en", "due", due, "note", ""));
        assertThat(task.status()).as(task.body()).isEqualTo(303);

        // a stored snapshot that no longer verifies (its file overwritten): a failure for the digest
        TestCollector.Response snap = c.postJson("/api/v1/snapshots", c.adminToken(), Map.of("note", "digest test"));
        assertThat(snap.status()).as(snap.body()).isIn(200, 201, 202);
        String snapId = snap.json().get("id").asText();
        Path snapFile = c.bean(jp.akashi.collector.snapshot.SnapshotFiles.class).path(snapId);
        snapFile.toFile().setWritable(true);
        Files.write(snapFile, "not a snapshot any more".getBytes(StandardCharsets.UTF_8));
        assertThat(c.get("/api/v1/snapshots/" + snapId + "?verify=true", c.adminToken()).status()).isEqualTo(409);

        // a scheduled snapshot that cannot be written (its directory replaced by a file): a failure too, in the audit log
        Path snapDir = c.bean(jp.akashi.collector.snapshot.SnapshotFiles.class).dir();
        Path aside = snapDir.resolveSibling("snapshots-aside");
        Files.move(snapDir, aside);
        Files.writeString(snapDir, "not a directory");
        jp.akashi.collector.snapshot.SnapshotService snapshots = c.bean(jp.akashi.collector.snapshot.SnapshotService.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> snapshots.createSnapshot("system:schedule",
                jp.akashi.collector.snapshot.SnapshotService.SCHEDULED, "定期スナップショット")).isInstanceOf(RuntimeException.class);
        Files.delete(snapDir);
        Files.move(aside, snapDir);
        assertThat(c.get("/api/v1/audit-log?limit=50", c.adminToken()).body()).contains("snapshot.failed").contains("scheduled");

        // the degradation went to B, not to A (which only takes "unknown")
        DeliveryHistory history = c.bean(DeliveryHistory.class);
        long deadline = System.currentTimeMillis() + 15_000;
        while (history.recent(50).stream().noneMatch(d -> d.event().equals("criterion.degraded")) && System.currentTimeMillis() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertThat(hits.get("/b/SECRET-B")).as("B got the degradation").isNotNull();
        assertThat(hits.get("/a/SECRET-A")).as("A is filtered").isNull();
        deadline = System.currentTimeMillis() + 15_000;
        while (hits.get("/c/SECRET-C") == null && System.currentTimeMillis() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertThat(hits.get("/c/SECRET-C")).as("the stored receiver got it, decrypted").isNotNull();
        String storedId = c.bean(jp.akashi.collector.targets.ChatReceivers.class).list().get(0).id();
        admin.get("/notifications");
        assertThat(admin.submit("/notifications/receivers/" + storedId + "/delete", Map.of()).location()).isEqualTo("/notifications?done=removed");
        assertThat(c.bean(jp.akashi.collector.targets.ChatReceivers.class).list()).isEmpty();
        String audit = admin.get("/audit?action=notify.receiver").body();
        assertThat(audit).contains("notify.receiver.add").contains("notify.receiver.remove").doesNotContain("SECRET-C");

        // before the day's time: nothing; after it: one digest for each person whose digest is on
        DigestMailer mailer = c.bean(DigestMailer.class);
        DisplayZone zone = c.bean(DisplayZone.class);
        long dueAt = zone.startOf(digestDay) + java.time.LocalTime.parse(String.valueOf(props.get("akashi.digest.time"))).toSecondOfDay() * 1000L;
        assertThat(mailer.runAt(dueAt - 60_000).sent()).isZero();
        assertThat(smtp.received()).isEmpty();
        DigestMailer.Run run = mailer.runAt(t2);
        assertThat(run.sent()).as(run.toString()).isEqualTo(2);
        assertThat(mailer.runAt(t2 + 60_000).sent()).as("once per day").isZero();

        MailServer.Received ja = smtp.receivedBy(ADMIN_MAIL).get(0);
        assertThat(ja.subject()).isEqualTo("Akashi 日次ダイジェスト " + digestDay);
        assertThat(ja.text()).contains("■ 前回のダイジェストからの変更")
                .contains("不適合になったチェック: av.installed（dg-host）")
                .contains("https://akashi.example/assets/" + assetId + "#check-av.installed")
                .contains("例外 av.realtime の期限まであと 7 日（" + digestDay.plusDays(7) + "）")
                .contains("■ 報告が止まった資産（1 件）").contains("dg-host から報告がありません")
                .contains("■ 失敗した評価・スナップショット（2 件）").contains("スナップショット " + snapId + " の検証に失敗しました")
                .contains("定期スナップショットの作成に失敗しました")
                .contains("https://akashi.example/snapshots/" + snapId)
                .contains("■ 期日が近い・過ぎたタスク（0 件）");
        assertThat(ja.html()).contains("<a href=\"https://akashi.example/assets/" + assetId + "#check-av.installed\">")
                .contains("lang=\"ja\"").contains("https://akashi.example/account/mail");

        MailServer.Received english = smtp.receivedBy(EN_MAIL).get(0);
        assertThat(english.subject()).isEqualTo("Akashi daily digest " + digestDay);
        assertThat(english.text()).contains("Newly failing: av.installed on dg-host")
                .contains("Due " + due + ": av.installed on dg-host")
                .contains("Exception for av.realtime expires in 7 day(s)")
                .contains("dg-host stopped reporting")
                .as("the section the person left out").doesNotContain("Failed evaluations");
        assertThat(english.html()).contains("lang=\"en\"").doesNotContain("日次ダイジェスト");
        assertThat(smtp.receivedBy(AUDITOR_MAIL)).as("turned off").isEmpty();

        // a restart on the same database sends nothing again that day
        c.restartWith(props);
        mailer = c.bean(DigestMailer.class);
        assertThat(mailer.runAt(t2 + 2 * 60_000).sent()).isZero();
        assertThat(smtp.received()).hasSize(2);

        // the next day: the task is still due, the 7-day reminder is not repeated; the admin's digest is empty, so not sent
        long t3 = t2 + 24 * HOUR;
        DigestMailer.Run next = mailer.runAt(t3);
        assertThat(next.sent()).as(next.toString()).isEqualTo(1);
        assertThat(next.empty()).isEqualTo(1);
        List<MailServer.Received> enMails = smtp.receivedBy(EN_MAIL);
        assertThat(enMails).hasSize(2);
        assertThat(enMails.get(1).text()).contains("Due " + due).doesNotContain("expires in").doesNotContain("Newly failing")
                .doesNotContain("dg-host stopped reporting");
        assertThat(smtp.receivedBy(ADMIN_MAIL)).hasSize(1);
        assertThat(admin.get("/account/mail").body()).contains("伝えることがなく送らず").contains("送信済み");

        // the server refuses the login: the history says so (masked address, no secret), and it is tried again later
        smtp.password("another-password-9");
        long t4 = t2 + 48 * HOUR;
        DigestMailer.Run refused = mailer.runAt(t4);
        assertThat(refused.failed()).as(refused.toString()).isEqualTo(1);
        String notifications = admin.get("/notifications").body();
        String rows = notifications.substring(notifications.indexOf("id=\"delivery-log\""));
        assertThat(rows).contains("se***@example.test").contains("refused the login").contains("失敗").contains("メール")
                .doesNotContain(EN_MAIL).doesNotContain(MailServer.PASSWORD).doesNotContain("SECRET");
        assertThat(rows).contains("127.0.0.1:" + receiver.getAddress().getPort());
        TestCollector.Response health = c.get("/health", null);
        assertThat(health.status()).as("mail trouble does not make the collector unhealthy").isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("the SMTP server refused the login")
                .doesNotContain("127.0.0.1").doesNotContain(MailServer.PASSWORD);
        smtp.password(MailServer.PASSWORD);
        assertThat(mailer.runAt(t4 + 5 * 60_000).sent()).as("not before akashi.digest.retry-after").isZero();
        assertThat(mailer.runAt(t4 + 11 * 60_000).sent()).isEqualTo(1);
        assertThat(smtp.receivedBy(EN_MAIL)).hasSize(3);
        assertThat(c.get("/health", null).body()).doesNotContain("warnings");
        assertThat(c.bean(DeliveryHistory.class).recent(50)).anySatisfy(d -> {
            assertThat(d.channel()).isEqualTo("mail");
            assertThat(d.delivered()).isTrue();
            assertThat(d.attempts()).isEqualTo(2);
        });

        // the history goes with akashi.retention.deliveries (a year): a pass 400 days on leaves none of it
        c.bean(jp.akashi.collector.retention.RetentionPruner.class).prune(t4 + 400L * 24 * HOUR);
        assertThat(c.bean(DeliveryHistory.class).recent(50)).isEmpty();
        int runsLeft = c.bean(jp.akashi.collector.store.Database.class).read(h -> h.createQuery("SELECT COUNT(*) FROM digest_runs")
                .mapTo(Integer.class).one());
        assertThat(runsLeft).isZero();

        // admins only
        String auditor = c.userToken("digest-auditor", "auditor");
        assertThat(c.get("/notifications", auditor).status()).isEqualTo(403);
    }

    static List<String[]> sections(String email, boolean on, String... sections) {
        List<String[]> out = new java.util.ArrayList<>();
        out.add(new String[]{"email", email});
        if (on) {
            out.add(new String[]{"digest", "on"});
        }
        for (String s : sections) {
            out.add(new String[]{"section", s});
        }
        return out;
    }
}
