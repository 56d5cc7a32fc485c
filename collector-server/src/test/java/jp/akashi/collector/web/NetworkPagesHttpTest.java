package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.store.Database;
import jp.akashi.collector.targets.TargetService;
import jp.akashi.collector.targets.TargetStore;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.collector.web.WebClient.Page;
import jp.akashi.collector.web.WebClient.Upload;

/**
 * The network collection pages against a real collector: credentials of every kind (SSH password,
 * SSH key pasted or uploaded with its passphrase, SNMP v2c and v3) whose secrets never appear in
 * any response, not even after a rejected form; targets registered, changed, run (against a port
 * where nothing listens, so the run fails at once with its message), their host key pin, deleted;
 * markup in names and messages shown as text; CSRF and roles on every form. The scheduler is off so
 * that only the test starts runs.
 */
class NetworkPagesHttpTest {
    static final String PASSWORD = "Pw-never-shown-7391";
    static final String PASSPHRASE = "Key-passphrase-never-shown-5520";
    static final String COMMUNITY = "Community-never-shown-2284";
    static final String AUTH = "Auth-never-shown-6612";
    static final String PRIV = "Priv-never-shown-4470";
    static final List<String> SECRETS = List.of(PASSWORD, PASSPHRASE, COMMUNITY, AUTH, PRIV);

    static TestCollector c;
    static Path keyDir;
    static String keyPem;
    static String keyFingerprint;
    /** Every response body the test received, searched for secrets at the end of each test. */
    static final List<String> seen = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.targets.scheduler-enabled", "false", "akashi.snapshots.schedule", "off"));
        Seed.user(c, "kansa", "auditor", "auditor-password-1");
        Seed.user(c, "sec", "security", "security-password-1");
        keyDir = Files.createTempDirectory("akashi-web-key-");
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", PASSPHRASE, "-C", "akashi-web-test", "-f", keyDir.resolve("id").toString()));
        keyPem = Files.readString(keyDir.resolve("id"));
        keyFingerprint = run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", keyDir.resolve("id.pub").toString())).split("\\s+")[1];
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
        try (var files = Files.walk(keyDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " failed: " + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    static WebClient as(String user) {
        return switch (user) {
            case "admin" -> WebClient.loggedIn(c, "admin", TestCollector.ADMIN_PASSWORD);
            case "kansa" -> WebClient.loggedIn(c, "kansa", "auditor-password-1");
            default -> WebClient.loggedIn(c, "sec", "security-password-1");
        };
    }

    static Page keep(Page p) {
        synchronized (seen) {
            seen.add(p.body());
        }
        return p;
    }

    static void noSecretAnywhere() {
        WebClient w = as("admin");
        for (String path : List.of("/credentials", "/targets", "/audit", "/")) {
            keep(w.get(path));
        }
        seen.add(c.get("/api/v1/credentials", c.adminToken()).body());
        seen.add(c.get("/api/v1/audit-log?limit=500", c.adminToken()).body());
        synchronized (seen) {
            for (String body : seen) {
                for (String s : SECRETS) {
                    assertThat(body).as("a response contains a secret").doesNotContain(s);
                }
                assertThat(body).doesNotContain("PRIVATE KEY-----\n");
            }
        }
    }

    /** Posts the credential form (multipart, with the token of the last page). */
    static Page addCredential(WebClient w, Map<String, String> fields, List<Upload> files) {
        keep(w.get("/credentials"));
        return keep(w.submitMultipart("/credentials", fields, files));
    }

    static String credentialId(String name) {
        for (JsonNode n : c.get("/api/v1/credentials", c.adminToken()).json()) {
            if (n.get("name").asText().equals(name)) {
                return n.get("id").asText();
            }
        }
        throw new IllegalStateException("no credential " + name);
    }

    static Map<String, String> target(String name, String address, String... probesAndMore) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("address", address);
        m.put("intervalMinutes", "60");
        m.put("enabled", "true");
        for (int i = 0; i + 1 < probesAndMore.length; i += 2) {
            m.put(probesAndMore[i], probesAndMore[i + 1]);
        }
        return m;
    }

    /** Posts the target form; repeated probes are sent as one field each, as a browser does. */
    static Page postTarget(WebClient w, String path, Map<String, String> fields, List<String> probes) {
        StringBuilder body = new StringBuilder();
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", w.csrf());
        all.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        probes.forEach(p -> body.append("&probes=").append(enc(p)));
        return keep(w.postBody(path, body.toString(), Map.of()));
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String idFrom(Page created) {
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        Matcher m = Pattern.compile("^/targets/([0-9a-f-]{36})\\?done=created$").matcher(created.location());
        assertThat(m.find()).as(created.location()).isTrue();
        return m.group(1);
    }

    @Test
    void credentialsOfEveryKindAreAddedAndTheirSecretsNeverComeBack() {
        WebClient w = as("admin");
        Page pw = addCredential(w, Map.of("kind", "ssh-password", "name", "web01 password", "username", "akashi", "password", PASSWORD),
                List.of());
        assertThat(pw.status()).as(pw.body()).isEqualTo(303);
        assertThat(pw.location()).isEqualTo("/credentials?done=created");

        // a browser sends a text area's line breaks as CRLF
        Page pasted = addCredential(w, Map.of("kind", "ssh-key", "name", "key pasted", "username", "root", "privateKey",
                keyPem.replace("\n", "\r\n"),
                "passphrase", PASSPHRASE), List.of());
        assertThat(pasted.status()).as(pasted.body()).isEqualTo(303);
        Page uploaded = addCredential(w, Map.of("kind", "ssh-key", "name", "key uploaded", "username", "root", "passphrase", PASSPHRASE),
                List.of(new Upload("privateKeyFile", "id_ed25519", "application/octet-stream", keyPem.getBytes(StandardCharsets.UTF_8))));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(303);

        Page snmp = addCredential(w, Map.of("kind", "snmp", "name", "rtr v3", "community", COMMUNITY, "v3Username", "akashi-v3",
                "authProtocol", "SHA-256", "authPassphrase", AUTH, "privProtocol", "AES-128", "privPassphrase", PRIV), List.of());
        assertThat(snmp.status()).as(snmp.body()).isEqualTo(303);

        String list = keep(w.get("/credentials?done=created")).body();
        assertThat(list).contains("web01 password").contains("SSH パスワード").contains("key uploaded").contains("SSH 秘密鍵")
                .contains(keyFingerprint).contains("秘密鍵はパスフレーズで保護").contains("rtr v3")
                .contains("コミュニティ名: 設定済み").contains("SNMPv3: authPriv（認証 SHA-256、暗号化 AES-128）").contains("設定済み");
        assertThat(list.split(Pattern.quote(keyFingerprint), -1)).as("pasted and uploaded: the same key").hasSize(3);
        // no secret field is ever pre-filled
        assertThat(list).doesNotContainPattern("name=\"(password|passphrase|community|authPassphrase|privPassphrase)\"[^>]*value=");
        noSecretAnywhere();
    }

    @Test
    void aRejectedCredentialKeepsTheNamesButNoSecretAndStoresNothing() {
        WebClient w = as("sec");
        int before = c.get("/api/v1/credentials", c.adminToken()).json().size();
        Page shortPass = addCredential(w, Map.of("kind", "snmp", "name", "<b>rtr</b> bad", "v3Username", "v3-user-kept",
                "authProtocol", "SHA-256", "authPassphrase", "short", "privProtocol", "AES-128", "privPassphrase", PRIV), List.of());
        assertThat(shortPass.status()).isEqualTo(400);
        assertThat(shortPass.body()).contains("追加できませんでした").contains("at least 8 characters")
                .contains("value=\"&lt;b&gt;rtr&lt;/b&gt; bad\"").contains("value=\"v3-user-kept\"")
                .contains("<option value=\"SHA-256\" selected=\"selected\">").doesNotContain(PRIV);

        Page wrongKey = addCredential(w, Map.of("kind", "ssh-key", "name", "bad key", "username", "root", "privateKey", keyPem,
                "passphrase", PASSWORD), List.of());
        assertThat(wrongKey.status()).isEqualTo(400);
        assertThat(wrongKey.body()).contains("秘密鍵を読み取れません").doesNotContain("cannot be read").doesNotContain(PASSWORD).doesNotContain("OPENSSH PRIVATE KEY-----\n");

        Page both = addCredential(w, Map.of("kind", "ssh-key", "name", "both", "username", "root", "privateKey", keyPem), List.of(
                new Upload("privateKeyFile", "id", "application/octet-stream", keyPem.getBytes(StandardCharsets.UTF_8))));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body()).contains("どちらか一方");

        Page mixed = addCredential(w, Map.of("kind", "ssh-password", "name", "mixed", "username", "u", "password", PASSWORD,
                "community", COMMUNITY), List.of());
        assertThat(mixed.status()).as("a secret of another kind is refused, never silently dropped").isEqualTo(400);
        assertThat(mixed.body()).contains("community does not apply");

        assertThat(c.get("/api/v1/credentials", c.adminToken()).json().size()).isEqualTo(before);
        noSecretAnywhere();
    }

    @Test
    void aTargetIsRegisteredRunAndShowsWhyItFailed() {
        WebClient w = as("admin");
        addCredential(w, Map.of("kind", "ssh-password", "name", "nowhere password", "username", "akashi", "password", PASSWORD), List.of());
        String cred = credentialId("nowhere password");
        assertThat(keep(w.get("/targets/new")).body()).contains("nowhere password（SSH パスワード）".replace("（", " (").replace("）", ")"));
        String id = idFrom(postTarget(w, "/targets", target("web-nowhere", "127.0.0.1", "credentialId", cred, "sshPort", "9"),
                List.of("ssh")));
        String page = keep(w.get("/targets/" + id + "?done=created")).body();
        assertThat(page).contains("web-nowhere").contains("127.0.0.1").contains("まだ実行されていません")
                .contains("まだ固定していません").contains("value=\"9\"");

        Page ran = keep(w.submit("/targets/" + id + "/run", Map.of()));
        assertThat(ran.status()).isEqualTo(303);
        assertThat(ran.location()).isEqualTo("/targets/" + id + "?done=ran");
        String after = keep(w.get(ran.location())).body();
        assertThat(after).contains("収集を実行しました").contains("outcome-failed").contains("cannot connect to 127.0.0.1:9")
                .contains("UNREACHABLE").contains("手動");
        String list = keep(w.get("/targets")).body();
        assertThat(list).contains("web-nowhere").contains("失敗").contains("cannot connect to 127.0.0.1:9").contains("60 分ごと");

        // changing one field sends only that change
        w.get("/targets/" + id);
        Map<String, String> edit = target("web-nowhere", "127.0.0.1", "credentialId", cred, "sshPort", "9", "kind", "host");
        edit.put("intervalMinutes", "120");
        Page saved = postTarget(w, "/targets/" + id, edit, List.of("ssh"));
        assertThat(saved.location()).isEqualTo("/targets/" + id + "?done=saved");
        assertThat(c.get("/api/v1/targets/" + id, c.adminToken()).json().get("intervalMinutes").asInt()).isEqualTo(120);
        JsonNode update = null;
        for (JsonNode e : c.get("/api/v1/audit-log?limit=20", c.adminToken()).json().get("entries")) {
            if (update == null && e.get("action").asText().equals("target.update")) {
                update = e;
            }
        }
        assertThat(update.get("details").asText()).contains("\"changed\":[\"intervalMinutes\"]");
        w.get("/targets/" + id);
        edit.put("intervalMinutes", "120");
        assertThat(postTarget(w, "/targets/" + id, edit, List.of("ssh")).location()).isEqualTo("/targets/" + id + "?done=unchanged");

        // a pinned key is shown and can be released
        var t = c.bean(TargetService.class).require(id);
        c.bean(Database.class).write(h -> c.bean(TargetStore.class).pin(h, t, "SHA256:pinnedKeyForTheWebTest", System.currentTimeMillis()));
        String pinned = keep(w.get("/targets/" + id)).body();
        assertThat(pinned).contains("SHA256:pinnedKeyForTheWebTest").contains("固定を解除する");
        Page reset = keep(w.submit("/targets/" + id + "/reset-host-key", Map.of()));
        assertThat(reset.location()).isEqualTo("/targets/" + id + "?done=pinreset");
        assertThat(keep(w.get(reset.location())).body()).doesNotContain("SHA256:pinnedKeyForTheWebTest").contains("ホスト鍵を解除しました");

        // the credential cannot go while the target uses it; the target can
        w.get("/credentials");
        Page inUse = keep(w.submit("/credentials/" + cred + "/delete", Map.of()));
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.body()).contains("削除できません").contains("web-nowhere");
        w.get("/targets/" + id);
        assertThat(w.submit("/targets/" + id + "/delete", Map.of()).location()).isEqualTo("/targets?done=deleted");
        assertThat(keep(w.get("/targets")).body()).doesNotContain("web-nowhere");
        w.get("/credentials");
        assertThat(w.submit("/credentials/" + cred + "/delete", Map.of()).location()).isEqualTo("/credentials?done=deleted");
        noSecretAnywhere();
    }

    @Test
    void badTargetsAreFormErrorsWithWhatWasTypedAndMarkupStaysText() {
        WebClient w = as("sec");
        w.get("/targets/new");
        int before = c.get("/api/v1/targets", c.adminToken()).json().size();
        Page markup = postTarget(w, "/targets", target("<script>alert('t')</script>", "192.0.2.1"), List.of("ports"));
        assertThat(markup.status()).isEqualTo(400);
        assertThat(markup.body()).contains("保存できませんでした").contains("名前は 1〜128 文字").doesNotContain("name is required")
                .contains("value=\"&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;\"").doesNotContain("<script>alert");
        Page notANumber = postTarget(w, "/targets", target("port", "192.0.2.1", "sshPort", "abc"), List.of("ssh"));
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.body()).contains("options.sshPort must be an integer").contains("value=\"abc\"");
        Page both = postTarget(w, "/targets", target("both", "192.0.2.1"), List.of("ssh", "snmp"));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body()).contains("ssh and snmp cannot be combined").contains("value=\"both\"")
                .contains("id=\"probe-ssh\" value=\"ssh\" checked");
        Page range = postTarget(w, "/targets", target("range", "192.0.2.0/16"), List.of("ports"));
        assertThat(range.status()).isEqualTo(400);
        assertThat(c.get("/api/v1/targets", c.adminToken()).json().size()).isEqualTo(before);

        // a message from a probe (a device's banner, an error text) with markup is shown as text
        String id = idFrom(postTarget(w, "/targets", target("dmz ports", "192.0.2.0/30", "ports", "22,443"), List.of("ports", "tls")));
        c.bean(Database.class).write(h -> {
            c.bean(TargetStore.class).finished(h, id, System.currentTimeMillis(), "partial",
                    "192.0.2.1: <img src=x onerror=alert('msg')> refused", null);
            return null;
        });
        for (String path : List.of("/targets", "/targets/" + id)) {
            String body = keep(w.get(path)).body();
            assertThat(body).as(path).doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(&#39;msg&#39;)&gt; refused")
                    .contains("一部失敗");
        }
    }

    @Test
    void aNetworkDeviceFromATargetReadsWellOnTheAssetPages() {
        List<jp.akashi.probes.model.Fact> facts = List.of(
                jp.akashi.collector.testing.Reports.ok("snmp.sys_descr", "Cisco IOS Software, C2960 Software, Version 15.0(2)SE11"),
                jp.akashi.collector.testing.Reports.ok("snmp.sys_name", "edge-sw01"),
                jp.akashi.collector.testing.Reports.ok("snmp.sys_location", "本社 3F <rack 2>"),
                jp.akashi.collector.testing.Reports.ok("net.device.vendor", "Cisco"),
                jp.akashi.collector.testing.Reports.ok("net.device.model", "C2960"),
                jp.akashi.collector.testing.Reports.ok("net.device.firmware_version", "15.0(2)SE11"),
                jp.akashi.collector.testing.Reports.ok("exposure.open_ports", List.of(22L, 443L)),
                jp.akashi.collector.testing.Reports.ok("exposure.scanned_from", "collector"),
                jp.akashi.collector.testing.Reports.ok("tls.protocols_accepted", List.of("TLSv1.2", "TLSv1.3")));
        jp.akashi.probes.model.Report report = new jp.akashi.probes.model.Report(jp.akashi.probes.model.Report.SCHEMA_VERSION,
                java.util.UUID.randomUUID(), null, "test", jp.akashi.probes.model.Report.SOURCE_COLLECTOR,
                new jp.akashi.probes.model.AssetIdentity(jp.akashi.probes.model.AssetIdentity.KIND_NETWORK_DEVICE, "edge-sw01", null, null,
                        "80000009030000c0ffee0001", "192.0.2.254", "network-os"),
                java.time.Instant.now().minusSeconds(2), java.time.Instant.now(), facts);
        String asset = c.bean(jp.akashi.collector.ingest.IngestService.class).ingestCollected(report, 3600).assetId();
        WebClient w = as("kansa");
        String page = keep(w.get("/assets/" + asset)).body();
        assertThat(page).contains("ネットワーク機器").contains("192.0.2.254").contains("コレクターからのリモート収集")
                .contains("メーカー").contains("Cisco").contains("機種").contains("C2960").contains("ファームウェア").contains("15.0(2)SE11")
                .contains("開いているポート").contains("22, 443").contains("受け付ける TLS のバージョン").contains("TLSv1.2, TLSv1.3")
                .contains("本社 3F &lt;rack 2&gt;").doesNotContain("<rack 2>")
                .contains("<span class=\"family-label\">SNMP</span>").contains("<span class=\"family-label\">ネットワーク機器</span>")
                .contains("<span class=\"family-label\">公開ポート</span>").contains("<span class=\"family-label\">TLS と証明書</span>");
        String list = keep(w.get("/assets?kind=network-device")).body();
        assertThat(list).contains("edge-sw01").contains("192.0.2.254").contains("コレクターからのリモート収集").contains("ネットワーク機器OS");
    }

    @Test
    void withoutTheTokenOrAsAnAuditorNothingChanges() {
        WebClient admin = as("admin");
        addCredential(admin, Map.of("kind", "ssh-password", "name", "guarded", "username", "u", "password", PASSWORD), List.of());
        String cred = credentialId("guarded");
        admin.get("/targets/new");
        String id = idFrom(postTarget(admin, "/targets", target("guarded target", "192.0.2.9"), List.of("ports")));
        int credentials = c.get("/api/v1/credentials", c.adminToken()).json().size();
        String targetJson = c.get("/api/v1/targets/" + id, c.adminToken()).body();

        // no token: the url-encoded forms and the multipart one
        assertThat(admin.post("/targets", target("csrf", "192.0.2.8", "probes", "ports")).status()).isEqualTo(403);
        assertThat(admin.post("/targets/" + id, Map.of("name", "renamed", "probes", "ports", "address", "192.0.2.9")).status()).isEqualTo(403);
        assertThat(admin.post("/targets/" + id + "/run", Map.of()).status()).isEqualTo(403);
        assertThat(admin.post("/targets/" + id + "/delete", Map.of()).status()).isEqualTo(403);
        assertThat(admin.post("/targets/" + id + "/reset-host-key", Map.of()).status()).isEqualTo(403);
        assertThat(admin.post("/credentials/" + cred + "/delete", Map.of()).status()).isEqualTo(403);
        assertThat(admin.postMultipart("/credentials", Map.of("kind", "ssh-password", "name", "no token", "username", "u",
                "password", PASSWORD), List.of(), Map.of()).status()).isEqualTo(403);

        WebClient auditor = as("kansa");
        for (String page : List.of("/targets", "/targets/" + id, "/credentials")) {
            String body = keep(auditor.get(page)).body();
            assertThat(body).as(page).doesNotContain("method=\"post\" action=\"/targets").doesNotContain("action=\"/credentials\"")
                    .doesNotContain("/delete\"").doesNotContain("/run\"");
        }
        assertThat(auditor.get("/targets/new").status()).isEqualTo(403);
        auditor.get("/targets");
        Map<String, Page> attempts = new LinkedHashMap<>();
        attempts.put("create", postTarget(auditor, "/targets", target("by auditor", "192.0.2.7"), List.of("ports")));
        attempts.put("update", postTarget(auditor, "/targets/" + id, target("renamed", "192.0.2.9"), List.of("ports")));
        attempts.put("run", auditor.submit("/targets/" + id + "/run", Map.of()));
        attempts.put("reset", auditor.submit("/targets/" + id + "/reset-host-key", Map.of()));
        attempts.put("delete", auditor.submit("/targets/" + id + "/delete", Map.of()));
        attempts.put("credential delete", auditor.submit("/credentials/" + cred + "/delete", Map.of()));
        attempts.put("credential create", auditor.submitMultipart("/credentials", Map.of("kind", "ssh-password", "name", "by auditor",
                "username", "u", "password", PASSWORD), List.of()));
        attempts.forEach((what, p) -> {
            assertThat(p.status()).as("auditor " + what).isEqualTo(403);
            assertThat(p.body()).contains("権限がありません");
        });
        assertThat(c.get("/api/v1/credentials", c.adminToken()).json().size()).isEqualTo(credentials);
        assertThat(c.get("/api/v1/targets/" + id, c.adminToken()).body()).isEqualTo(targetJson);
        noSecretAnywhere();
    }
}
