package jp.akashi.probes.linux.auth;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.EvidenceTrail;
import jp.akashi.probes.linux.Sources;
import jp.akashi.probes.util.KeyValueParser;

/**
 * {@code auth.password.min_length}, {@code complexity_classes} and {@code history}: the rules of the
 * PAM stack that changes passwords ({@code passwd} and its includes), with pwquality's and
 * pwhistory's configuration files under the module arguments.
 */
final class PasswordFacts {
    static final String PWQUALITY = "/etc/security/pwquality.conf";
    static final String PWHISTORY = "/etc/security/pwhistory.conf";
    private static final List<String> PASSWORD_MODULES = List.of("pam_pwquality.so", "pam_cracklib.so", "pam_unix.so",
            "pam_pwhistory.so", "pam_passwdqc.so");
    /** pam_unix(8): "minlen=n ... The default value is 6." */
    private static final int PAM_UNIX_MINLEN = 6;
    /** pam_pwhistory(8): "remember=N ... The default is 10." */
    private static final int PWHISTORY_REMEMBER = 10;

    private PasswordFacts() {
    }

    static void collect(HostAccess h, FactSink out, FileRead defs) {
        String[] keys = {"auth.password.min_length", "auth.password.complexity_classes", "auth.password.history"};
        PamFiles pam = new PamFiles(h);
        PamStack stack = pam.firstStack("password", "passwd", "common-password", "system-auth");
        if (!pam.unreadable().isEmpty()) {
            for (String k : keys) {
                out.error(k, code("fact.files_unreadable", String.join(", ", pam.unreadable())));
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
                out.error(k, code("auth.passwdqc_not_evaluated"), t.build("file:" + PamFiles.DIR + "passwd"));
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
                out.error(k, code("auth.malformed_settings", String.join(", ", bad)), t.build("file:" + decidingFile));
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
            out.error("auth.password.min_length", code("auth.no_pam_password_stack_len", PamFiles.DIR, LinuxAuthProbe.LOGIN_DEFS));
        }
        out.error("auth.password.complexity_classes", code("auth.no_pam_password_stack", PamFiles.DIR));
        out.error("auth.password.history", code("auth.no_pam_password_stack", PamFiles.DIR));
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
}
