package jp.akashi.probes.linux.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jp.akashi.probes.linux.account.UnixAccounts;

/**
 * Pure readings of the login policy files: the password hashing algorithm (pam_unix, login.defs),
 * whether su is limited to a group (pam_wheel), the default umask (login.defs), the inactive lock
 * of new accounts (/etc/default/useradd) and the accounts whose password never expires (shadow).
 */
public final class LoginPolicy {
    /** pam_unix.so options that choose the hash (pam_unix(8)); the last one on the line wins. */
    static final List<String> PAM_UNIX_HASHES = List.of("yescrypt", "gost_yescrypt", "sha512", "sha256", "blowfish", "md5", "bigcrypt");

    private LoginPolicy() {
    }

    /** A value and the line it was read from (for evidence). */
    public record Setting(String value, String line) {
    }

    /**
     * @param passwordStack the {@code password} stack of the {@code passwd} service
     * @param loginDefs     login.defs as key → value
     */
    public static Setting hashAlgorithm(PamStack passwordStack, Map<String, String> loginDefs) {
        for (PamStack.Line l : passwordStack.module("pam_unix.so")) {
            String chosen = null;
            for (String opt : l.args().keySet()) {
                if (PAM_UNIX_HASHES.contains(opt)) {
                    chosen = opt;
                }
            }
            if (chosen != null) {
                return new Setting(chosen, l.file() + ": " + l.raw());
            }
        }
        String m = loginDefs.get("ENCRYPT_METHOD");
        if (m != null && !m.isBlank()) {
            return new Setting(m.strip().toLowerCase(Locale.ROOT), "/etc/login.defs: ENCRYPT_METHOD " + m.strip());
        }
        // shadow-utils without ENCRYPT_METHOD: MD5_CRYPT_ENAB yes means md5, else DES
        if ("yes".equalsIgnoreCase(loginDefs.get("MD5_CRYPT_ENAB"))) {
            return new Setting("md5", "/etc/login.defs: MD5_CRYPT_ENAB yes, no ENCRYPT_METHOD");
        }
        return new Setting("des", "# no hash option on pam_unix.so and no ENCRYPT_METHOD in /etc/login.defs: DES");
    }

    /** Whether the su auth stack requires group membership: pam_wheel.so, required or requisite, without deny. */
    public static Setting suRestricted(PamStack suAuth) {
        for (PamStack.Line l : suAuth.module("pam_wheel.so")) {
            String c = l.control();
            boolean mandatory = c.equals("required") || c.equals("requisite") || c.matches("\\[.*default=(die|bad).*]");
            if (mandatory && !l.flag("deny")) {
                return new Setting("true", l.file() + ": " + l.raw());
            }
        }
        return new Setting("false", suAuth.isEmpty() ? "# /etc/pam.d/su has no auth lines"
                : "# no required pam_wheel.so in the auth stack of su (read: " + String.join(", ", suAuth.files().keySet()) + ")");
    }

    /** login.defs UMASK as three octal digits, or null when malformed; unset means 022 (shadow-utils). */
    public static String umask(String value) {
        if (value == null) {
            return "022";
        }
        String v = value.strip();
        if (!v.matches("0?[0-7]{1,3}")) {
            return null;
        }
        int n = Integer.parseInt(v, 8);
        return String.format(Locale.ROOT, "%03o", n);
    }

    /** INACTIVE of /etc/default/useradd (key=value); null content or no setting means -1 (never). Null when malformed. */
    public static Long inactive(String useraddDefaults) {
        String v = null;
        for (String raw : useraddDefaults == null ? new String[0] : useraddDefaults.split("\\R")) {
            String line = raw.strip();
            if (line.startsWith("INACTIVE=")) {
                v = line.substring("INACTIVE=".length()).strip();
            }
        }
        if (v == null) {
            return -1L;
        }
        return v.matches("-?\\d{1,6}") ? Long.parseLong(v) : null;
    }

    /**
     * Accounts with a login shell and a usable password (not locked, not empty) whose maximum password
     * age in shadow is empty, negative or at least 99999: their password never has to change.
     */
    public static List<String> neverExpires(String passwd, String shadow) {
        List<String> out = new ArrayList<>();
        Map<String, String[]> rows = new java.util.LinkedHashMap<>();
        for (String raw : shadow == null ? new String[0] : shadow.split("\\R")) {
            String[] f = raw.split(":", -1);
            if (f.length >= 5 && !f[0].isBlank()) {
                rows.putIfAbsent(f[0], f);
            }
        }
        for (UnixAccounts.Account a : UnixAccounts.passwd(passwd)) {
            String[] f = rows.get(a.name());
            if (f == null || !UnixAccounts.loginShell(a.shell()) || f[1].isEmpty() || UnixAccounts.locked(f[1])) {
                continue;
            }
            String max = f[4].strip();
            if (max.isEmpty() || max.startsWith("-") || (max.matches("\\d{1,9}") && Long.parseLong(max) >= 99999)) {
                out.add(a.name());
            }
        }
        return out;
    }
}
