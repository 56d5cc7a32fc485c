package jp.akashi.probes.linux.account;

import java.util.List;
import java.util.Map;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.ConfigReader;
import jp.akashi.probes.linux.Sources;
import jp.akashi.probes.model.Evidence;

/**
 * {@code account.ssh.*}: the OpenSSH server's effective login settings, from {@code sshd -T} as root
 * (the daemon's own view) or else from the configuration files read the way sshd reads them.
 */
final class SshFacts {
    static final String SSHD_CONFIG = "/etc/ssh/sshd_config";

    private SshFacts() {
    }

    static void collect(HostAccess h, FactSink out) {
        String[] keys = {"account.ssh.permit_root_login", "account.ssh.password_authentication",
                "account.ssh.permit_empty_passwords", "account.ssh.max_auth_tries"};
        boolean hasDaemon = h.hasCommand("sshd");
        boolean hasConfig = h.stat(SSHD_CONFIG).isPresent();
        // evidence for "no SSH login at all": neither the daemon nor its configuration exists
        out.ok("account.ssh.server_installed", hasDaemon || hasConfig, jp.akashi.probes.model.Evidence.of("probe:linux.account",
                "sshd on PATH: " + hasDaemon + ", " + SSHD_CONFIG + " present: " + hasConfig));
        if (!hasDaemon && !hasConfig) {
            for (String k : keys) {
                out.unsupported(k, "OpenSSH server is not installed (no sshd, no " + SSHD_CONFIG + ")");
            }
            return;
        }
        String testFailure = null;
        if (hasDaemon && h.privileged()) {
            CommandResult r = Sources.run(h, Sources.QUICK, "sshd", "-T");
            Map<String, String> s = r.succeeded() ? SshdConfig.fromTest(r.stdout()) : Map.of();
            if (s.containsKey("permitrootlogin")) {
                sshFacts(out, s, "cmd:" + r.command(), r.stdout(), Sources.lines(r.stdout(),
                        "^(permitrootlogin|passwordauthentication|permitemptypasswords|maxauthtries) "));
                return;
            }
            testFailure = r.succeeded() ? "sshd -T printed no permitrootlogin" : r.describeFailure();
        }
        ConfigReader reader = new ConfigReader(h);
        SshdConfig.Parsed p = SshdConfig.fromFiles(SSHD_CONFIG, reader::content, reader::files);
        List<String> unreadable = reader.unreadable();
        if (!unreadable.isEmpty() || p.files().isEmpty()) {
            String why = !unreadable.isEmpty() ? "cannot read " + String.join(", ", unreadable) : SSHD_CONFIG + " does not exist";
            for (String k : keys) {
                out.error(k, why + (testFailure == null ? "" : "; sshd -T: " + testFailure));
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
        for (String k : List.of("permitrootlogin", "passwordauthentication", "permitemptypasswords", "maxauthtries")) {
            ex.append(p.lines().containsKey(k) ? p.lines().get(k) : "# " + k + " not set: OpenSSH default " + SshdConfig.DEFAULTS.get(k))
                    .append('\n');
        }
        sshFacts(out, p.settings(), "file:" + SSHD_CONFIG, reader.joined(), ex.toString());
    }

    private static void sshFacts(FactSink out, Map<String, String> s, String source, String content, String excerpt) {
        String root = value(s, "permitrootlogin");
        String password = value(s, "passwordauthentication");
        String empty = value(s, "permitemptypasswords");
        String tries = value(s, "maxauthtries");
        Evidence ev = Evidence.of(source, content, excerpt);
        if (root.matches("yes|no|prohibit-password|forced-commands-only")) {
            out.ok("account.ssh.permit_root_login", root, ev);
        } else {
            out.error("account.ssh.permit_root_login", "unexpected PermitRootLogin " + root, ev);
        }
        bool(out, "account.ssh.password_authentication", password, ev);
        bool(out, "account.ssh.permit_empty_passwords", empty, ev);
        if (tries.matches("\\d{1,6}")) {
            out.ok("account.ssh.max_auth_tries", Long.parseLong(tries), ev);
        } else {
            out.error("account.ssh.max_auth_tries", "unexpected MaxAuthTries " + tries, ev);
        }
    }

    private static String value(Map<String, String> s, String key) {
        return s.getOrDefault(key, SshdConfig.DEFAULTS.get(key));
    }

    private static void bool(FactSink out, String key, String v, Evidence ev) {
        if (v.equals("yes") || v.equals("no")) {
            out.ok(key, v.equals("yes"), ev);
        } else {
            out.error(key, "unexpected value " + v, ev);
        }
    }
}
