package jp.akashi.probes.linux.account;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.ConfigReader;
import jp.akashi.probes.linux.EvidenceTrail;
import jp.akashi.probes.linux.Sources;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.model.MessageCode;

/**
 * {@code account.*} on Linux: uid-0 and administrative accounts (/etc/passwd, /etc/group, sudoers),
 * empty and usable root passwords (/etc/shadow, root only) and the OpenSSH server's login settings
 * ({@code sshd -T} as root, else the configuration files).
 */
public final class LinuxAccountProbe extends PlatformProbe {
    /** Groups that conventionally grant administration: Debian/Ubuntu sudo, RHEL wheel, older Ubuntu admin. */
    static final List<String> ADMIN_GROUPS = List.of("sudo", "wheel", "admin");

    public LinuxAccountProbe() {
        super("linux.account", ProbeContext.LINUX, declaredKeys());
    }

    private static List<String> declaredKeys() {
        List<String> k = new ArrayList<>(List.of("account.admins", "account.admin_count", "account.uid0", "account.empty_password",
                "account.builtin_admin_enabled", "account.ssh.server_installed", "account.login_accounts", "account.sudo_nopasswd"));
        k.addAll(SshFacts.KEYS);
        return k;
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        HostAccess h = ctx.host();
        FileRead passwd = h.read("/etc/passwd");
        if (!passwd.ok()) {
            out.failed(passwd, "account.admins", "account.admin_count", "account.uid0", "account.empty_password", "account.login_accounts");
        } else {
            List<UnixAccounts.Account> accounts = UnixAccounts.passwd(passwd.content());
            List<String> uid0 = accounts.stream().filter(a -> a.uid() == 0).map(UnixAccounts.Account::name).toList();
            out.ok("account.uid0", uid0, Sources.of(passwd, Sources.lines(passwd.content(), "^[^:]*:[^:]*:0:")));
            admins(h, out, passwd, accounts, uid0);
            emptyPasswords(h, out, passwd, accounts);
        }
        builtinAdmin(h, out);
        sudoWithoutPassword(h, out);
        SshFacts.collect(h, out);
    }

    /** {@code account.sudo_nopasswd}: sudoers rules (and sudoers.d) that run commands without asking for a password. */
    private static void sudoWithoutPassword(HostAccess h, FactSink out) {
        ConfigReader reader = new ConfigReader(h);
        Sudoers.Result sudo = Sudoers.parse("/etc/sudoers", hostnames(h), reader::content, reader::files);
        if (!reader.unreadable().isEmpty()) {
            out.error("account.sudo_nopasswd", code("fact.files_unreadable_root", String.join(", ", reader.unreadable())));
            return;
        }
        if (sudo.files().isEmpty()) {
            out.ok("account.sudo_nopasswd", List.of(), Evidence.of("probe:linux.account", "no /etc/sudoers (sudo not installed)"));
            return;
        }
        String excerpt = "# files: " + String.join(", ", sudo.files()) + "\n" + (sudo.nopasswd().isEmpty()
                ? "# no NOPASSWD rule and no Defaults !authenticate" : String.join("\n", sudo.nopasswd()));
        out.ok("account.sudo_nopasswd", List.copyOf(sudo.nopasswd()), Evidence.of("file:/etc/sudoers", reader.joined(), excerpt));
    }

    private static void admins(HostAccess h, FactSink out, FileRead passwd, List<UnixAccounts.Account> accounts, List<String> uid0) {
        EvidenceTrail t = new EvidenceTrail().add("file:/etc/passwd", passwd.content(), "uid 0: " + String.join(", ", uid0));
        TreeSet<String> admins = new TreeSet<>(uid0);
        FileRead group = h.read("/etc/group");
        if (!group.ok()) {
            out.failed(group, "account.admins", "account.admin_count");
            return;
        }
        Map<String, UnixAccounts.Group> groups = UnixAccounts.groups(group.content());
        StringBuilder groupLines = new StringBuilder();
        for (String g : ADMIN_GROUPS) {
            UnixAccounts.Group gr = groups.get(g);
            if (gr != null) {
                List<String> m = UnixAccounts.members(gr, accounts);
                admins.addAll(m);
                groupLines.append(g).append(": ").append(String.join(", ", m)).append('\n');
            }
        }
        t.add("file:/etc/group", group.content(), groupLines.toString());

        ConfigReader reader = new ConfigReader(h);
        Sudoers.Result sudo = Sudoers.parse("/etc/sudoers", hostnames(h), reader::content, reader::files);
        List<String> unreadable = reader.unreadable();
        for (String u : sudo.users()) {
            if (u.equals("ALL")) {
                accounts.forEach(a -> admins.add(a.name()));
            } else if (u.startsWith("#")) {
                String uid = u.substring(1);
                accounts.stream().filter(a -> String.valueOf(a.uid()).equals(uid)).forEach(a -> admins.add(a.name()));
            } else {
                admins.add(u);
            }
        }
        for (String g : sudo.groups()) {
            UnixAccounts.Group gr = groups.get(g);
            if (gr != null) {
                admins.addAll(UnixAccounts.members(gr, accounts));
            }
        }
        t.add("file:/etc/sudoers", String.join("\n", sudo.files()), String.join("\n", sudo.grants()));
        if (sudo.files().isEmpty() && unreadable.isEmpty()) {
            t.note("no /etc/sudoers (sudo not installed)");
        }
        List<String> list = new ArrayList<>(admins);
        if (!unreadable.isEmpty()) {
            MessageCode msg = code("account.sudoers_unreadable", String.join(", ", unreadable), String.join(", ", list));
            out.error("account.admins", msg, t.build("file:/etc/sudoers"));
            out.error("account.admin_count", msg, t.build("file:/etc/sudoers"));
            return;
        }
        Evidence ev = t.build("file:/etc/group");
        out.ok("account.admins", list, ev);
        out.ok("account.admin_count", (long) list.size(), ev);
    }

    /** The host's own name, short and as set (sudoers host lists may use either). */
    private static Set<String> hostnames(HostAccess h) {
        Set<String> names = new HashSet<>();
        FileRead f = h.read("/proc/sys/kernel/hostname", 4096);
        if (f.ok() && !f.content().isBlank()) {
            String n = f.content().strip().toLowerCase(Locale.ROOT);
            names.add(n);
            names.add(n.contains(".") ? n.substring(0, n.indexOf('.')) : n);
        }
        return names;
    }

    /**
     * {@code account.empty_password}: accounts with an empty password field and a login shell (one
     * with nologin/false cannot log in with it). {@code account.login_accounts}: accounts with a login
     * shell that are not locked, or that have an authorized_keys file (OpenSSH with PAM accepts keys
     * for a locked password).
     */
    private static void emptyPasswords(HostAccess h, FactSink out, FileRead passwd, List<UnixAccounts.Account> accounts) {
        FileRead shadow = h.read("/etc/shadow");
        if (!shadow.ok()) {
            out.failed(shadow, "account.empty_password", "account.login_accounts");
            return;
        }
        Map<String, String> hashes = UnixAccounts.shadow(shadow.content());
        List<String> empty = new ArrayList<>();
        List<String> emptyNoShell = new ArrayList<>();
        List<String> login = new ArrayList<>();
        StringBuilder why = new StringBuilder();
        for (UnixAccounts.Account a : accounts) {
            String field = hashes.containsKey(a.name()) ? hashes.get(a.name()) : a.password();
            boolean shell = UnixAccounts.loginShell(a.shell());
            if (field.isEmpty()) {
                (shell ? empty : emptyNoShell).add(a.name());
            }
            if (!shell) {
                continue;
            }
            String keys = authorizedKeys(h, a.home());
            if (!UnixAccounts.locked(field) || keys != null) {
                login.add(a.name());
                why.append(a.name()).append(": shell ").append(a.shell().isBlank() ? "(empty: /bin/sh)" : a.shell())
                        .append(field.isEmpty() ? ", empty password" : UnixAccounts.locked(field) ? ", password locked" : ", password set")
                        .append(keys != null ? ", " + keys : "").append('\n');
            }
        }
        // the excerpts name the accounts, never show a hash
        String note = emptyNoShell.isEmpty() ? "" : "\n# empty password field but no login shell (cannot log in): " + String.join(", ", emptyNoShell);
        out.ok("account.empty_password", empty, Evidence.of("file:/etc/shadow", shadow.content(),
                (empty.isEmpty() ? "no account with a login shell has an empty password field" : "empty password field and a login shell: "
                        + String.join(", ", empty)) + note));
        EvidenceTrail t = new EvidenceTrail().add("file:/etc/passwd", passwd.content(), why.toString())
                .add("file:/etc/shadow", shadow.content(), "")
                .note("login shell = not nologin/false/true/sync/shutdown/halt; not locked (!, *) or an authorized_keys file");
        out.ok("account.login_accounts", login, t.build("file:/etc/passwd"));
    }

    /** {@code ~/.ssh/authorized_keys} (or {@code authorized_keys2}) of a home directory, or null. */
    private static String authorizedKeys(HostAccess h, String home) {
        if (home == null || home.isBlank() || home.equals("/")) {
            return null;
        }
        for (String name : List.of("authorized_keys", "authorized_keys2")) {
            String p = home.replaceAll("/+$", "") + "/.ssh/" + name;
            if (h.stat(p).filter(e -> !e.directory() && e.size() > 0).isPresent()) {
                return p;
            }
        }
        return null;
    }

    private static void builtinAdmin(HostAccess h, FactSink out) {
        FileRead shadow = h.read("/etc/shadow");
        if (!shadow.ok()) {
            out.failed(shadow, "account.builtin_admin_enabled");
            return;
        }
        String field = UnixAccounts.shadow(shadow.content()).get("root");
        if (field == null) {
            out.error("account.builtin_admin_enabled", code("account.no_root_shadow"));
            return;
        }
        boolean locked = UnixAccounts.locked(field);
        String state = field.isEmpty() ? "root has an empty password" : locked ? "root password locked (" + field.charAt(0) + ")"
                : "root has a password hash";
        out.ok("account.builtin_admin_enabled", !locked, Evidence.of("file:/etc/shadow", shadow.content(), state));
    }
}
