package jp.akashi.agent.scan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jp.akashi.probes.host.ssh.HostKeyPolicy;
import jp.akashi.probes.host.ssh.SshCredentials;
import jp.akashi.probes.snmp.SnmpV3User;
import jp.akashi.probes.targets.ProbeKind;
import jp.akashi.probes.targets.SnmpProtocols;
import jp.akashi.probes.targets.TargetSecrets;
import jp.akashi.probes.targets.TargetSpec;
import jp.akashi.probes.targets.TargetSpecReader;

/**
 * The targets file of {@code akashi-agent scan}: a YAML or JSON list of targets in the collector
 * API's form, each with its credentials and, for SSH, how the host key is verified.
 *
 * <pre>
 * - name: web01
 *   address: 192.0.2.10
 *   probes: [ssh, ports, tls]
 *   options: {ports: common, tlsPorts: [443]}
 *   hostKey: "SHA256:…"                 # or knownHosts: /root/.ssh/known_hosts, or trustOnFirstUse: true
 *   credentials: {username: akashi, privateKeyFile: /etc/akashi/scan_ed25519}
 * - name: edge-rtr01
 *   address: 192.0.2.1
 *   probes: [snmp]
 *   credentials: {v3User: akashi, authProtocol: SHA-256, authPassphraseEnv: RTR_AUTH, privProtocol: AES-128, privPassphraseEnv: RTR_PRIV}
 * </pre>
 *
 * Secrets may be written in the file ({@code password}, {@code privateKey}, {@code community} …)
 * only when the file is readable by its owner alone; otherwise name environment variables
 * ({@code passwordEnv}, {@code communityEnv} …) or key files (owner-only as well).
 */
public final class TargetFile {
    static final int MAX_TARGETS = 1000;
    static final Set<String> EXTRA = Set.of("credentials", "hostKey", "knownHosts", "trustOnFirstUse");
    static final Set<String> SECRET_FIELDS = Set.of("password", "privateKey", "passphrase", "community", "authPassphrase", "privPassphrase");
    static final Set<String> CREDENTIAL_FIELDS = Set.of("username", "password", "passwordEnv", "privateKey", "privateKeyFile", "passphrase",
            "passphraseEnv", "community", "communityEnv", "v3User", "authProtocol", "authPassphrase", "authPassphraseEnv", "privProtocol",
            "privPassphrase", "privPassphraseEnv");

    /** One target ready to run. {@link #toString()} shows no secret. */
    public record Entry(TargetSpec spec, TargetSecrets secrets, HostKeyPolicy hostKeys) {
    }

    private TargetFile() {
    }

    /** @throws IllegalArgumentException naming the file, the target and the problem */
    public static List<Entry> read(Path file, Map<String, String> env) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("targets file " + file + " does not exist");
        }
        Object doc;
        try {
            doc = new ObjectMapper(new YAMLFactory()).readValue(Files.readString(file, StandardCharsets.UTF_8), Object.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not valid YAML/JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (doc instanceof Map<?, ?> m && m.keySet().equals(Set.of("targets"))) {
            doc = m.get("targets");
        }
        if (!(doc instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(file + ": expected a non-empty list of targets (or {targets: [...]})");
        }
        if (list.size() > MAX_TARGETS) {
            throw new IllegalArgumentException(file + ": at most " + MAX_TARGETS + " targets");
        }
        List<Entry> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean secretsInFile = false;
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> raw)) {
                throw new IllegalArgumentException(file + ": targets[" + i + "] must be an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) raw;
            String where = file + ": targets[" + i + "]" + (m.get("name") instanceof String n ? " (" + n + ")" : "");
            try {
                TargetSpec spec = TargetSpecReader.read(m, EXTRA);
                if (!names.add(spec.name())) {
                    throw new IllegalArgumentException("the name " + spec.name() + " is used twice");
                }
                Map<String, Object> cred = credentials(m.get("credentials"));
                secretsInFile |= cred.keySet().stream().anyMatch(SECRET_FIELDS::contains);
                out.add(new Entry(spec, secrets(spec, cred, env), hostKeys(spec, m)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
        }
        if (secretsInFile) {
            requireOwnerOnly(file, "contains secrets");
        }
        return out;
    }

    private static Map<String, Object> credentials(Object o) {
        if (o == null) {
            return Map.of();
        }
        if (!(o instanceof Map<?, ?> raw)) {
            throw new IllegalArgumentException("credentials must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) raw;
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (!CREDENTIAL_FIELDS.contains(e.getKey())) {
                throw new IllegalArgumentException("unknown field credentials." + e.getKey() + " (known: "
                        + String.join(", ", new TreeSet<>(CREDENTIAL_FIELDS)) + ")");
            }
            if (e.getValue() != null && !(e.getValue() instanceof String)) {
                throw new IllegalArgumentException("credentials." + e.getKey() + " must be a string");
            }
        }
        return m;
    }

    private static TargetSecrets secrets(TargetSpec spec, Map<String, Object> c, Map<String, String> env) throws IllegalArgumentException {
        if (spec.has(ProbeKind.SSH)) {
            String user = (String) c.get("username");
            if (user == null) {
                throw new IllegalArgumentException("ssh needs credentials.username");
            }
            String password = value(c, "password", env);
            String key = value(c, "privateKey", env);
            if (c.get("privateKeyFile") != null) {
                if (key != null) {
                    throw new IllegalArgumentException("give privateKey or privateKeyFile, not both");
                }
                key = readKeyFile(Path.of((String) c.get("privateKeyFile")));
            }
            if ((password == null) == (key == null)) {
                throw new IllegalArgumentException("ssh needs exactly one of credentials.password(Env) or privateKey(File)");
            }
            SshCredentials ssh = password != null ? SshCredentials.password(user, password)
                    : SshCredentials.privateKey(user, key, value(c, "passphrase", env));
            return new TargetSecrets(ssh, null, null);
        }
        if (spec.has(ProbeKind.SNMP)) {
            String community = value(c, "community", env);
            String v3name = (String) c.get("v3User");
            SnmpV3User v3 = v3name == null ? null : new SnmpV3User(v3name, SnmpProtocols.auth((String) c.get("authProtocol")),
                    value(c, "authPassphrase", env), SnmpProtocols.priv((String) c.get("privProtocol")), value(c, "privPassphrase", env));
            if (community == null && v3 == null) {
                throw new IllegalArgumentException("snmp needs credentials.community(Env) and/or credentials.v3User");
            }
            return new TargetSecrets(null, community, v3);
        }
        if (!c.isEmpty()) {
            throw new IllegalArgumentException("credentials are only used by ssh and snmp");
        }
        return TargetSecrets.NONE;
    }

    private static HostKeyPolicy hostKeys(TargetSpec spec, Map<String, Object> m) {
        Object fp = m.get("hostKey");
        Object known = m.get("knownHosts");
        Object tofu = m.get("trustOnFirstUse");
        int given = (fp != null ? 1 : 0) + (known != null ? 1 : 0) + (Boolean.TRUE.equals(tofu) ? 1 : 0);
        if (!spec.has(ProbeKind.SSH)) {
            if (given > 0) {
                throw new IllegalArgumentException("hostKey, knownHosts and trustOnFirstUse are only used by ssh");
            }
            return null;
        }
        if (given != 1) {
            throw new IllegalArgumentException("ssh needs exactly one of hostKey: \"SHA256:…\", knownHosts: FILE or trustOnFirstUse: true");
        }
        if (tofu != null && !(tofu instanceof Boolean)) {
            throw new IllegalArgumentException("trustOnFirstUse must be true or false");
        }
        if (fp != null) {
            return HostKeyPolicy.pinned(String.valueOf(fp));
        }
        if (known != null) {
            return HostKeyPolicy.knownHosts(Path.of(String.valueOf(known)));
        }
        return HostKeyPolicy.trustOnFirstUse();
    }

    /** A secret written in the file, or read from the environment variable named by {@code <field>Env}. */
    private static String value(Map<String, Object> c, String field, Map<String, String> env) {
        String literal = (String) c.get(field);
        String var = (String) c.get(field + "Env");
        if (literal != null && var != null) {
            throw new IllegalArgumentException("give credentials." + field + " or " + field + "Env, not both");
        }
        if (var == null) {
            return literal;
        }
        String v = env.get(var);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("environment variable " + var + " (credentials." + field + "Env) is not set");
        }
        return v;
    }

    private static String readKeyFile(Path p) {
        try {
            requireOwnerOnly(p, "is a private key");
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read private key file " + p + ": " + e.getMessage());
        }
    }

    /** Refuses a file holding secrets that other users can read (as OpenSSH does for private keys). */
    static void requireOwnerOnly(Path p, String why) throws IOException {
        if (!Files.getFileStore(p).supportsFileAttributeView("posix")) {
            return; // Windows: the ACL of the agent's directories applies
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
        if (perms.stream().anyMatch(x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"))) {
            throw new IllegalArgumentException(p + " " + why + " and is readable by other users (" + PosixFilePermissions.toString(perms)
                    + "): chmod 600 " + p + (why.startsWith("contains") ? ", or name environment variables (passwordEnv, communityEnv …) instead" : ""));
        }
    }
}
