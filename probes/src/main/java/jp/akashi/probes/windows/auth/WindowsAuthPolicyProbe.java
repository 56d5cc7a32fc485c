package jp.akashi.probes.windows.auth;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.windows.FileExport;
import jp.akashi.probes.windows.WinSection;
import jp.akashi.probes.windows.WindowsInventory;

/**
 * {@code auth.password.*} and {@code auth.lockout.*} on Windows from the effective security policy
 * that {@code secedit /export} writes (local policy merged with domain Group Policy). Needs
 * Administrator rights.
 */
public final class WindowsAuthPolicyProbe extends PlatformProbe {
    private static final List<String> KEYS = List.of("auth.password.min_length", "auth.password.complexity_classes",
            "auth.password.max_age_days", "auth.password.min_age_days", "auth.password.history", "auth.lockout.enabled",
            "auth.lockout.threshold", "auth.lockout.duration_seconds", "auth.windows.lockout_reset_minutes",
            "auth.windows.reversible_encryption");

    public WindowsAuthPolicyProbe() {
        super("windows.auth", ProbeContext.WINDOWS, KEYS);
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        WinSection s = WindowsInventory.of(ctx).section("secedit");
        if (!s.ok()) {
            s.fail(out, KEYS.toArray(String[]::new));
            return;
        }
        String text;
        SeceditPolicy p;
        try {
            text = FileExport.text(s.data(), "secedit /export");
            p = SeceditPolicy.parse(text);
        } catch (IllegalArgumentException e) {
            for (String k : KEYS) {
                s.malformed(out, k, e.getMessage());
            }
            return;
        }
        Evidence ev = Evidence.of("cmd:secedit.exe /export /areas SECURITYPOLICY [System Access]", text, systemAccessExcerpt(p));
        record(out, ev, p, "auth.password.min_length", "MinimumPasswordLength", v -> v);
        record(out, ev, p, "auth.password.complexity_classes", "PasswordComplexity", v -> v == 1 ? 3L : 0L);
        // 0 in the UI ("never expires") is exported as -1
        record(out, ev, p, "auth.password.max_age_days", "MaximumPasswordAge", v -> Math.max(0, v));
        record(out, ev, p, "auth.password.min_age_days", "MinimumPasswordAge", v -> Math.max(0, v));
        record(out, ev, p, "auth.password.history", "PasswordHistorySize", v -> Math.max(0, v));
        record(out, ev, p, "auth.lockout.threshold", "LockoutBadCount", v -> Math.max(0, v));
        record(out, ev, p, "auth.lockout.enabled", "LockoutBadCount", v -> v > 0);
        record(out, ev, p, "auth.windows.reversible_encryption", "ClearTextPassword", v -> v == 1);
        Optional<Long> threshold = safe(p, "LockoutBadCount");
        if (threshold.isPresent() && threshold.get() == 0) {
            out.unsupported("auth.lockout.duration_seconds", code("auth.lockout_off", "LockoutBadCount = 0"));
            out.unsupported("auth.windows.lockout_reset_minutes", code("auth.lockout_off", "LockoutBadCount = 0"));
        } else {
            // -1 ("until an administrator unlocks") is recorded as 0, as the key defines
            record(out, ev, p, "auth.lockout.duration_seconds", "LockoutDuration", v -> v < 0 ? 0L : v * 60);
            record(out, ev, p, "auth.windows.lockout_reset_minutes", "ResetLockoutCount", v -> v);
        }
    }

    private static Optional<Long> safe(SeceditPolicy p, String key) {
        try {
            return p.number(key);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void record(FactSink out, Evidence ev, SeceditPolicy p, String fact, String key, LongFunction<Object> map) {
        try {
            Optional<Long> v = p.number(key);
            if (v.isPresent()) {
                out.ok(fact, map.apply(v.get()), ev);
            } else {
                out.error(fact, code("auth.secedit_no_key", key), ev);
            }
        } catch (IllegalArgumentException e) {
            out.error(fact, code("auth.secedit_unparsed", e.getMessage()), ev);
        }
    }

    private static String systemAccessExcerpt(SeceditPolicy p) {
        StringBuilder sb = new StringBuilder("[System Access]\n");
        p.systemAccess().forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        return sb.toString();
    }
}
