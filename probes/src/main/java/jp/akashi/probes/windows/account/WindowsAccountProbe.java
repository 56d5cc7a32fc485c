package jp.akashi.probes.windows.account;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.util.List;
import java.util.Optional;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.windows.PowerShellRun;
import jp.akashi.probes.windows.WinSection;
import jp.akashi.probes.windows.WindowsInventory;

/** {@code account.*} on Windows: local administrators by SID, built-in Administrator and Guest by RID, local users. */
public final class WindowsAccountProbe extends PlatformProbe {

    public WindowsAccountProbe() {
        super("windows.account", ProbeContext.WINDOWS, List.of("account.admins", "account.admin_count", "account.builtin_admin_enabled", "account.guest_enabled",
                "account.empty_password", "account.windows.local_users", "account.windows.admins",
                "account.windows.password_not_required"));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        PowerShellRun inv = WindowsInventory.of(ctx);
        admins(inv.section("admins"), out);
        users(inv.section("local_users"), out);
        // Windows offers no read of whether a password is empty; trying a blank logon would count as a failed logon.
        out.unsupported("account.empty_password", code("account.windows_empty_password_hidden"));
    }

    private static void admins(WinSection s, FactSink out) {
        String[] keys = {"account.admins", "account.admin_count", "account.windows.admins"};
        if (!s.ok()) {
            s.fail(out, keys);
            return;
        }
        try {
            List<LocalAccounts.Member> m = LocalAccounts.admins(s.data());
            out.ok("account.admins", m.stream().map(LocalAccounts.Member::name).toList(), s.evidence());
            out.ok("account.admin_count", (long) m.size(), s.evidence());
            out.ok("account.windows.admins", m.stream().map(LocalAccounts.Member::toMap).toList(), s.evidence());
        } catch (IllegalArgumentException e) {
            for (String k : keys) {
                s.malformed(out, k, e.getMessage());
            }
        }
    }

    private static void users(WinSection s, FactSink out) {
        String[] keys = {"account.builtin_admin_enabled", "account.guest_enabled", "account.windows.local_users",
                "account.windows.password_not_required"};
        if (!s.ok()) {
            s.fail(out, keys);
            return;
        }
        List<LocalAccounts.User> users;
        try {
            users = LocalAccounts.users(s.data());
        } catch (IllegalArgumentException e) {
            for (String k : keys) {
                s.malformed(out, k, e.getMessage());
            }
            return;
        }
        out.ok("account.windows.local_users", users.stream().map(LocalAccounts.User::toMap).toList(), s.evidence());
        out.ok("account.windows.password_not_required", users.stream().filter(u -> u.enabled() && !u.passwordRequired())
                .map(LocalAccounts.User::name).toList(), s.evidence());
        builtin(s, out, users, "account.builtin_admin_enabled", LocalAccounts.BUILTIN_ADMIN_RID);
        builtin(s, out, users, "account.guest_enabled", LocalAccounts.GUEST_RID);
    }

    private static void builtin(WinSection s, FactSink out, List<LocalAccounts.User> users, String key, String rid) {
        Optional<LocalAccounts.User> u = LocalAccounts.byRid(users, rid);
        s.put(out, key, u.map(LocalAccounts.User::enabled).orElse(null), "no local account with RID " + rid);
    }
}
