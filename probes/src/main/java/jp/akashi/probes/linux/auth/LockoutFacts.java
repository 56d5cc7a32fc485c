package jp.akashi.probes.linux.auth;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.EvidenceTrail;
import jp.akashi.probes.linux.Sources;

/**
 * {@code auth.lockout.*}: pam_faillock (faillock.conf under the module arguments) or pam_tally2 in the
 * auth stacks of the ways in, sshd and the console login.
 */
final class LockoutFacts {
    static final String FAILLOCK = "/etc/security/faillock.conf";
    private static final List<String> LOCKOUT_MODULES = List.of("pam_faillock.so", "pam_tally2.so", "pam_tally.so");

    private LockoutFacts() {
    }

    /**
     * Lockout must hold for every way in: the auth stacks of sshd and login (console) are
     * evaluated and the weaker one is reported.
     */
    static void collect(HostAccess h, FactSink out) {
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
                out.error(k, code("fact.files_unreadable", String.join(", ", unreadable)));
            }
            return;
        }
        if (stacks.isEmpty()) {
            for (String k : keys) {
                out.error(k, code("auth.no_pam_stack", PamFiles.DIR + "sshd, login, common-auth, system-auth"));
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
                out.error(k, code("auth.malformed_lockout", String.join(", ", bad)), t.build("file:" + PamFiles.DIR));
            }
            return;
        }
        out.ok("auth.lockout.enabled", result.enabled(), t.build("file:" + decidingFile));
        out.ok("auth.lockout.threshold", result.enabled() ? (long) result.threshold() : 0L, t.build("file:" + decidingFile));
        if (result.enabled()) {
            out.ok("auth.lockout.duration_seconds", result.durationSeconds(), t.build("file:" + decidingFile));
        } else {
            out.unsupported("auth.lockout.duration_seconds", code("auth.lockout_disabled", result.how()));
        }
    }
}
