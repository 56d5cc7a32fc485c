package jp.akashi.probes.linux.auth;

import static jp.akashi.probes.linux.LinuxFixtures.assertNotOk;
import static jp.akashi.probes.linux.LinuxFixtures.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

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

/** Issue 14 §3: hashing, su, umask, inactive lock and password expiry per account, from the files of each distribution. */
class LinuxLoginPolicyProbeTest {

    private static Map<String, Fact> run(FixtureHost host) {
        return ProbeTesting.run(new LinuxLoginPolicyProbe(), host, ProbeContext.LINUX);
    }

    @Test
    void debianDefaults() {
        Map<String, Fact> f = run(LinuxFixtures.tree("auth/debian-12"));
        // pam_unix's yescrypt option wins over login.defs' ENCRYPT_METHOD SHA512
        assertOk(f, "auth.password.hash_algorithm", "yescrypt");
        assertThat(f.get("auth.password.hash_algorithm").evidence().source()).isEqualTo("file:/etc/pam.d/common-password");
        assertThat(f.get("auth.password.hash_algorithm").evidence().excerpt()).contains("pam_unix.so obscure yescrypt");
        // the pam_wheel lines are comments
        assertOk(f, "account.su_restricted", false);
        assertOk(f, "account.default_umask", "022");
        // INACTIVE is commented out in Debian's /etc/default/useradd
        assertOk(f, "account.inactive_lock_days", -1L);
        // root and taro have 99999; hanako has 90; deploy is locked; daemon has no login shell
        assertOk(f, "account.password_never_expires", List.of("root", "taro"));
        assertThat(f.values()).allSatisfy(x -> assertThat(x.evidence() == null ? "" : x.evidence().excerpt()).doesNotContain("$y$"));
    }

    @Test
    void rhelCisHardened() {
        Map<String, Fact> f = run(LinuxFixtures.tree("auth/rhel-9-cis"));
        assertOk(f, "auth.password.hash_algorithm", "sha512");
        assertOk(f, "account.su_restricted", true);
        assertThat(f.get("account.su_restricted").evidence().excerpt()).contains("pam_wheel.so use_uid");
        assertOk(f, "account.default_umask", "027");
        assertOk(f, "account.inactive_lock_days", 30L);
        assertOk(f, "account.password_never_expires", List.of());
    }

    @Test
    void withoutRootShadowIsAnErrorNotAnEmptyList() {
        FixtureHost host = LinuxFixtures.tree("auth/debian-12").deniedFile("/etc/shadow");
        assertNotOk(run(host), "account.password_never_expires", FactStatus.ERROR, "permission denied");
    }

    @Test
    void noUseraddDefaultsMeansNever() {
        FixtureHost host = LinuxFixtures.tree("auth/rhel-9-cis").remove("/etc/default/useradd");
        assertOk(run(host), "account.inactive_lock_days", -1L);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "password required pam_unix.so md5 shadow | SHA512 | md5",
            "password required pam_unix.so sha256 yescrypt | SHA512 | yescrypt",
            "password required pam_unix.so shadow | YESCRYPT | yescrypt",
            "password required pam_unix.so shadow | '' | des",
    })
    void hashAlgorithmFromPamThenLoginDefs(String pamLine, String method, String expected) {
        PamStack stack = PamStack.load("passwd", "password", n -> n.equals("passwd") ? pamLine + "\n" : null);
        Map<String, String> defs = method.isEmpty() ? Map.of() : Map.of("ENCRYPT_METHOD", method);
        assertThat(LoginPolicy.hashAlgorithm(stack, defs).value()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "auth required pam_wheel.so use_uid | true",
            "auth requisite pam_wheel.so group=sudo | true",
            "auth [default=die] pam_wheel.so | true",
            "auth sufficient pam_wheel.so trust | false",
            "auth required pam_wheel.so deny group=nosu | false",
            "# auth required pam_wheel.so | false",
    })
    void suRestriction(String line, boolean restricted) {
        PamStack stack = PamStack.load("su", "auth", n -> n.equals("su") ? "auth sufficient pam_rootok.so\n" + line + "\n" : null);
        assertThat(LoginPolicy.suRestricted(stack).value()).isEqualTo(String.valueOf(restricted));
    }

    @Test
    void umaskNormalisation() {
        assertThat(LoginPolicy.umask("027")).isEqualTo("027");
        assertThat(LoginPolicy.umask("0077")).isEqualTo("077");
        assertThat(LoginPolicy.umask("22")).isEqualTo("022");
        assertThat(LoginPolicy.umask(null)).isEqualTo("022");
        assertThat(LoginPolicy.umask("u=rwx")).isNull();
        assertThat(LoginPolicy.inactive("INACTIVE=abc")).isNull();
    }
}
