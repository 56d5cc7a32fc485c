package jp.akashi.collector.evaluate;

import static jp.akashi.collector.evaluate.EvalFixtures.facts;
import static jp.akashi.collector.evaluate.EvalFixtures.host;
import static jp.akashi.collector.evaluate.EvalFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Facts in → check verdicts out, on the shipped check library. */
class AssetEvaluatorTest {

    @ParameterizedTest(name = "min {0}, lockout {1}, classes {2} -> {3}")
    @CsvSource(nullValues = "-", textBlock = """
            6,  5, 4, FAIL
            8,  5, -, PASS
            8,  0, 1, FAIL
            8, 11, 4, FAIL
            10, 0, 3, PASS
            10, 0, 2, FAIL
            12, -, 3, PASS
            8,  -, 1, UNKNOWN
            -,  5, 4, UNKNOWN
            """)
    void passwordRuleOfMeti4153(Integer min, Integer lockout, Integer classes, CheckStatus expected) {
        EvalFixtures.Facts f = facts();
        if (min != null) {
            f.ok("auth.password.min_length", min);
        } else {
            f.error("auth.password.min_length", "permission denied reading /etc/security/pwquality.conf");
        }
        if (lockout != null) {
            f.ok("auth.lockout.threshold", lockout);
        }
        if (classes != null) {
            f.ok("auth.password.complexity_classes", classes);
        }
        CheckResult r = run("auth.password_strength", host(f.build()));
        assertThat(r.status()).isEqualTo(expected);
        if (expected == CheckStatus.FAIL) {
            assertThat(r.reason().ja()).contains("パスワード最小文字数 " + min);
        }
        if (min == null) {
            // one language per reason: the status word in Japanese there, the probe's own sentence kept
            assertThat(r.reason().ja()).contains("auth.password.min_length: 取得エラー（permission denied");
            assertThat(r.reason().en()).contains("auth.password.min_length: error (permission denied");
        }
    }

    @Test
    void failureMessagesQuoteTheActualValues() {
        CheckResult r = run("auth.password_min_6", host(facts().ok("auth.password.min_length", 5).build()));
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.reason().ja()).isEqualTo("パスワード最小文字数 5 < 6");
        assertThat(r.reason().en()).isEqualTo("minimum password length 5 < 6");
        assertThat(r.facts()).containsEntry("auth.password.min_length", Map.of("status", "ok", "value", 5L));
    }

    @Test
    void missingErroredAndStaleDataAreUnknownNeverPass() {
        assertThat(run("av.installed", host(facts().build())).status()).isEqualTo(CheckStatus.UNKNOWN);
        CheckResult err = run("av.installed", host(facts().error("av.installed", "dpkg database locked").build()));
        assertThat(err.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(err.reason().ja()).contains("dpkg database locked");
        AssetSnapshot stale = new AssetSnapshot("a1", "web01", "host", "linux", List.of(), true,
                EvalFixtures.NOW.minusSeconds(86400 * 3).toEpochMilli(), "r1", facts().ok("av.installed", true).build());
        CheckResult s = new AssetEvaluator(EvalFixtures.LIBRARY).evaluate(stale).stream()
                .filter(x -> x.checkId().equals("av.installed")).findFirst().orElseThrow();
        assertThat(s.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(s.reason().ja()).contains("データが古い");
    }

    @Test
    void aStaleReasonGivesTheLastReportInTheDisplayZone() {
        long last = java.time.Instant.parse("2026-11-17T12:00:00Z").toEpochMilli();
        AssetSnapshot stale = new AssetSnapshot("a1", "web01", "host", "linux", List.of(), true, last, "r1",
                facts().ok("av.installed", true).build());
        CheckResult utc = new AssetEvaluator(EvalFixtures.LIBRARY, new jp.akashi.collector.config.DisplayZone("UTC")).evaluate(stale)
                .stream().filter(x -> x.checkId().equals("av.installed")).findFirst().orElseThrow();
        assertThat(utc.reason().ja()).contains("最終報告 2026-11-17 12:00");
        assertThat(utc.reason().en()).contains("last report 2026-11-17 12:00 UTC");
        CheckResult jst = new AssetEvaluator(EvalFixtures.LIBRARY).evaluate(stale)
                .stream().filter(x -> x.checkId().equals("av.installed")).findFirst().orElseThrow();
        assertThat(jst.reason().en()).contains("last report 2026-11-17 21:00 JST");
    }

    @Test
    void rolesAndKindsDecideApplicability() {
        CheckResult server = run("disk.system_encrypted", host(facts().ok("disk.system_encrypted", false).build(), "server"));
        assertThat(server.status()).isEqualTo(CheckStatus.NOT_APPLICABLE);
        CheckResult pc = run("disk.system_encrypted", host(facts().ok("disk.system_encrypted", false).build(), "pc"));
        assertThat(pc.status()).isEqualTo(CheckStatus.FAIL);
        AssetSnapshot router = new AssetSnapshot("n1", "rtx", "network-device", "network-os", List.of(), false,
                EvalFixtures.NOW.toEpochMilli(), "r", facts().build());
        // every check for hosts only is not applicable to a router (network checks do apply)
        assertThat(new AssetEvaluator(EvalFixtures.LIBRARY).evaluate(router))
                .filteredOn(r -> EvalFixtures.LIBRARY.check(r.checkId()).orElseThrow().applies().kinds().equals(java.util.Set.of("host")))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(CheckStatus.NOT_APPLICABLE));
        CheckResult guestOnLinux = run("account.guest_disabled", host(facts().build()));
        assertThat(guestOnLinux.status()).isEqualTo(CheckStatus.NOT_APPLICABLE);
        assertThat(guestOnLinux.reason().ja()).isEqualTo("対象外（OS: linux）");
        // a port scan does not tell the OS: the reason says so rather than "null"
        AssetSnapshot scanned = new AssetSnapshot("s1", "192.0.2.10", "host", null, List.of(), false,
                EvalFixtures.NOW.toEpochMilli(), "r", facts().build());
        CheckResult guestUnknownOs = run("account.guest_disabled", scanned);
        assertThat(guestUnknownOs.status()).isEqualTo(CheckStatus.NOT_APPLICABLE);
        assertThat(guestUnknownOs.reason().ja()).isEqualTo("対象外（OS 不明）");
        assertThat(guestUnknownOs.reason().en()).isEqualTo("not applicable: the OS is unknown");
    }

    @Test
    void legacyServicesAreNamedInTheReason() {
        List<Object> listening = List.of(
                Map.of("proto", "tcp", "address", "0.0.0.0", "port", 23L, "process", "inetd"),
                Map.of("proto", "tcp", "address", "127.0.0.1", "port", 21L),
                Map.of("proto", "tcp", "address", "0.0.0.0", "port", 22L, "process", "sshd"));
        CheckResult r = run("net.no_legacy_services", host(facts().ok("net.listening", listening).build()));
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.reason().ja()).isEqualTo("不要・旧式のサービスが待ち受けています: tcp/23 inetd");
        List<Object> clean = List.of(Map.of("proto", "tcp", "address", "::1", "port", 445L),
                Map.of("proto", "tcp", "address", "0.0.0.0", "port", 443L));
        assertThat(run("net.no_legacy_services", host(facts().ok("net.listening", clean).build())).status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void aMissingProductIsNamedAsTheReasonNotAnEmptyValue() {
        CheckResult realtime = run("av.realtime", host(facts().ok("av.installed", false).ok("av.products", List.of()).build()));
        assertThat(realtime.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(realtime.reason().ja()).isEqualTo("マルウェア対策ソフトが検出されないため満たせません");
        CheckResult scan = run("av.recent_scan", host(facts().ok("av.installed", false).build()));
        assertThat(scan.reason().en()).isEqualTo("no anti-malware product was found");
        CheckResult fw = run("firewall.host_enabled", host(facts().ok("firewall.product", "none").ok("firewall.enabled", false).build()));
        assertThat(fw.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(fw.reason().ja()).isEqualTo("ホストファイアウォールが導入されていません");
        assertThat(run("firewall.host_enabled", host(facts().ok("firewall.product", "ufw").ok("firewall.enabled", true).build())).reason().ja())
                .isEqualTo("ufw が有効");
        CheckResult inbound = run("firewall.inbound_default_deny", host(facts().ok("firewall.enabled", false).build()));
        assertThat(inbound.reason().ja()).isEqualTo("ホストファイアウォールが無効なため、受信通信は既定で許可されています");
    }

    @Test
    void securityUpdatesWithinFourteenDays() {
        // nothing pending on fresh lists
        assertThat(patch(facts().ok("patch.lists_age_days", 1).ok("patch.pending_security_count", 0))).isEqualTo(CheckStatus.PASS);
        // stale package lists: the host cannot know what is pending, and the reason says so (not "0 pending")
        assertThat(patch(facts().ok("patch.lists_age_days", 30).ok("patch.pending_security_count", 0))).isEqualTo(CheckStatus.FAIL);
        assertThat(run("patch.security_within_14_days", host(facts().ok("patch.lists_age_days", 30).ok("patch.pending_security_count", 0).build()))
                .reason().ja()).isEqualTo("更新情報（パッケージリスト）が 30 日間更新されておらず、未適用のセキュリティ更新を把握できません");
        // release dates known (dnf, Windows Update)
        assertThat(patch(facts().ok("patch.lists_age_days", 0).ok("patch.pending_security_count", 2).ok("patch.pending_security_oldest_days", 20)))
                .isEqualTo(CheckStatus.FAIL);
        assertThat(patch(facts().ok("patch.lists_age_days", 0).ok("patch.pending_security_count", 2).ok("patch.pending_security_oldest_days", 3)))
                .isEqualTo(CheckStatus.PASS);
        // apt: no release dates; the collector's observation decides only once it has watched long enough
        EvalFixtures.Facts apt = facts().ok("patch.lists_age_days", 0).ok("patch.pending_security_count", 1)
                .unsupported("patch.pending_security_oldest_days", "apt gives no release dates");
        assertThat(patch(apt.ok("patch.pending_security_observed_days", 16).ok("asset.monitored_days", 30))).isEqualTo(CheckStatus.FAIL);
        assertThat(patch(apt.ok("patch.pending_security_observed_days", 3).ok("asset.monitored_days", 30))).isEqualTo(CheckStatus.PASS);
        assertThat(patch(apt.ok("patch.pending_security_observed_days", 3).ok("asset.monitored_days", 5))).isEqualTo(CheckStatus.UNKNOWN);
    }

    private static CheckStatus patch(EvalFixtures.Facts f) {
        return run("patch.security_within_14_days", host(f.build())).status();
    }

    @Test
    void logRetentionAcceptsConfigurationOrTheLogsActuallyPresent() {
        assertThat(run("log.auth_retention_6_months", host(facts().ok("log.auth.retention_days", 200).ok("log.auth.oldest_age_days", 20).build())).status())
                .isEqualTo(CheckStatus.PASS);
        CheckResult fail = run("log.auth_retention_6_months", host(facts().ok("log.auth.retention_days", 28).ok("log.auth.oldest_age_days", 20).build()));
        assertThat(fail.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(fail.reason().ja()).contains("28 日");
        assertThat(run("log.auth_retention_1_year", host(facts().ok("log.auth.retention_days", 400).build())).status())
                .as("1-year retention applies to systems holding personal data only").isEqualTo(CheckStatus.NOT_APPLICABLE);
        assertThat(run("log.auth_retention_1_year", host(facts().ok("log.auth.retention_days", 400).build(), "confidential")).status())
                .isEqualTo(CheckStatus.PASS);
    }

    @Test
    void sshRootLoginIsPassWhenThereIsNoSshServer() {
        assertThat(run("ssh.no_root_login", host(facts().ok("account.ssh.server_installed", false)
                .unsupported("account.ssh.permit_root_login", "OpenSSH server is not installed").build())).status()).isEqualTo(CheckStatus.PASS);
        assertThat(run("ssh.no_root_login", host(facts().ok("account.ssh.server_installed", true)
                .ok("account.ssh.permit_root_login", "prohibit-password").build())).status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void endOfLifeFromTheTable() {
        var f = facts().ok("os.family", "linux").ok("os.distribution", "ubuntu").ok("os.version", "20.04").build();
        f.putAll(DerivedFacts.compute(f, EvalFixtures.EOL, EvalFixtures.NOW.toEpochMilli(), Map.of(), EvalFixtures.NOW));
        CheckResult r = run("os.supported", host(f));
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.reason().ja()).contains("Ubuntu 20.04 LTS の無償サポートは 2025-05-31 に終了");

        var rocky = facts().ok("os.family", "linux").ok("os.distribution", "rocky").ok("os.version", "9.4").build();
        rocky.putAll(DerivedFacts.compute(rocky, EvalFixtures.EOL, EvalFixtures.NOW.toEpochMilli(), Map.of(), EvalFixtures.NOW));
        assertThat(run("os.supported", host(rocky)).status()).isEqualTo(CheckStatus.PASS);

        var unknownOs = facts().ok("os.family", "linux").ok("os.distribution", "gentoo").ok("os.version", "2.17").build();
        unknownOs.putAll(DerivedFacts.compute(unknownOs, EvalFixtures.EOL, EvalFixtures.NOW.toEpochMilli(), Map.of(), EvalFixtures.NOW));
        CheckResult u = run("os.supported", host(unknownOs));
        assertThat(u.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(u.reason().ja()).contains("サポート終了の一覧（2026-11-01 時点）にありません: linux gentoo 2.17").doesNotContain("end-of-life");
        assertThat(u.reason().en()).contains("not in the end-of-life table");

        var win = facts().ok("os.family", "windows").ok("os.windows.build", 26100).ok("os.windows.edition", "Professional")
                .ok("os.windows.product_type", "workstation").build();
        win.putAll(DerivedFacts.compute(win, EvalFixtures.EOL, EvalFixtures.NOW.toEpochMilli(), Map.of(), EvalFixtures.NOW));
        assertThat(win.get("eol.os.product").value()).isEqualTo("Windows 11 24H2");
        assertThat(run("os.supported", host(win)).status()).as("24H2 Home/Pro ended 2026-10-13").isEqualTo(CheckStatus.FAIL);
        var server = facts().ok("os.family", "windows").ok("os.windows.build", 26100).ok("os.windows.edition", "ServerStandard")
                .ok("os.windows.product_type", "server").build();
        server.putAll(DerivedFacts.compute(server, EvalFixtures.EOL, EvalFixtures.NOW.toEpochMilli(), Map.of(), EvalFixtures.NOW));
        assertThat(server.get("eol.os.product").value()).isEqualTo("Windows Server 2025");
    }

    @Test
    void ageFactsAreDerivedFromTimestamps() {
        var f = facts().ok("patch.lists_updated_at", "2026-11-10T03:00:00Z").error("av.last_scan_at", "no scan log").build();
        var d = DerivedFacts.compute(f, EvalFixtures.EOL, EvalFixtures.NOW.minusSeconds(86400L * 40).toEpochMilli(), Map.of(), EvalFixtures.NOW);
        assertThat(d.get("patch.lists_age_days").value()).isEqualTo(10L);
        assertThat(d.get("av.last_scan_age_days").ok()).isFalse();
        assertThat(d.get("av.last_scan_age_days").message()).contains("no scan log");
        assertThat(d.get("asset.monitored_days").value()).isEqualTo(40L);
    }
}
