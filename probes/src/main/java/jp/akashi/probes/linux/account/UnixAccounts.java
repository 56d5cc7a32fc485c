package jp.akashi.probes.linux.account;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pure parsers of /etc/passwd, /etc/group and /etc/shadow (colon-separated, one entry a line). */
public final class UnixAccounts {
    private UnixAccounts() {
    }

    /** One /etc/passwd entry; {@code password} is the second field ({@code x} when the hash is in shadow). */
    public record Account(String name, String password, long uid, long gid, String home, String shell) {
    }

    public record Group(String name, long gid, List<String> members) {
    }

    public static List<Account> passwd(String text) {
        List<Account> out = new ArrayList<>();
        for (String[] f : rows(text, 7)) {
            if (f[2].matches("\\d{1,10}") && f[3].matches("\\d{1,10}")) {
                out.add(new Account(f[0], f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), f[5], f[6]));
            }
        }
        return out;
    }

    public static Map<String, Group> groups(String text) {
        Map<String, Group> out = new LinkedHashMap<>();
        for (String[] f : rows(text, 4)) {
            if (!f[2].matches("\\d{1,10}")) {
                continue;
            }
            List<String> members = new ArrayList<>();
            for (String m : f[3].split(",")) {
                if (!m.isBlank()) {
                    members.add(m.strip());
                }
            }
            out.putIfAbsent(f[0], new Group(f[0], Long.parseLong(f[2]), members));
        }
        return out;
    }

    /** name → the password field of /etc/shadow (a hash, or {@code !}/{@code *} when locked, empty when none). */
    public static Map<String, String> shadow(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String[] f : rows(text, 2)) {
            out.putIfAbsent(f[0], f[1]);
        }
        return out;
    }

    /** Whether a password field lets nobody log in with a password: locked (!…), disabled (*), or !! of a new account. */
    public static boolean locked(String field) {
        return field.startsWith("!") || field.startsWith("*");
    }

    /** Shells that end a session at once (or only run one command): an account with one cannot log in. */
    private static final java.util.regex.Pattern NO_LOGIN_SHELL = java.util.regex.Pattern.compile(".*/(nologin|false|true|sync|shutdown|halt)");

    /** Whether the shell gives an interactive session; an empty field means /bin/sh. */
    public static boolean loginShell(String shell) {
        return shell == null || shell.isBlank() || !NO_LOGIN_SHELL.matcher(shell.strip()).matches();
    }

    /** Members of {@code group}: listed members and accounts whose primary group it is. */
    public static List<String> members(Group group, List<Account> accounts) {
        List<String> out = new ArrayList<>(group.members());
        for (Account a : accounts) {
            if (a.gid() == group.gid() && !out.contains(a.name())) {
                out.add(a.name());
            }
        }
        return out;
    }

    private static List<String[]> rows(String text, int minFields) {
        List<String[]> out = new ArrayList<>();
        for (String line : text == null ? new String[0] : text.split("\\R")) {
            // NIS compat lines (+, -) and comments are not local accounts
            if (line.isBlank() || line.startsWith("#") || line.startsWith("+") || line.startsWith("-")) {
                continue;
            }
            String[] f = line.split(":", -1);
            if (f.length >= minFields && !f[0].isBlank()) {
                out.add(f);
            }
        }
        return out;
    }
}
