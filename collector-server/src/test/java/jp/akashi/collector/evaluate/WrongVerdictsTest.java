package jp.akashi.collector.evaluate;

import static jp.akashi.collector.evaluate.EvalFixtures.facts;
import static jp.akashi.collector.evaluate.EvalFixtures.host;
import static jp.akashi.collector.evaluate.EvalFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Issue 14 §1: the classes of wrong verdicts seen on freshly built Debian 12 servers, each on the
 * facts that produced it.
 */
class WrongVerdictsTest {

    /** Weekly rotation keeping 4 files (28 days) passed on "present 336 days" from a year-less syslog date. */
    @Test
    void aConfiguredRetentionBelowTheLimitFailsWhateverThePresentLogsSay() {
        CheckResult r = run("log.auth_retention_6_months", host(facts().ok("os.family", "linux").ok("log.writer", "rsyslog")
                .ok("log.auth.retention_days", 28).ok("log.auth.oldest_age_days", 336).build()));
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.reason().ja()).contains("28 日").contains("336 日分");
        assertThat(r.reason().en()).contains("configured for 28 days");
    }

    /** A PASS reason never quotes a configured retention that would fail, over every combination. */
    @Test
    void aPassNeverQuotesAFailingConfiguredValue() {
        List<Object> retentions = new ArrayList<>(List.of(0, 28, 182, 183, 364, 365, 400));
        retentions.add(null);
        List<String> failures = new ArrayList<>();
        for (String check : List.of("log.auth_retention_6_months", "log.auth_retention_1_year")) {
            long limit = check.endsWith("6_months") ? 183 : 365;
            for (Object retention : retentions) {
                for (int present : new int[] {0, 100, 200, 400}) {
                    for (String writer : new String[] {"rsyslog", "journald", "none"}) {
                        EvalFixtures.Facts f = facts().ok("os.family", "linux").ok("log.writer", writer).ok("log.auth.oldest_age_days", present);
                        if (writer.equals("none")) {
                            // what the probe records when nothing writes the log (LinuxLogProbeTest)
                            f.error("log.auth.retention_days", "nothing executes the rotation settings of /var/log/auth.log");
                        } else if (retention == null) {
                            f.unsupported("log.auth.retention_days", "rotated by size");
                        } else {
                            f.ok("log.auth.retention_days", retention);
                        }
                        CheckResult r = run(check, host(f.build(), "confidential"));
                        if (r.status() == CheckStatus.PASS && retention != null && ((Integer) retention) < limit) {
                            failures.add(check + " PASS with configured " + retention + ": " + r.reason().en());
                        }
                        if (r.status() == CheckStatus.PASS && writer.equals("none")) {
                            failures.add(check + " PASS with no log writer: " + r.reason().en());
                        }
                        if (r.status() == CheckStatus.PASS && r.reason().en().matches(".*configured (for )?\\?.*")) {
                            failures.add(check + " PASS quoting an unknown configuration: " + r.reason().en());
                        }
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void logsPresentDecideOnlyWhenTheConfigurationHasNoDayCountAndAWriterRuns() {
        CheckResult bySize = run("log.auth_retention_6_months", host(facts().ok("os.family", "linux").ok("log.writer", "rsyslog")
                .unsupported("log.auth.retention_days", "rotated by size").ok("log.auth.oldest_age_days", 200).build()));
        assertThat(bySize.status()).isEqualTo(CheckStatus.PASS);
        assertThat(bySize.reason().en()).contains("present for 200 days").doesNotContain("configured for").doesNotContain("?");
        CheckResult nobody = run("log.auth_retention_6_months", host(facts().ok("os.family", "linux").ok("log.writer", "none")
                .error("log.auth.retention_days", "nothing executes the rotation settings of /var/log/auth.log")
                .ok("log.auth.oldest_age_days", 400).build()));
        assertThat(nobody.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(nobody.reason().en()).contains("nothing executes");
    }

    /** "2 administrators (root, toor)" passed while toor was a second uid-0 account with an empty password. */
    @Test
    void collectedAccountFactsAreJudged() {
        var f = facts().ok("account.uid0", List.of("root", "toor")).ok("account.empty_password", List.of("toor"))
                .ok("account.login_accounts", List.of("root", "toor", "taro", "debian")).build();
        CheckResult uid0 = run("account.no_extra_uid0", host(f));
        assertThat(uid0.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(uid0.reason().ja()).contains("toor").doesNotContain("root,");
        CheckResult empty = run("account.no_empty_password", host(f));
        assertThat(empty.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(empty.reason().en()).contains("toor");
        CheckResult shared = run("account.no_shared_accounts", host(f));
        assertThat(shared.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(shared.reason().en()).contains("debian").doesNotContain("taro");

        var clean = facts().ok("account.uid0", List.of("root")).ok("account.empty_password", List.of())
                .ok("account.login_accounts", List.of("root", "taro", "hanako")).build();
        for (String check : List.of("account.no_extra_uid0", "account.no_empty_password", "account.no_shared_accounts")) {
            assertThat(run(check, host(clean)).status()).as(check).isEqualTo(CheckStatus.PASS);
        }
        // without root the shadow file is unreadable: unknown, never pass
        var unprivileged = facts().error("account.empty_password", "permission denied reading /etc/shadow")
                .error("account.login_accounts", "permission denied reading /etc/shadow").build();
        assertThat(run("account.no_empty_password", host(unprivileged)).status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(run("account.no_shared_accounts", host(unprivileged)).status()).isEqualTo(CheckStatus.UNKNOWN);
    }

    @Test
    void windowsAccountsAreJudgedFromTheirOwnFacts() {
        var w = facts().unsupported("account.empty_password", "Windows does not reveal empty passwords")
                .ok("account.windows.password_not_required", List.of("kiosk"))
                .ok("account.windows.local_users", List.of(
                        java.util.Map.of("name", "User1", "enabled", true), java.util.Map.of("name", "Guest", "enabled", false),
                        java.util.Map.of("name", "yamada", "enabled", true))).build();
        AssetSnapshot win = new AssetSnapshot("a2", "pc01", "host", "windows", List.of(), false, EvalFixtures.NOW.toEpochMilli(), "r2", w);
        CheckResult empty = run("account.no_empty_password", win);
        assertThat(empty.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(empty.reason().en()).contains("kiosk");
        CheckResult shared = run("account.no_shared_accounts", win);
        assertThat(shared.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(shared.reason().en()).contains("User1").doesNotContain("Guest").doesNotContain("yamada");
    }

    private static AssetSnapshot linux(String distribution, String version) {
        var f = facts().ok("os.family", "linux").ok("os.distribution", distribution).ok("os.version", version).build();
        f.putAll(DerivedFacts.compute(f, EvalFixtures.EOL, EvalFixtures.NOW.toEpochMilli(), java.util.Map.of(), EvalFixtures.NOW));
        return host(f);
    }

    /** "Debian 12 (supported until 2028-06-30)" hid that regular security support ended 2026-06-10. */
    @Test
    void supportReasonsNameThePhaseAndItsEnd() {
        CheckResult debian12 = run("os.supported", linux("debian", "12"));
        assertThat(debian12.status()).isEqualTo(CheckStatus.PASS);
        assertThat(debian12.reason().ja()).contains("警告").contains("2026-06-10").contains("LTS").contains("2028-06-30");
        assertThat(debian12.reason().en()).contains("regular security support ended 2026-06-10").contains("until 2028-06-30");

        CheckLibrary strict = CheckLibrary.load("checks", java.util.Map.of("os_lts_only", "fail"));
        CheckResult failed = new AssetEvaluator(strict).evaluate(linux("debian", "12")).stream()
                .filter(r -> r.checkId().equals("os.supported")).findFirst().orElseThrow();
        assertThat(failed.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(failed.reason().en()).contains("2026-06-10").contains("os_lts_only");

        CheckResult ubuntu = run("os.supported", linux("ubuntu", "22.04"));
        assertThat(ubuntu.status()).isEqualTo(CheckStatus.PASS);
        assertThat(ubuntu.reason().en()).contains("regular support until 2027-06-30");
        CheckResult esm = run("os.supported", linux("ubuntu", "20.04"));
        assertThat(esm.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(esm.reason().en()).contains("free support ended 2025-05-31").contains("paid extended support").contains("2030-04-30");
        CheckResult debian13 = run("os.supported", linux("debian", "13"));
        assertThat(debian13.status()).isEqualTo(CheckStatus.PASS);
        assertThat(debian13.reason().en()).doesNotContain("?");
        // a PASS never shows an unfilled value
        for (String[] os : new String[][] {{"debian", "11"}, {"debian", "12"}, {"debian", "13"}, {"ubuntu", "24.04"}, {"rocky", "9.4"}}) {
            CheckResult r = run("os.supported", linux(os[0], os[1]));
            assertThat(r.reason().en()).as(os[0] + " " + os[1]).doesNotContain("?");
        }
    }

    /** "no signature database in /var/lib/clamav" was UNKNOWN for signature freshness. */
    @Test
    void aProductWithoutSignaturesFailsFreshness() {
        var f = facts().ok("av.installed", true).ok("av.signatures_missing", List.of("ClamAV (no signature database in /var/lib/clamav)"))
                .unsupported("av.signature_age_hours", "no installed product states its signature update time on the host").build();
        CheckResult r = run("av.signatures_fresh", host(f));
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.reason().ja()).contains("/var/lib/clamav");
        var fresh = facts().ok("av.installed", true).ok("av.signatures_missing", List.of()).ok("av.signature_age_hours", 3).build();
        assertThat(run("av.signatures_fresh", host(fresh)).status()).isEqualTo(CheckStatus.PASS);
        var windows = facts().ok("av.installed", true).ok("av.signature_age_hours", 3).build();
        assertThat(run("av.signatures_fresh", host(windows)).status()).as("platforms without the fact").isEqualTo(CheckStatus.PASS);
    }

    /** 21 named pending security updates stayed UNKNOWN for 14 days because apt gives no release dates. */
    @Test
    void pendingUpdatesProvablyOldFailOnTheFirstCollection() {
        java.util.function.IntFunction<EvalFixtures.Facts> base = minAge -> facts().ok("patch.lists_age_days", 0)
                .ok("patch.pending_security_count", 21).ok("patch.pending_security", List.of(java.util.Map.of("name", "openssl")))
                .unsupported("patch.pending_security_oldest_days", "apt package lists do not state when an update was released")
                .ok("patch.pending_security_min_age_days", minAge)
                .ok("patch.pending_security_observed_days", 0).ok("asset.monitored_days", 0);
        CheckResult old = run("patch.security_within_14_days", host(base.apply(20).build()));
        assertThat(old.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(old.reason().en()).contains("at least 20 days").contains("openssl");
        // a lower bound within the limit proves nothing either way: still unknown until observed
        assertThat(run("patch.security_within_14_days", host(base.apply(3).build())).status()).isEqualTo(CheckStatus.UNKNOWN);
    }

    private static AssetSnapshot unroled(String kind, String os, EvalFixtures.Facts f, String... adminRoles) {
        return AssetSnapshot.of("a3", "srv01", kind, os, List.of(adminRoles), false, EvalFixtures.NOW.toEpochMilli(), "r3", f.build());
    }

    /** Without roles, 1-year retention, firmware support and SNMP restriction were NOT_APPLICABLE: "no asset in scope". */
    @Test
    void aServerWithoutRolesIsInScopeOfTheServerChecks() {
        EvalFixtures.Facts server = facts().ok("os.family", "linux").ok("net.listening_ports", List.of(22, 443))
                .ok("software.installed", List.of(java.util.Map.of("name", "openssh-server", "version", "1:9.2p1-2")))
                .ok("log.writer", "rsyslog").ok("log.auth.retention_days", 28).ok("log.auth.oldest_age_days", 20);
        CheckResult year = run("log.auth_retention_1_year", unroled("host", "linux", server));
        assertThat(year.status()).isEqualTo(CheckStatus.FAIL);
        // a server is not a PC: the PC checks say why they do not apply, and how to change it
        CheckResult disk = run("disk.system_encrypted", unroled("host", "linux", server));
        assertThat(disk.status()).isEqualTo(CheckStatus.NOT_APPLICABLE);
        assertThat(disk.reason().en()).contains("no role is set").contains("server").contains("set the role");
        // a desktop is a PC
        EvalFixtures.Facts desktop = facts().ok("os.family", "linux").ok("net.listening_ports", List.of(631))
                .ok("software.installed", List.of(java.util.Map.of("name", "gnome-shell", "version", "43.9")))
                .ok("disk.system_encrypted", false);
        assertThat(run("disk.system_encrypted", unroled("host", "linux", desktop)).status()).isEqualTo(CheckStatus.FAIL);
        assertThat(run("log.auth_retention_1_year", unroled("host", "linux", desktop)).status()).isEqualTo(CheckStatus.NOT_APPLICABLE);
        // an administrator's role wins over the default
        assertThat(run("log.auth_retention_1_year", unroled("host", "linux", server, "pc")).status()).isEqualTo(CheckStatus.NOT_APPLICABLE);
        // a network device is a boundary device until said otherwise
        EvalFixtures.Facts router = facts().ok("snmp.v1.answers", false).ok("snmp.v2c.answers", true)
                .ok("snmp.community.well_known_accepted", true);
        assertThat(run("snmp.v1_v2c_restricted", unroled("network-device", null, router)).status()).isNotEqualTo(CheckStatus.NOT_APPLICABLE);
        // nothing tells what the host is: no assumption
        assertThat(run("log.auth_retention_1_year", unroled("host", "linux", facts().ok("os.family", "linux"))).status())
                .isEqualTo(CheckStatus.NOT_APPLICABLE);
    }
}
