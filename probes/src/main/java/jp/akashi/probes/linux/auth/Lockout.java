package jp.akashi.probes.linux.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Account lockout of one PAM auth stack: pam_faillock (configured in faillock.conf, overridden by
 * module arguments) or the older pam_tally2/pam_tally.
 *
 * @param threshold        failed attempts before the account locks; 0 when nothing locks
 * @param durationSeconds  how long it stays locked; 0 = until an administrator unlocks it
 * @param how              what decided, for evidence
 */
public record Lockout(boolean enabled, int threshold, long durationSeconds, String how) {

    /** faillock.conf defaults (pam_faillock(8)): deny=3, unlock_time=600. */
    static final int FAILLOCK_DENY = 3;
    static final int FAILLOCK_UNLOCK = 600;

    /**
     * Decides from the auth lines of one stack. {@code faillockConf} is faillock.conf parsed (empty
     * when absent); malformed values go to {@code bad}.
     */
    public static Lockout of(PamStack auth, Map<String, String> faillockConf, List<String> bad) {
        List<PamStack.Line> faillock = auth.module("pam_faillock.so");
        // failures are counted by the authfail call (a line with neither preauth nor authsucc defaults to it)
        boolean counts = faillock.stream().anyMatch(l -> l.flag("authfail") || (!l.flag("preauth") && !l.flag("authsucc")));
        if (counts) {
            Map<String, String> kv = new LinkedHashMap<>(faillockConf);
            for (PamStack.Line l : faillock) {
                kv.putAll(l.args());
            }
            Integer deny = ConfigLines.integer(kv, "deny", FAILLOCK_DENY);
            String unlock = kv.getOrDefault("unlock_time", String.valueOf(FAILLOCK_UNLOCK));
            Long duration = unlock.equals("never") ? Long.valueOf(0) : unlock.matches("\\d{1,9}") ? Long.valueOf(unlock) : null;
            if (deny == null || duration == null) {
                bad.add("pam_faillock deny=" + kv.get("deny") + " unlock_time=" + unlock);
                return null;
            }
            return new Lockout(deny > 0, deny, duration, "pam_faillock deny=" + deny + " unlock_time=" + unlock);
        }
        for (String tally : List.of("pam_tally2.so", "pam_tally.so")) {
            List<PamStack.Line> lines = new ArrayList<>(auth.module(tally));
            if (lines.isEmpty()) {
                continue;
            }
            Map<String, String> args = lines.get(0).args();
            // without deny= pam_tally only counts
            Integer deny = ConfigLines.integer(args, "deny", 0);
            Integer unlock = ConfigLines.integer(args, "unlock_time", 0);
            if (deny == null || unlock == null) {
                bad.add(tally + " deny=" + args.get("deny") + " unlock_time=" + args.get("unlock_time"));
                return null;
            }
            return new Lockout(deny > 0, deny, unlock, tally + " deny=" + deny + " unlock_time=" + unlock);
        }
        return new Lockout(false, 0, 0, faillock.isEmpty() ? "no pam_faillock, pam_tally2 or pam_tally in the auth stack"
                : "pam_faillock only checks (preauth) and never records failures (no authfail line)");
    }

    /** The weaker of two stacks' lockouts: a host is only as locked down as its laxest login path. */
    public static Lockout weaker(Lockout a, Lockout b) {
        if (!a.enabled() || !b.enabled()) {
            return !a.enabled() ? a : b;
        }
        if (a.threshold() != b.threshold()) {
            return a.threshold() > b.threshold() ? a : b;
        }
        // 0 = until an administrator unlocks, the strongest
        long da = a.durationSeconds() == 0 ? Long.MAX_VALUE : a.durationSeconds();
        long db = b.durationSeconds() == 0 ? Long.MAX_VALUE : b.durationSeconds();
        return da <= db ? a : b;
    }
}
