package jp.akashi.agent.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.akashi.probes.host.ssh.HostKeyPolicy;
import jp.akashi.probes.snmp.SnmpV3User;
import jp.akashi.probes.targets.ProbeKind;

class TargetFileTest {
    @TempDir
    Path dir;

    Path file(String name, String perms, String... lines) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, String.join("\n", lines) + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
        return f;
    }

    @Test
    void secretsInAFileOthersCanReadAreRefused() throws Exception {
        Path f = file("t.yaml", "rw-r--r--",
                "- {name: web01, address: 192.0.2.10, probes: [ssh], hostKey: \"SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",",
                "   credentials: {username: akashi, password: hunter2-hunter2}}");
        assertThatThrownBy(() -> TargetFile.read(f, Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("readable by other users").hasMessageContaining("chmod 600").hasMessageNotContaining("hunter2");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        TargetFile.Entry e = TargetFile.read(f, Map.of()).get(0);
        assertThat(e.secrets().ssh().password()).isEqualTo("hunter2-hunter2");
        assertThat(e.secrets().toString()).doesNotContain("hunter2");
        assertThat(e.hostKeys()).isInstanceOf(HostKeyPolicy.Pinned.class);
    }

    @Test
    void secretsFromTheEnvironmentNeedNoOwnerOnlyFile() throws Exception {
        Path f = file("t.yaml", "rw-r--r--",
                "targets:",
                "  - name: rtr",
                "    address: 192.0.2.1",
                "    probes: [snmp, ports]",
                "    options: {ports: \"22,23,161\", testWellKnownCommunities: true}",
                "    credentials: {communityEnv: RTR_COMMUNITY, v3User: akashi, authProtocol: sha-256, authPassphraseEnv: RTR_AUTH,",
                "                  privProtocol: AES-128, privPassphraseEnv: RTR_PRIV}");
        List<TargetFile.Entry> entries = TargetFile.read(f, Map.of("RTR_COMMUNITY", "c0mmunity", "RTR_AUTH", "auth-pass-1", "RTR_PRIV", "priv-pass-1"));
        TargetFile.Entry e = entries.get(0);
        assertThat(e.spec().kind()).isEqualTo("network-device");
        assertThat(e.spec().has(ProbeKind.PORTS)).isTrue();
        assertThat(e.spec().options().testWellKnownCommunities()).isTrue();
        assertThat(e.secrets().community()).isEqualTo("c0mmunity");
        assertThat(e.secrets().snmpV3().auth()).isEqualTo(SnmpV3User.Auth.SHA_256);
        assertThat(e.secrets().snmpV3().privPassphrase()).isEqualTo("priv-pass-1");
        assertThatThrownBy(() -> TargetFile.read(f, Map.of("RTR_COMMUNITY", "c")))
                .hasMessageContaining("RTR_AUTH").hasMessageContaining("not set");
    }

    @Test
    void mistakesAreNamedWithTheTarget() throws Exception {
        Path unknown = file("u.json", "rw-------", "[{\"name\": \"a\", \"address\": \"192.0.2.1\", \"probes\": [\"ports\"], \"tls_ports\": [443]}]");
        assertThatThrownBy(() -> TargetFile.read(unknown, Map.of())).hasMessageContaining("targets[0] (a)").hasMessageContaining("unknown field tls_ports");
        Path noHostKey = file("k.yaml", "rw-------", "- {name: b, address: 192.0.2.2, probes: [ssh], credentials: {username: u, passwordEnv: P}}");
        assertThatThrownBy(() -> TargetFile.read(noHostKey, Map.of("P", "x"))).hasMessageContaining("hostKey").hasMessageContaining("trustOnFirstUse");
        Path range = file("r.yaml", "rw-------", "- {name: c, address: 192.0.2.0/16, probes: [ports]}");
        assertThatThrownBy(() -> TargetFile.read(range, Map.of())).hasMessageContaining("limit");
        Path twice = file("d.yaml", "rw-------", "- {name: d, address: 192.0.2.1, probes: [tls]}", "- {name: d, address: 192.0.2.2, probes: [tls]}");
        assertThatThrownBy(() -> TargetFile.read(twice, Map.of())).hasMessageContaining("used twice");
        Path empty = file("e.yaml", "rw-------", "[]");
        assertThatThrownBy(() -> TargetFile.read(empty, Map.of())).hasMessageContaining("non-empty list");
        Path garbage = file("g.yaml", "rw-------", "- {name: [unclosed");
        assertThatThrownBy(() -> TargetFile.read(garbage, Map.of())).hasMessageContaining("not valid YAML/JSON");
    }

    @Test
    void privateKeyFilesMustBeOwnerOnly() throws Exception {
        Path key = file("id_ed25519", "rw-r--r--", "-----BEGIN OPENSSH PRIVATE KEY-----", "AAAA", "-----END OPENSSH PRIVATE KEY-----");
        Path f = file("t.yaml", "rw-r--r--", "- {name: web, address: 192.0.2.10, probes: [ssh], trustOnFirstUse: true,",
                "   credentials: {username: akashi, privateKeyFile: " + key + "}}");
        assertThatThrownBy(() -> TargetFile.read(f, Map.of())).hasMessageContaining("is a private key").hasMessageContaining("chmod 600");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("r--------"));
        TargetFile.Entry e = TargetFile.read(f, Map.of()).get(0);
        assertThat(e.secrets().ssh().usesKey()).isTrue();
        assertThat(e.hostKeys()).isInstanceOf(HostKeyPolicy.TrustOnFirstUse.class);
    }
}
