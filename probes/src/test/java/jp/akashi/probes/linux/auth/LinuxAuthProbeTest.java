package jp.akashi.probes.linux.auth;

import static jp.akashi.probes.linux.LinuxFixtures.assertNotOk;
import static jp.akashi.probes.linux.LinuxFixtures.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.linux.LinuxFixtures;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.testing.FixtureHost;
import jp.akashi.probes.testing.ProbeTesting;

class LinuxAuthProbeTest {

    private static Map<String, Fact> run(FixtureHost host) {
        return ProbeTesting.run(new LinuxAuthProbe(), host, ProbeContext.LINUX);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // tree,                 min, classes, history, max age, min age
            "debian-12,              6,   0,       0,       0,       0",
            "ubuntu-2204-hardened,   12,  3,       5,       90,      1",
            "ubuntu-2404-credits,    8,   1,       12,      0,       0",
            "rhel-9-cis,             14,  4,       24,      365,     1",
            "rhel-8-mixed,           8,   0,       5,       0,       0",
    })
    void passwordPolicyOfEachDistribution(String tree, long min, long classes, long history, long maxAge, long minAge) {
        Map<String, Fact> f = run(LinuxFixtures.tree("auth/" + tree));
        assertOk(f, "auth.password.min_length", min);
        assertOk(f, "auth.password.complexity_classes", classes);
        assertOk(f, "auth.password.history", history);
        assertOk(f, "auth.password.max_age_days", maxAge);
        assertOk(f, "auth.password.min_age_days", minAge);
    }

    @Test
    void evidenceNamesTheFileThatDecided() {
        Map<String, Fact> f = run(LinuxFixtures.tree("auth/rhel-9-cis"));
        Fact min = f.get("auth.password.min_length");
        assertThat(min.evidence().source()).isEqualTo("file:/etc/pam.d/system-auth");
        assertThat(min.evidence().excerpt())
                .contains("PAM files read: passwd, system-auth, postlogin")
                .contains("pam_pwquality.so local_users_only")
                .contains("file:/etc/security/pwquality.conf.d/50-cis.conf:")
                .contains("minlen = 14")
                .contains("pam_pwquality (minlen=14 minclass=4");
    }

    @Test
    void lockoutOfEachDistribution() {
        Map<String, Fact> deb = run(LinuxFixtures.tree("auth/debian-12"));
        assertOk(deb, "auth.lockout.enabled", false);
        assertOk(deb, "auth.lockout.threshold", 0L);
        assertNotOk(deb, "auth.lockout.duration_seconds", FactStatus.UNSUPPORTED, "not enabled");

        Map<String, Fact> ubuntu = run(LinuxFixtures.tree("auth/ubuntu-2204-hardened"));
        assertOk(ubuntu, "auth.lockout.enabled", true);
        assertOk(ubuntu, "auth.lockout.threshold", 5L);
        assertOk(ubuntu, "auth.lockout.duration_seconds", 900L);
        assertThat(ubuntu.get("auth.lockout.threshold").evidence().excerpt()).contains("deny = 5");

        Map<String, Fact> rhel9 = run(LinuxFixtures.tree("auth/rhel-9-cis"));
        assertOk(rhel9, "auth.lockout.enabled", true);
        assertOk(rhel9, "auth.lockout.threshold", 5L);
        assertOk(rhel9, "auth.lockout.duration_seconds", 900L);
    }

    @Test
    void preauthAloneNeverLocks() {
        Map<String, Fact> f = run(LinuxFixtures.tree("auth/ubuntu-2404-credits"));
        assertOk(f, "auth.lockout.enabled", false);
        assertNotOk(f, "auth.lockout.duration_seconds", FactStatus.UNSUPPORTED, "only checks");
    }

    @Test
    void theWeakerLoginPathDecides() {
        // console (system-auth) locks after 3 failures until unlocked; sshd (password-auth) never locks
        Map<String, Fact> f = run(LinuxFixtures.tree("auth/rhel-8-mixed"));
        assertOk(f, "auth.lockout.enabled", false);
        assertThat(f.get("auth.lockout.enabled").evidence().excerpt())
                .contains("service login: pam_faillock deny=3 unlock_time=0")
                .contains("service sshd: no pam_faillock");
    }

    @Test
    void unreadablePamFileIsAnErrorNotADefault() {
        FixtureHost host = LinuxFixtures.tree("auth/debian-12").deniedFile("/etc/pam.d/common-password");
        Map<String, Fact> f = run(host);
        assertNotOk(f, "auth.password.min_length", FactStatus.ERROR, "permission denied");
        assertNotOk(f, "auth.password.history", FactStatus.ERROR, "common-password");
    }

    @Test
    void malformedSettingsAreErrors() {
        FixtureHost host = LinuxFixtures.tree("auth/ubuntu-2204-hardened")
                .file("/etc/security/pwquality.conf", "minlen = twelve\n")
                .file("/etc/security/faillock.conf", "deny = many\n");
        Map<String, Fact> f = run(host);
        assertNotOk(f, "auth.password.min_length", FactStatus.ERROR, "minlen=twelve");
        assertNotOk(f, "auth.lockout.threshold", FactStatus.ERROR, "deny=many");
        // login.defs with a value that is not a number
        Map<String, Fact> g = run(new FixtureHost().file("/etc/login.defs", "PASS_MAX_DAYS\tnever\n"));
        assertNotOk(g, "auth.password.max_age_days", FactStatus.ERROR, "unexpected value never");
        assertOk(g, "auth.password.min_age_days", 0L);
    }

    @Test
    void withoutPamOnlyLoginDefsSpeaks() {
        FixtureHost host = new FixtureHost().file("/etc/login.defs",
                LinuxFixtures.text("auth", "rhel-8-mixed/etc/login.defs"));
        Map<String, Fact> f = run(host);
        assertOk(f, "auth.password.min_length", 5L);
        assertNotOk(f, "auth.password.complexity_classes", FactStatus.ERROR, "no PAM password stack");
        assertNotOk(f, "auth.lockout.enabled", FactStatus.ERROR, "no PAM auth stack");

        Map<String, Fact> empty = run(new FixtureHost());
        assertNotOk(empty, "auth.password.max_age_days", FactStatus.UNSUPPORTED, "/etc/login.defs does not exist");
        assertNotOk(empty, "auth.password.min_length", FactStatus.ERROR, "no PASS_MIN_LEN");
    }

    @Test
    void pamParserTokensIncludesAndLoops() {
        assertThat(PamStack.tokens("password [success=1 default=ignore] pam_unix.so obscure yescrypt"))
                .containsExactly("password", "[success=1 default=ignore]", "pam_unix.so", "obscure", "yescrypt");
        Map<String, String> files = Map.of(
                "a", "auth include b\n-auth optional /usr/lib64/security/pam_x.so k=v # comment\n",
                "b", "@include a\nauth required pam_faillock.so preauth\n");
        PamStack s = PamStack.load("a", "auth", files::get);
        assertThat(s.lines()).extracting(PamStack.Line::module).containsExactly("pam_faillock.so", "pam_x.so");
        assertThat(s.module("pam_x.so").get(0).arg("k")).isEqualTo("v");
        assertThat(PamStack.load("missing", "auth", files::get).isEmpty()).isTrue();
        assertThat(PamStack.load("a", "auth", n -> "\u0000garbage [unterminated\n").isEmpty()).isTrue();
    }

    @Test
    void pwqualityArithmetic() {
        List<String> bad = new ArrayList<>();
        // cracklib defaults: minlen 9 less four credits, but never under 6
        assertThat(PwQuality.cracklibDefaults().shortestAccepted()).isEqualTo(6);
        assertThat(PwQuality.pwqualityDefaults().with(Map.of("minlen", "4"), bad).minlen()).isEqualTo(6);
        PwQuality q = PwQuality.pwqualityDefaults().with(Map.of("minlen", "20", "dcredit", "2", "ucredit", "2",
                "lcredit", "-1", "ocredit", "-2", "dictcheck", "0"), bad);
        assertThat(q.shortestAccepted()).isEqualTo(16);
        assertThat(q.requiredClasses()).isEqualTo(2);
        assertThat(bad).isEmpty();
    }
}
