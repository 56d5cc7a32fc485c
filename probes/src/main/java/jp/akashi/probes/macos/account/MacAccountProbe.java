package jp.akashi.probes.macos.account;

import static jp.akashi.probes.model.ProbeMessages.code;

import static jp.akashi.probes.macos.MacFacts.ev;

import java.util.List;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.macos.MacFacts;
import jp.akashi.probes.macos.MacPlist;
import jp.akashi.probes.macos.MacValues;

/** {@code account.*} on macOS: the admin group, uid 0 accounts, root and Guest login. */
public final class MacAccountProbe extends PlatformProbe {
    public static final String LOGINWINDOW = "/Library/Preferences/com.apple.loginwindow.plist";

    public MacAccountProbe() {
        super("macos.account", ProbeContext.MACOS, List.of("account.admins", "account.admin_count", "account.uid0", "account.builtin_admin_enabled", "account.guest_enabled"));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        HostAccess h = ctx.host();
        CommandResult admin = MacFacts.run(h, MacFacts.SHORT, "dscl", ".", "-read", "/Groups/admin", "GroupMembership");
        if (admin.succeeded()) {
            try {
                List<String> m = MacAccounts.groupMembership(admin.stdout());
                out.ok("account.admins", m, ev(admin));
                out.ok("account.admin_count", (long) m.size(), ev(admin));
            } catch (IllegalArgumentException e) {
                out.error("account.admins", code("fact.output_problem", e.getMessage()), ev(admin));
                out.error("account.admin_count", code("fact.output_problem", e.getMessage()), ev(admin));
            }
        } else {
            out.failed(admin, "account.admins", "account.admin_count");
        }

        CommandResult ids = MacFacts.run(h, MacFacts.SHORT, "dscl", ".", "-list", "/Users", "UniqueID");
        if (ids.succeeded()) {
            out.ok("account.uid0", MacAccounts.uid0(ids.stdout()), ev(ids));
        } else {
            out.failed(ids, "account.uid0");
        }

        // dscl exits non-zero when root has no AuthenticationAuthority: that answer is in its output
        CommandResult root = MacFacts.run(h, MacFacts.SHORT, "dscl", ".", "-read", "/Users/root", "AuthenticationAuthority");
        Boolean rootOn = root.timedOut() || root.notFound() ? null : MacAccounts.rootEnabled(root.stdout() + root.stderr());
        if (rootOn == null && (root.timedOut() || root.notFound())) {
            out.failed(root, "account.builtin_admin_enabled");
        } else {
            MacFacts.put(out, "account.builtin_admin_enabled", rootOn, ev(root), "unexpected dscl output for root's AuthenticationAuthority");
        }

        MacPlist lw = MacPlist.read(h, LOGINWINDOW);
        if (lw.ok()) {
            MacFacts.put(out, "account.guest_enabled", MacValues.bool(lw.dict(), "GuestEnabled"), lw.evidence(),
                    "GuestEnabled is not set in " + LOGINWINDOW);
        } else {
            lw.fail(out, "account.guest_enabled");
        }
    }
}
