package jp.akashi.probes.linux.auth;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.util.List;
import java.util.Map;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.EvidenceTrail;
import jp.akashi.probes.linux.Sources;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.util.KeyValueParser;

/**
 * Login policy on Linux beyond password length and lockout ({@link LinuxAuthProbe}): the hashing
 * algorithm of new passwords, su limited to a group, the default umask, the inactive lock of new
 * accounts and the accounts whose password never expires. Files only, so it works on an offline image.
 */
public final class LinuxLoginPolicyProbe extends PlatformProbe {
    static final String USERADD = "/etc/default/useradd";

    public LinuxLoginPolicyProbe() {
        super("linux.login_policy", ProbeContext.LINUX, List.of("auth.password.hash_algorithm", "account.su_restricted",
                "account.default_umask", "account.inactive_lock_days", "account.password_never_expires"));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        HostAccess h = ctx.host();
        FileRead defs = Sources.config(h, LinuxAuthProbe.LOGIN_DEFS);
        Map<String, String> kv = defs.ok() ? KeyValueParser.spaceSeparated(defs.content(), true) : Map.of();
        PamFiles pam = new PamFiles(h);
        hash(out, pam, defs, kv);
        su(out, pam);
        umask(out, defs, kv);
        inactive(h, out);
        neverExpires(h, out);
    }

    private static void hash(FactSink out, PamFiles pam, FileRead defs, Map<String, String> kv) {
        PamStack stack = PamStack.load("passwd", "password", pam::content);
        List<String> bad = pam.unreadable();
        if (!bad.isEmpty()) {
            out.error("auth.password.hash_algorithm", code("fact.files_unreadable_root", String.join(", ", bad)));
            return;
        }
        LoginPolicy.Setting s = LoginPolicy.hashAlgorithm(stack, kv);
        boolean fromPam = !s.line().startsWith("/etc/login.defs") && !s.line().startsWith("#");
        if (!fromPam && !defs.ok() && defs.status() != FileRead.Status.NOT_FOUND) {
            out.failed(defs, "auth.password.hash_algorithm");
            return;
        }
        EvidenceTrail t = new EvidenceTrail();
        PamFiles.cite(t, stack, List.of("pam_unix.so"));
        if (defs.ok()) {
            t.add("file:" + defs.path(), defs.content(), Sources.lines(defs.content(), "^\\s*(ENCRYPT_METHOD|MD5_CRYPT_ENAB)\\b"));
        }
        t.note("decided by " + s.line());
        out.ok("auth.password.hash_algorithm", s.value(), t.build("file:" + (fromPam ? pamPath(s.line()) : LinuxAuthProbe.LOGIN_DEFS)));
    }

    private static void su(FactSink out, PamFiles pam) {
        String su = pam.content("su");
        if (su == null) {
            out.error("account.su_restricted", pam.unreadable().isEmpty() ? code("auth.no_pam_su")
                    : code("fact.files_unreadable", String.join(", ", pam.unreadable())));
            return;
        }
        PamStack stack = PamStack.load("su", "auth", pam::content);
        LoginPolicy.Setting s = LoginPolicy.suRestricted(stack);
        EvidenceTrail t = new EvidenceTrail();
        PamFiles.cite(t, stack, List.of("pam_wheel.so"));
        t.note(s.line());
        boolean restricted = Boolean.parseBoolean(s.value());
        out.ok("account.su_restricted", restricted, t.build("file:" + (restricted ? pamPath(s.line()) : PamFiles.DIR + "su")));
    }

    /** The /etc/pam.d path of a "file: line" setting. */
    private static String pamPath(String line) {
        String f = line.substring(0, line.indexOf(": "));
        return f.startsWith("/") ? f : PamFiles.DIR + f;
    }

    private static void umask(FactSink out, FileRead defs, Map<String, String> kv) {
        if (!defs.ok()) {
            out.failed(defs, "account.default_umask");
            return;
        }
        String v = LoginPolicy.umask(kv.get("UMASK"));
        String excerpt = kv.containsKey("UMASK") ? Sources.lines(defs.content(), "^\\s*UMASK\\b") : "# UMASK not set: 022";
        if (v == null) {
            out.error("account.default_umask", code("fact.unexpected_setting_in", "UMASK", kv.get("UMASK"), defs.path()), Sources.of(defs, excerpt));
        } else {
            out.ok("account.default_umask", v, Sources.of(defs, excerpt));
        }
    }

    private static void inactive(HostAccess h, FactSink out) {
        FileRead f = Sources.config(h, USERADD);
        if (!f.ok() && f.status() != FileRead.Status.NOT_FOUND) {
            out.failed(f, "account.inactive_lock_days");
            return;
        }
        Long days = LoginPolicy.inactive(f.ok() ? f.content() : null);
        Evidence ev = f.ok() ? Sources.of(f, f.content().contains("INACTIVE=") ? Sources.lines(f.content(), "^\\s*INACTIVE=")
                : "# INACTIVE not set: -1 (never)") : Evidence.of("probe:linux.login_policy", USERADD + " does not exist: useradd's default INACTIVE=-1");
        if (days == null) {
            out.error("account.inactive_lock_days", code("fact.unexpected_name_in", "INACTIVE", USERADD), ev);
        } else {
            out.ok("account.inactive_lock_days", days, ev);
        }
    }

    private static void neverExpires(HostAccess h, FactSink out) {
        FileRead passwd = h.read("/etc/passwd");
        FileRead shadow = h.read("/etc/shadow");
        if (!passwd.ok() || !shadow.ok()) {
            out.failed(!passwd.ok() ? passwd : shadow, "account.password_never_expires");
            return;
        }
        List<String> names = LoginPolicy.neverExpires(passwd.content(), shadow.content());
        // the excerpt names accounts, never a hash
        out.ok("account.password_never_expires", names, new EvidenceTrail()
                .add("file:/etc/shadow", shadow.content(), names.isEmpty() ? "every account with a login shell and a usable password has a maximum age"
                        : "maximum password age empty or >= 99999 (never expires): " + String.join(", ", names))
                .add("file:/etc/passwd", passwd.content(), "")
                .build("file:/etc/shadow"));
    }
}
