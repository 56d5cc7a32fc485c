package jp.akashi.probes.linux.auth;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.util.List;
import java.util.Map;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.Sources;
import jp.akashi.probes.util.KeyValueParser;

/**
 * {@code auth.password.*} and {@code auth.lockout.*} on Linux, from the PAM stacks that govern
 * password changes ({@code passwd}) and logins ({@code sshd}, {@code login}), the modules'
 * configuration files under /etc/security, and /etc/login.defs for password ageing. Module
 * arguments override configuration files; the evidence names the file and line that decided.
 */
public final class LinuxAuthProbe extends PlatformProbe {
    static final String LOGIN_DEFS = "/etc/login.defs";

    public LinuxAuthProbe() {
        super("linux.auth", ProbeContext.LINUX, List.of("auth.password.min_length", "auth.password.complexity_classes", "auth.password.max_age_days",
                "auth.password.min_age_days", "auth.password.history", "auth.lockout.enabled", "auth.lockout.threshold",
                "auth.lockout.duration_seconds"));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        HostAccess h = ctx.host();
        FileRead defs = Sources.config(h, LOGIN_DEFS);
        ageing(out, defs);
        PasswordFacts.collect(h, out, defs);
        LockoutFacts.collect(h, out);
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
            out.error(key, code("fact.unexpected_value_in", v, LOGIN_DEFS), Sources.of(defs, excerpt));
        }
    }
}
