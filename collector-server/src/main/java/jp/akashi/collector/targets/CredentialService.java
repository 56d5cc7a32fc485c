package jp.akashi.collector.targets;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordUtils;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.Ids;
import jp.akashi.probes.host.ssh.SshCredentials;
import jp.akashi.probes.host.ssh.SshFingerprints;
import jp.akashi.probes.snmp.SnmpV3User;
import jp.akashi.probes.targets.SnmpProtocols;
import jp.akashi.probes.targets.TargetSecrets;

/**
 * Credentials for targets: created with their secret, which is validated, encrypted
 * ({@link CredentialCipher}) and never returned, logged or written to the audit log. Listing
 * shows names, kinds, user names, non-secret settings and key fingerprints only.
 */
@Singleton
public class CredentialService {
    static final int MAX_SECRET = 16 * 1024;

    private final Database db;
    private final CredentialStore store;
    private final TargetStore targets;
    private final CredentialCipher cipher;
    private final AuditLog audit;
    private final Clock clock;

    public CredentialService(Database db, CredentialStore store, TargetStore targets, CredentialCipher cipher, AuditLog audit, Clock clock) {
        this.db = db;
        this.store = store;
        this.targets = targets;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
    }

    /** What an administrator submits; {@link #toString()} hides every secret. */
    public record NewCredential(String name, String kind, String username, String password, String privateKey, String passphrase,
                                String community, String authProtocol, String authPassphrase, String privProtocol,
                                String privPassphrase) {
        @Override
        public String toString() {
            return "NewCredential[" + name + ", " + kind + ", " + username + "]";
        }
    }

    public Credential create(Caller caller, NewCredential req) {
        if (req == null) {
            throw Refusal.badRequest("JSON body required");
        }
        String name = req.name() == null ? "" : req.name().strip();
        if (name.isEmpty() || name.length() > 128 || name.chars().anyMatch(Character::isISOControl)) {
            throw Refusal.badRequest("name is required: 1..128 characters without control characters",
                    "名前を入力してください（128文字以内、制御文字なし）");
        }
        if (req.kind() == null || !Credential.KINDS.contains(req.kind())) {
            throw Refusal.badRequest("kind must be one of " + Credential.KINDS, "種類は " + Credential.KINDS + " のいずれかです");
        }
        String id = Ids.next();
        Parsed p = switch (req.kind()) {
            case Credential.SSH_PASSWORD -> sshPassword(req);
            case Credential.SSH_KEY -> sshKey(req);
            default -> snmp(req);
        };
        byte[] plain = CredentialStore.json(p.secret()).getBytes(StandardCharsets.UTF_8);
        CredentialCipher.Sealed sealed;
        try {
            sealed = cipher.seal(id, plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        Credential c = new Credential(id, name, req.kind(), p.username(), p.settings(), sealed, p.fingerprint(), caller.name(), clock.millis());
        db.write(h -> {
            if (store.byName(h, name).isPresent()) {
                throw Refusal.conflict("a credential named '" + name + "' exists already", "「" + name + "」という名前の資格情報は既にあります");
            }
            store.insert(h, c);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", name);
            d.put("kind", c.kind());
            d.put("username", c.username() == null ? "" : c.username());
            d.put("keyId", sealed.keyId());
            audit.append(h, caller.actor(), "credential.create", id, d);
            return null;
        });
        return c;
    }

    public List<Credential> all() {
        return db.read(store::all);
    }

    public Optional<Credential> get(String id) {
        return db.read(h -> store.byId(h, id));
    }

    /** Names of the targets that use each credential (for the listing and for refusing deletion). */
    public Map<String, List<String>> usage() {
        return db.read(targets::credentialUsage);
    }

    public void delete(Caller caller, String id) {
        db.write(h -> {
            Credential c = store.byId(h, id).orElseThrow(() -> Refusal.notFound("no credential " + id));
            List<String> users = targets.credentialUsage(h).getOrDefault(id, List.of());
            if (!users.isEmpty()) {
                throw Refusal.conflict("credential '" + c.name() + "' is used by target(s) " + String.join(", ", users)
                        + ": change or delete them first", "資格情報「" + c.name() + "」は収集対象 " + String.join("、", users)
                        + " が使っています。先にそれらを変更するか削除してください");
            }
            store.delete(h, id);
            audit.append(h, caller.actor(), "credential.delete", id, Map.of("name", c.name(), "kind", c.kind()));
            return null;
        });
    }

    /** Decrypts a credential for one run; the values live only in the returned object. */
    public TargetSecrets secrets(Credential c) {
        byte[] plain = cipher.open(c.id(), c.sealed());
        Map<String, Object> s;
        try {
            s = CredentialStore.parse(new String(plain, StandardCharsets.UTF_8));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        return switch (c.kind()) {
            case Credential.SSH_PASSWORD -> new TargetSecrets(SshCredentials.password(c.username(), str(s, "password")), null, null);
            case Credential.SSH_KEY -> new TargetSecrets(SshCredentials.privateKey(c.username(), str(s, "privateKey"), str(s, "passphrase")), null, null);
            default -> new TargetSecrets(null, str(s, "community"), v3(c.username(), str(c.settings(), "authProtocol"), str(s, "authPassphrase"),
                    str(c.settings(), "privProtocol"), str(s, "privPassphrase")));
        };
    }

    private record Parsed(String username, Map<String, Object> settings, Map<String, Object> secret, String fingerprint) {
    }

    private static Parsed sshPassword(NewCredential r) {
        only(r, "password");
        String user = username(r.username());
        if (r.password() == null || r.password().isEmpty() || r.password().length() > 1024) {
            throw Refusal.badRequest("password is required for ssh-password (1..1024 characters)", "SSH パスワードを入力してください（1,024文字以内）");
        }
        return new Parsed(user, Map.of(), Map.of("password", r.password()), null);
    }

    private static Parsed sshKey(NewCredential r) {
        only(r, "privateKey", "passphrase");
        String user = username(r.username());
        if (r.privateKey() == null || r.privateKey().isBlank() || r.privateKey().length() > MAX_SECRET) {
            throw Refusal.badRequest("privateKey is required for ssh-key: the PEM text (at most " + MAX_SECRET + " characters)",
                    "SSH 秘密鍵（PEM 形式のテキスト、" + MAX_SECRET + " 文字以内）を入力してください");
        }
        try {
            SshCredentials.privateKey(user, r.privateKey(), r.passphrase());
        } catch (IllegalArgumentException e) {
            throw Refusal.badRequest(e.getMessage());
        }
        String fp = publicKeyFingerprint(r.privateKey(), r.passphrase());
        Map<String, Object> secret = new LinkedHashMap<>();
        secret.put("privateKey", r.privateKey());
        if (r.passphrase() != null && !r.passphrase().isEmpty()) {
            secret.put("passphrase", r.passphrase());
        }
        return new Parsed(user, Map.of("passphrase", r.passphrase() != null && !r.passphrase().isEmpty()), secret, fp);
    }

    private static Parsed snmp(NewCredential r) {
        only(r, "community", "authProtocol", "authPassphrase", "privProtocol", "privPassphrase");
        boolean v3 = r.username() != null && !r.username().isBlank();
        if (r.community() == null && !v3) {
            throw Refusal.badRequest("an snmp credential needs a community (v1/v2c) and/or a v3 user (username with authProtocol, authPassphrase, privProtocol, privPassphrase)",
                    "SNMP の資格情報には、コミュニティ名（v1/v2c）か v3 のユーザー（ユーザー名と認証・暗号化の方式とパスフレーズ）が必要です");
        }
        if (r.community() != null && (r.community().isEmpty() || r.community().length() > 255)) {
            throw Refusal.badRequest("community must be 1..255 characters", "コミュニティ名は 1〜255 文字にしてください");
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        Map<String, Object> secret = new LinkedHashMap<>();
        settings.put("community", r.community() != null ? "set" : "none");
        if (r.community() != null) {
            secret.put("community", r.community());
        }
        if (!v3 && (r.authProtocol() != null || r.authPassphrase() != null || r.privProtocol() != null || r.privPassphrase() != null)) {
            throw Refusal.badRequest("SNMPv3 settings need the v3 user name in username", "SNMPv3 の設定にはユーザー名が必要です");
        }
        if (v3) {
            SnmpV3User u = v3(r.username().strip(), r.authProtocol(), r.authPassphrase(), r.privProtocol(), r.privPassphrase());
            settings.put("authProtocol", u.auth().label());
            settings.put("privProtocol", u.priv().label());
            settings.put("securityLevel", u.securityLevel());
            if (r.authPassphrase() != null) {
                secret.put("authPassphrase", r.authPassphrase());
            }
            if (r.privPassphrase() != null) {
                secret.put("privPassphrase", r.privPassphrase());
            }
        }
        return new Parsed(v3 ? r.username().strip() : null, settings, secret, null);
    }

    static SnmpV3User v3(String user, String auth, String authPass, String priv, String privPass) {
        if (user == null) {
            return null;
        }
        try {
            return new SnmpV3User(user, SnmpProtocols.auth(auth), authPass, SnmpProtocols.priv(priv), privPass);
        } catch (IllegalArgumentException e) {
            throw Refusal.badRequest(e.getMessage());
        }
    }

    private static String username(String u) {
        if (u == null || u.isBlank() || u.length() > 128 || u.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw Refusal.badRequest("username is required: 1..128 characters, no spaces", "ユーザー名を入力してください（128文字以内、空白なし）");
        }
        return u;
    }

    /** Refuses secret fields that do not belong to the credential's kind (they would be silently dropped otherwise). */
    private static void only(NewCredential r, String... allowed) {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("password", r.password());
        given.put("privateKey", r.privateKey());
        given.put("passphrase", r.passphrase());
        given.put("community", r.community());
        given.put("authProtocol", r.authProtocol());
        given.put("authPassphrase", r.authPassphrase());
        given.put("privProtocol", r.privProtocol());
        given.put("privPassphrase", r.privPassphrase());
        List<String> ok = List.of(allowed);
        for (Map.Entry<String, Object> e : given.entrySet()) {
            if (e.getValue() != null && !ok.contains(e.getKey())) {
                throw Refusal.badRequest(e.getKey() + " does not apply to a credential of kind " + r.kind());
            }
        }
    }

    /** SHA256:… of the public half, which proves the key (and passphrase) can be read without revealing anything. */
    private static String publicKeyFingerprint(String pem, String passphrase) {
        try (SSHClient client = new SSHClient()) {
            KeyProvider kp = client.loadKeys(pem, null,
                    passphrase == null || passphrase.isEmpty() ? null : PasswordUtils.createOneOff(passphrase.toCharArray()));
            return SshFingerprints.sha256(kp.getPublic());
        } catch (IOException | RuntimeException e) {
            throw Refusal.badRequest("the private key cannot be read (wrong passphrase, or not an OpenSSH/PEM/PKCS#8 key)",
                    "秘密鍵を読み取れません（パスフレーズが違うか、OpenSSH・PEM・PKCS#8 形式の鍵ではありません）");
        }
    }

    private static String str(Map<String, Object> m, String k) {
        return m.get(k) instanceof String s ? s : null;
    }
}
