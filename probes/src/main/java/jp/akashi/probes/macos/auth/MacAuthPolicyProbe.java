package jp.akashi.probes.macos.auth;

import static jp.akashi.probes.model.ProbeMessages.code;

import static jp.akashi.probes.macos.MacFacts.ev;

import java.util.List;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.macos.MacFacts;
import jp.akashi.probes.model.Evidence;

/**
 * {@code auth.password.*} and {@code auth.lockout.*} on macOS from the global account policy
 * ({@code pwpolicy getaccountpolicies}; set by configuration profiles or pwpolicy). A policy that
 * is not set is not enforced and is recorded as 0. macOS has no minimum password age.
 */
public final class MacAuthPolicyProbe extends PlatformProbe {
    private static final List<String> KEYS = List.of("auth.password.min_length", "auth.password.complexity_classes",
            "auth.password.max_age_days", "auth.password.min_age_days", "auth.password.history", "auth.lockout.enabled",
            "auth.lockout.threshold", "auth.lockout.duration_seconds");

    public MacAuthPolicyProbe() {
        super("macos.auth", ProbeContext.MACOS, KEYS);
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        CommandResult r = MacFacts.run(ctx.host(), MacFacts.SHORT, "pwpolicy", "getaccountpolicies");
        if (!r.succeeded()) {
            out.failed(r, KEYS.toArray(String[]::new));
            return;
        }
        Evidence ev = ev(r);
        PwPolicy p;
        try {
            p = PwPolicy.parse(r.stdout() + r.stderr());
        } catch (IllegalArgumentException e) {
            for (String k : KEYS) {
                out.error(k, code("fact.output_unparsed_of", "pwpolicy getaccountpolicies", e.getMessage()), ev);
            }
            return;
        }
        out.ok("auth.password.min_length", p.minLength(), ev);
        out.ok("auth.password.complexity_classes", p.complexityClasses(), ev);
        out.ok("auth.password.max_age_days", p.maxAgeDays(), ev);
        out.ok("auth.password.min_age_days", 0L, ev);
        out.ok("auth.password.history", p.history(), ev);
        out.ok("auth.lockout.enabled", p.lockoutThreshold() > 0, ev);
        out.ok("auth.lockout.threshold", p.lockoutThreshold(), ev);
        if (p.lockoutSeconds() == null) {
            out.unsupported("auth.lockout.duration_seconds", code("auth.lockout_off_no_policy"));
        } else {
            out.ok("auth.lockout.duration_seconds", p.lockoutSeconds(), ev);
        }
    }
}
