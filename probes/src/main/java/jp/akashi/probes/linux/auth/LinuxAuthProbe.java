package jp.akashi.probes.linux.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.Probe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.EvidenceTrail;
import jp.akashi.probes.linux.Sources;
import jp.akashi.probes.util.KeyValueParser;

/**
 * {@code auth.password.*} and {@code auth.lockout.*} on Linux, from the PAM stacks that govern
 * password changes ({@code passwd}) and logins ({@code sshd}, {@code login}), the modules'
 * configuration files under /etc/security, and /etc/login.defs for password ageing. Module
 * arguments override configuration files; the evidence names the file and line that decided.
 */
public final class LinuxAuthProbe implements Probe {
    static final String PWQUALITY = "/etc/security/pwquality.conf";
    static final String FAILLOCK = "/etc/security/faillock.conf";
    static final String PWHISTORY = "/etc/security/pwhistory.conf";
    static final String LOGIN_DEFS = "/etc/login.defs";
    private static final List<String> PASSWORD_MODULES = List.of("pam_pwquality.so", "pam_cracklib.so", "pam_unix.so",
            "pam_pwhistory.so", "pam_passwdqc.so");
    private static final List<String> LOCKOUT_MODULES = List.of("pam_faillock.so", "pam_tally2.so", "pam_tally.so");
    /** pam_unix(8): "minlen=n ... The default value is 6." */
    private static final int PAM_UNIX_MINLEN = 6;
    /** pam_pwhistory(8): "remember=N ... The default is 10." */
    private static final int PWHISTORY_REMEMBER = 10;

    @Override
    public String id() {
        return "linux.auth";
    }

    @Override
    public List<String> keys() {
        return List.of("auth.password.min_length", "auth.password.complexity_classes", "auth.password.max_age_days",
                "auth.password.min_age_days", "auth.password.history", "auth.lockout.enabled", "auth.lockout.threshold",
                "auth.lockout.duration_seconds");
    }

    @Override
    public boolean appliesTo(ProbeContext ctx) {
        return ctx.isLinux();
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        HostAccess h = ctx.host();
        FileRead defs = Sources.config(h, LOGIN_DEFS);
        ageing(out, defs);
        password(h, out, defs);
        lockout(h, out);
    }

    /** shadow-utils applies PASS_MAX_DAYS/PASS_MIN_DAYS to accounts created after they were set. */
    private static void ageing(FactSink out, FileRead defs) {
        if (!defs.ok()) {
            out.failed(defs, "auth.password.max_age_days", "auth.password.min_age_days");
            return;
        }
        Map<String, String> kv = KeyValueParser.spaceSeparated(defs.content(), true);
        String excerpt = Sources.lines(defs.content(), "^\\s*PASS_(MAX|MIN)_DAYS\\b");
        day(out, "auth.password.max_age_days", kv.get("PASS_MAX_DAYS"), defs, excerpt, true);
        day(out, "auth.password.min_age_days", kv.get("PASS_MIN_DAYS"), defs, excerpt, false);
    }

    private static void day(FactSink out, String key, String v, FileRead defs, String excerpt, boolean max) {
        if (v == null) {
            // unset: shadow-utils uses -1, no limit
            out.ok(key, 0L, Sources.of(defs, "# " + (max ? "PASS_MAX_DAYS" : "PASS_MIN_DAYS") + " not set: no limit"));
        } else if (v.matches("-?\\d{1,9}")) {
            long d = Long.parseLong(v);
            // 99999 (and -1) are how login.defs says "never expires"
            out.ok(key, d < 0 || (max && d >= 99999) ? 0L : d, Sources.of(defs, excerpt));
        } else {
            out.error(key, "unexpected value " + v + " in " + LOGIN_DEFS, Sources.of(defs, excerpt));
        }
    }

    private static void password(HostAccess h, FactSink out, FileRead defs) {
        String[] keys = {"auth.password.min_length", "auth.password.complexity_classes", "auth.password.history"};
        PamFiles pam = new PamFiles(h);
        PamStack stack = pam.firstStack("password", "passwd", "common-password", "system-auth");
        if (!pam.unreadable().isEmpty()) {
            for (String k : keys) {
                out.error(k, "cannot read " + String.join(", ", pam.unreadable()));
            }
            return;
        }
        if (stack == null) {
            noPamStack(out, defs);
            return;
        }
        EvidenceTrail t = new EvidenceTrail();
        PamFiles.cite(t, stack, PASSWORD_MODULES);
        if (stack.has("pam_passwdqc.so")) {
            for (String k : keys) {
                out.error(k, "pam_passwdqc is in the password stack and its rules are not evaluated", t.build("file:" + PamFiles.DIR + "passwd"));
            }
            return;
        }
        List<String> bad = new ArrayList<>();
        int minLength = 0;
        int classes = 0;
        String decidedBy = "nothing in the stack checks length";
        String decidingFile = PamFiles.DIR + stack.lines().get(0).file();
        PwQuality q = quality(h, stack, t, bad);
        if (q != null) {
            minLength = q.shortestAccepted();
            classes = q.requiredClasses();
            decidedBy = (stack.has("pam_pwquality.so") ? "pam_pwquality" : "pam_cracklib") + " (" + q.describe() + ")";
            decidingFile = PamFiles.DIR + stack.module(stack.has("pam_pwquality.so") ? "pam_pwquality.so" : "pam_cracklib.so").get(0).file();
        }
        for (PamStack.Line unix : stack.module("pam_unix.so")) {
            Integer n = ConfigLines.integer(unix.args(), "minlen", PAM_UNIX_MINLEN);
            if (n == null) {
                bad.add("pam_unix minlen=" + unix.arg("minlen"));
            } else if (n > minLength) {
                minLength = n;
                decidedBy = "pam_unix minlen " + n + (unix.flag("minlen") ? "" : " (its default)");
                decidingFile = PamFiles.DIR + unix.file();
            }
        }
        Integer history = history(h, stack, t, bad);
        if (!bad.isEmpty()) {
            for (String k : keys) {
                out.error(k, "malformed settings: " + String.join(", ", bad), t.build("file:" + decidingFile));
            }
            return;
        }
        t.note("shortest accepted password " + minLength + ": " + decidedBy);
        t.note("required character classes " + classes);
        t.note("password history " + history);
        out.ok("auth.password.min_length", (long) minLength, t.build("file:" + decidingFile));
        out.ok("auth.password.complexity_classes", (long) classes, t.build("file:" + decidingFile));
        out.ok("auth.password.history", (long) history, t.build("file:" + decidingFile));
    }

    /** Without any PAM password stack, shadow's own PASS_MIN_LEN is all there is. */
    private static void noPamStack(FactSink out, FileRead defs) {
        String why = "no PAM password stack (" + PamFiles.DIR + "passwd, common-password, system-auth)";
        String minLen = defs.ok() ? KeyValueParser.spaceSeparated(defs.content(), true).get("PASS_MIN_LEN") : null;
        if (minLen != null && minLen.matches("\\d{1,4}")) {
            out.ok("auth.password.min_length", Long.parseLong(minLen),
                    Sources.of(defs, Sources.lines(defs.content(), "^\\s*PASS_MIN_LEN\\b") + "# " + why));
        } else {
            out.error("auth.password.min_length", why + " and no PASS_MIN_LEN in " + LOGIN_DEFS);
        }
        out.error("auth.password.complexity_classes", why);
        out.error("auth.password.history", why);
    }

    /** pam_pwquality: defaults ← pwquality.conf ← pwquality.conf.d/*.conf ← module arguments; pam_cracklib: defaults ← arguments. */
    private static PwQuality quality(HostAccess h, PamStack stack, EvidenceTrail t, List<String> bad) {
        List<PamStack.Line> pwq = stack.module("pam_pwquality.so");
        if (!pwq.isEmpty()) {
            PwQuality q = PwQuality.pwqualityDefaults();
            List<FileRead> confs = new ArrayList<>();
            confs.add(Sources.config(h, PWQUALITY));
            confs.addAll(Sources.dropIns(h, PWQUALITY + ".d", ".conf"));
            for (FileRead f : confs) {
                if (f.ok()) {
                    q = q.with(ConfigLines.parse(f.content()), bad);
                    t.add("file:" + f.path(), f.content(), Sources.withoutComments(f.content()));
                } else if (f.status() != FileRead.Status.NOT_FOUND) {
                    bad.add(f.path() + " unreadable (" + f.problem() + ")");
                }
            }
            return q.with(pwq.get(0).args(), bad);
        }
        List<PamStack.Line> crack = stack.module("pam_cracklib.so");
        return crack.isEmpty() ? null : PwQuality.cracklibDefaults().with(crack.get(0).args(), bad);
    }

    /** pam_pwhistory remember (pwhistory.conf, then arguments; 10 by default) and pam_unix remember: the larger. */
    private static Integer history(HostAccess h, PamStack stack, EvidenceTrail t, List<String> bad) {
        int history = 0;
        List<PamStack.Line> pwh = stack.module("pam_pwhistory.so");
        if (!pwh.isEmpty()) {
            Map<String, String> kv = new LinkedHashMap<>();
            FileRead conf = Sources.config(h, PWHISTORY);
            if (conf.ok()) {
                kv.putAll(ConfigLines.parse(conf.content()));
                t.add("file:" + PWHISTORY, conf.content(), Sources.withoutComments(conf.content()));
            }
            kv.putAll(pwh.get(0).args());
            Integer n = ConfigLines.integer(kv, "remember", PWHISTORY_REMEMBER);
            if (n == null) {
                bad.add("pam_pwhistory remember=" + kv.get("remember"));
            } else {
                history = n;
            }
        }
        for (PamStack.Line unix : stack.module("pam_unix.so")) {
            Integer n = ConfigLines.integer(unix.args(), "remember", 0);
            if (n == null) {
                bad.add("pam_unix remember=" + unix.arg("remember"));
            } else {
                history = Math.max(history, n);
            }
        }
        return history;
    }

    /**
     * Lockout must hold for every way in: the auth stacks of sshd and login (console) are
     * evaluated and the weaker one is reported.
     */
    private static void lockout(HostAccess h, FactSink out) {
        String[] keys = {"auth.lockout.enabled", "auth.lockout.threshold", "auth.lockout.duration_seconds"};
        PamFiles pam = new PamFiles(h);
        List<PamStack> stacks = new ArrayList<>();
        for (String service : List.of("sshd", "login")) {
            PamStack s = PamStack.load(service, "auth", pam::content);
            if (!s.isEmpty()) {
                stacks.add(s);
            }
        }
        if (stacks.isEmpty()) {
            PamStack s = pam.firstStack("auth", "common-auth", "system-auth");
            if (s != null) {
                stacks.add(s);
            }
        }
        FileRead conf = Sources.config(h, FAILLOCK);
        List<String> unreadable = pam.unreadable();
        if (conf.status() == FileRead.Status.DENIED || conf.status() == FileRead.Status.ERROR) {
            unreadable.add(FAILLOCK + " (" + conf.problem() + ")");
        }
        if (!unreadable.isEmpty()) {
            for (String k : keys) {
                out.error(k, "cannot read " + String.join(", ", unreadable));
            }
            return;
        }
        if (stacks.isEmpty()) {
            for (String k : keys) {
                out.error(k, "no PAM auth stack (" + PamFiles.DIR + "sshd, login, common-auth, system-auth)");
            }
            return;
        }
        Map<String, String> faillock = conf.ok() ? ConfigLines.parse(conf.content()) : Map.of();
        EvidenceTrail t = new EvidenceTrail();
        List<String> bad = new ArrayList<>();
        Lockout result = null;
        String decidingFile = null;
        for (PamStack s : stacks) {
            PamFiles.cite(t, s, LOCKOUT_MODULES);
            Lockout l = Lockout.of(s, faillock, bad);
            if (l == null) {
                continue;
            }
            t.note("service " + s.files().keySet().iterator().next() + ": " + l.how());
            if (result == null || Lockout.weaker(result, l) == l) {
                result = l;
                decidingFile = PamFiles.DIR + s.files().keySet().iterator().next();
            }
        }
        if (conf.ok() && result != null && result.how().startsWith("pam_faillock")) {
            t.add("file:" + FAILLOCK, conf.content(), Sources.withoutComments(conf.content()));
        }
        if (!bad.isEmpty() || result == null) {
            for (String k : keys) {
                out.error(k, "malformed lockout settings: " + String.join(", ", bad), t.build("file:" + PamFiles.DIR));
            }
            return;
        }
        out.ok("auth.lockout.enabled", result.enabled(), t.build("file:" + decidingFile));
        out.ok("auth.lockout.threshold", result.enabled() ? (long) result.threshold() : 0L, t.build("file:" + decidingFile));
        if (result.enabled()) {
            out.ok("auth.lockout.duration_seconds", result.durationSeconds(), t.build("file:" + decidingFile));
        } else {
            out.unsupported("auth.lockout.duration_seconds", "account lockout is not enabled (" + result.how() + ")");
        }
    }
}
