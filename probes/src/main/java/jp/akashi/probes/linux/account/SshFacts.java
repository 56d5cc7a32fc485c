package jp.akashi.probes.linux.account;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.ConfigReader;
import jp.akashi.probes.linux.Sources;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.model.MessageCode;

/**
 * {@code account.ssh.*}: the OpenSSH server's effective login settings, from {@code sshd -T} as root
 * (the daemon's own view) or else from the configuration files read the way sshd reads them. The
 * settings made inside {@code Match} blocks ({@code account.ssh.match_overrides}) always come from
 * the files: {@code sshd -T} without connection parameters prints only the global values.
 */
final class SshFacts {
    static final String SSHD_CONFIG = "/etc/ssh/sshd_config";
    /** Every key this class records besides {@code account.ssh.server_installed}. */
    static final List<String> KEYS = List.of("account.ssh.permit_root_login", "account.ssh.password_authentication",
            "account.ssh.permit_empty_passwords", "account.ssh.max_auth_tries", "account.ssh.client_alive_interval",
            "account.ssh.client_alive_count_max", "account.ssh.agent_forwarding", "account.ssh.tcp_forwarding",
            "account.ssh.x11_forwarding", "account.ssh.ciphers", "account.ssh.macs", "account.ssh.kex_algorithms",
            "account.ssh.banner", "account.ssh.match_overrides");
    /** The sshd keywords behind {@link #KEYS}, in the order of the evidence excerpt. */
    private static final List<String> KEYWORDS = List.of("permitrootlogin", "passwordauthentication", "permitemptypasswords",
            "maxauthtries", "clientaliveinterval", "clientalivecountmax", "allowagentforwarding", "allowtcpforwarding",
            "x11forwarding", "ciphers", "macs", "kexalgorithms", "banner");

    private SshFacts() {
    }

    static void collect(HostAccess h, FactSink out) {
        boolean hasDaemon = h.hasCommand("sshd");
        boolean hasConfig = h.stat(SSHD_CONFIG).isPresent();
        // evidence for "no SSH login at all": neither the daemon nor its configuration exists
        out.ok("account.ssh.server_installed", hasDaemon || hasConfig, Evidence.of("probe:linux.account",
                "sshd on PATH: " + hasDaemon + ", " + SSHD_CONFIG + " present: " + hasConfig));
        if (!hasDaemon && !hasConfig) {
            for (String k : KEYS) {
                out.unsupported(k, code("ssh.server_not_installed", SSHD_CONFIG));
            }
            return;
        }
        ConfigReader reader = new ConfigReader(h);
        SshdConfig.Parsed p = SshdConfig.fromFiles(SSHD_CONFIG, reader::content, reader::files);
        List<String> unreadable = reader.unreadable();
        MessageCode fileProblem = !unreadable.isEmpty() ? code("fact.files_unreadable", String.join(", ", unreadable))
                : p.files().isEmpty() ? code("fact.file_missing", SSHD_CONFIG) : null;
        if (fileProblem == null) {
            out.ok("account.ssh.match_overrides", List.copyOf(p.match()), Evidence.of("file:" + SSHD_CONFIG, reader.joined(),
                    "# files: " + String.join(", ", p.files()) + "\n" + (p.match().isEmpty() ? "# no Match block sets a login or forwarding setting"
                            : String.join("\n", p.match()))));
        } else {
            out.error("account.ssh.match_overrides", fileProblem);
        }
        String testFailure = null;
        if (hasDaemon && h.privileged()) {
            CommandResult r = Sources.run(h, Sources.QUICK, "sshd", "-T");
            Map<String, String> s = r.succeeded() ? SshdConfig.fromTest(r.stdout()) : Map.of();
            if (s.containsKey("permitrootlogin")) {
                sshFacts(out, s, "cmd:" + r.command(), r.stdout(), Sources.lines(r.stdout(),
                        "^(" + String.join("|", KEYWORDS) + ") "), true);
                return;
            }
            testFailure = r.succeeded() ? "sshd -T printed no permitrootlogin" : r.describeFailure();
        }
        if (fileProblem != null) {
            for (String k : KEYS) {
                if (!k.equals("account.ssh.match_overrides")) {
                    out.error(k, testFailure == null ? fileProblem : !unreadable.isEmpty()
                            ? code("ssh.files_unreadable_test_failed", String.join(", ", unreadable), testFailure)
                            : code("ssh.config_missing_test_failed", SSHD_CONFIG, testFailure));
                }
            }
            return;
        }
        StringBuilder ex = new StringBuilder();
        if (testFailure != null) {
            ex.append("# sshd -T failed (").append(testFailure).append("); read the files instead\n");
        } else {
            ex.append("# read the configuration files (sshd -T needs root)\n");
        }
        ex.append("# files: ").append(String.join(", ", p.files())).append('\n');
        for (String k : KEYWORDS) {
            ex.append(p.lines().containsKey(k) ? p.lines().get(k) : "# " + k + " not set: OpenSSH default " + SshdConfig.DEFAULTS.get(k))
                    .append('\n');
        }
        sshFacts(out, p.settings(), "file:" + SSHD_CONFIG, reader.joined(), ex.toString(), false);
    }

    /**
     * The compiled-in algorithm lists change with each OpenSSH release (9.9 added sntrup761x25519-sha512 and
     * mlkem768x25519-sha256), so a list the files leave to the default, or change relative to it, is known only
     * from sshd -T.
     */
    private static void algorithms(FactSink out, String key, String keyword, String name, Map<String, String> s, boolean fromTest,
                                   Evidence ev) {
        String v = s.get(keyword);
        if (!fromTest && (v == null || v.isEmpty() || "+-^".indexOf(v.charAt(0)) >= 0)) {
            out.unsupported(key, v == null ? code("ssh.default_unknown_unset", name) : code("ssh.default_unknown_relative", name, v));
            return;
        }
        out.ok(key, new ArrayList<>(SshdConfig.algorithms(keyword, v)), ev);
    }

    private static void sshFacts(FactSink out, Map<String, String> s, String source, String content, String excerpt, boolean fromTest) {
        String root = value(s, "permitrootlogin");
        Evidence ev = Evidence.of(source, content, excerpt);
        if (root.matches("yes|no|prohibit-password|forced-commands-only")) {
            out.ok("account.ssh.permit_root_login", root, ev);
        } else {
            out.error("account.ssh.permit_root_login", code("fact.unexpected_setting", "PermitRootLogin", root), ev);
        }
        bool(out, "account.ssh.password_authentication", value(s, "passwordauthentication"), ev);
        bool(out, "account.ssh.permit_empty_passwords", value(s, "permitemptypasswords"), ev);
        bool(out, "account.ssh.agent_forwarding", value(s, "allowagentforwarding"), ev);
        bool(out, "account.ssh.x11_forwarding", value(s, "x11forwarding"), ev);
        number(out, "account.ssh.max_auth_tries", "MaxAuthTries", value(s, "maxauthtries"), false, ev);
        number(out, "account.ssh.client_alive_interval", "ClientAliveInterval", value(s, "clientaliveinterval"), true, ev);
        number(out, "account.ssh.client_alive_count_max", "ClientAliveCountMax", value(s, "clientalivecountmax"), false, ev);
        String tcp = value(s, "allowtcpforwarding");
        if (tcp.matches("yes|no|all|local|remote")) {
            // "all" is the same as yes (sshd_config(5))
            out.ok("account.ssh.tcp_forwarding", tcp.equals("all") ? "yes" : tcp, ev);
        } else {
            out.error("account.ssh.tcp_forwarding", code("fact.unexpected_setting", "AllowTcpForwarding", tcp), ev);
        }
        // sshd -T prints resolved lists; the files may say +list, -list or ^list relative to the compiled-in default
        algorithms(out, "account.ssh.ciphers", "ciphers", "Ciphers", s, fromTest, ev);
        algorithms(out, "account.ssh.macs", "macs", "MACs", s, fromTest, ev);
        algorithms(out, "account.ssh.kex_algorithms", "kexalgorithms", "KexAlgorithms", s, fromTest, ev);
        out.ok("account.ssh.banner", value(s, "banner"), ev);
    }

    private static String value(Map<String, String> s, String key) {
        return s.getOrDefault(key, SshdConfig.DEFAULTS.get(key));
    }

    private static void number(FactSink out, String key, String name, String v, boolean time, Evidence ev) {
        Long n = time ? SshdConfig.seconds(v) : v.matches("\\d{1,6}") ? Long.valueOf(v) : null;
        if (n != null) {
            out.ok(key, n, ev);
        } else {
            out.error(key, code("fact.unexpected_setting", name, v), ev);
        }
    }

    private static void bool(FactSink out, String key, String v, Evidence ev) {
        if (v.equals("yes") || v.equals("no")) {
            out.ok(key, v.equals("yes"), ev);
        } else {
            out.error(key, code("fact.unexpected_value", v), ev);
        }
    }
}
