package jp.akashi.probes.linux.account;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The global sshd settings, either from {@code sshd -T} (the daemon's own view) or, without root,
 * from sshd_config and the files it includes, read the way sshd reads them: keywords are
 * case-insensitive, the first value obtained wins, {@code Include} inserts files in lexical order
 * where it stands, and lines inside {@code Match} blocks apply only to matching connections (not
 * to the global settings reported here). Keys are lower-case.
 */
public final class SshdConfig {
    /**
     * OpenSSH's compiled-in defaults for the settings reported (sshd_config(5); the algorithm lists
     * are those of OpenSSH 8.9 to 9.8; the probe reports a list only from sshd -T or a full list in the files, since the defaults change between releases).
     */
    public static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("permitrootlogin", "prohibit-password"),
            Map.entry("passwordauthentication", "yes"),
            Map.entry("permitemptypasswords", "no"),
            Map.entry("maxauthtries", "6"),
            Map.entry("clientaliveinterval", "0"),
            Map.entry("clientalivecountmax", "3"),
            Map.entry("allowagentforwarding", "yes"),
            Map.entry("allowtcpforwarding", "yes"),
            Map.entry("x11forwarding", "no"),
            Map.entry("banner", "none"),
            Map.entry("ciphers", "chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,"
                    + "aes256-gcm@openssh.com"),
            Map.entry("macs", "umac-64-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,"
                    + "hmac-sha2-512-etm@openssh.com,hmac-sha1-etm@openssh.com,umac-64@openssh.com,umac-128@openssh.com,"
                    + "hmac-sha2-256,hmac-sha2-512,hmac-sha1"),
            Map.entry("kexalgorithms", "sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org,"
                    + "ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,"
                    + "diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group14-sha256"));
    /** Settings that loosen access when a Match block sets them: reported as {@code match_overrides}. */
    public static final List<String> WATCHED_IN_MATCH = List.of("permitrootlogin", "passwordauthentication", "permitemptypasswords",
            "maxauthtries", "allowagentforwarding", "allowtcpforwarding", "x11forwarding", "kbdinteractiveauthentication");
    private static final int MAX_DEPTH = 16;
    /** sshd reads each included file where its Include stands; a runaway (self-including) configuration stops here. */
    private static final int MAX_FILES = 256;

    private SshdConfig() {
    }

    /** Pure parser of {@code sshd -T}: one lower-case {@code keyword value} a line. */
    public static Map<String, String> fromTest(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text == null ? new String[0] : text.split("\\R")) {
            String[] kv = line.strip().split("\\s+", 2);
            if (kv.length == 2 && kv[0].matches("[a-z0-9]+")) {
                out.putIfAbsent(kv[0], normalise(kv[0], kv[1]));
            }
        }
        return out;
    }

    /**
     * The files read and the settings they give (defaults not applied); {@code chain} is the include path being read;
     * {@code match} the watched settings made inside Match blocks, as {@code "Match User x: passwordauthentication yes"}
     * (they apply to the connections the block matches, in place of the global value).
     */
    public record Parsed(Map<String, String> settings, Map<String, String> lines, List<String> files, List<String> chain,
                         List<String> match) {
    }

    /**
     * @param reader path → content, null when missing
     * @param lister directory → paths of its files
     */
    public static Parsed fromFiles(String path, Function<String, String> reader, Function<String, List<String>> lister) {
        Parsed p = new Parsed(new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        file(path, reader, lister, p, 0);
        return p;
    }

    private static void file(String path, Function<String, String> reader, Function<String, List<String>> lister,
                             Parsed p, int depth) {
        if (depth > MAX_DEPTH || p.files().size() >= MAX_FILES || p.chain().contains(path)) {
            return;
        }
        String text = reader.apply(path);
        if (text == null) {
            return;
        }
        p.files().add(path);
        p.chain().add(path);
        boolean inMatch = false;
        String matchLine = null;
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] kv = line.split("(\\s*=\\s*|\\s+)", 2);
            String key = kv[0].toLowerCase(Locale.ROOT);
            String value = kv.length > 1 ? unquote(kv[1].strip()) : "";
            if (key.equals("match")) {
                inMatch = !value.equalsIgnoreCase("all");
                matchLine = "Match " + value;
                continue;
            }
            if (inMatch) {
                if (WATCHED_IN_MATCH.contains(key) && p.match().size() < MAX_FILES) {
                    p.match().add(matchLine + ": " + key + " " + normalise(key, value));
                }
                continue;
            }
            if (key.equals("include")) {
                for (String glob : value.split("\\s+")) {
                    for (String f : expand(glob.startsWith("/") ? glob : "/etc/ssh/" + glob, lister)) {
                        file(f, reader, lister, p, depth + 1);
                    }
                }
                continue;
            }
            if (!p.settings().containsKey(key)) {
                p.settings().put(key, normalise(key, value));
                p.lines().put(key, path + ": " + line);
            }
        }
        p.chain().remove(p.chain().size() - 1);
    }

    /** Files matching a glob whose wildcards are in the last path element, in lexical order. */
    static List<String> expand(String glob, Function<String, List<String>> lister) {
        int slash = glob.lastIndexOf('/');
        String dir = glob.substring(0, Math.max(1, slash));
        String name = glob.substring(slash + 1);
        if (!name.contains("*") && !name.contains("?")) {
            return List.of(glob);
        }
        Pattern p = jp.akashi.probes.linux.Sources.glob(name);
        return lister.apply(dir).stream().filter(f -> p.matcher(f.substring(f.lastIndexOf('/') + 1)).matches())
                .sorted().toList();
    }

    /**
     * An algorithm setting as sshd resolves it: a plain list replaces the default, {@code +list} appends to it,
     * {@code -list} removes from it (wildcards allowed), {@code ^list} puts the list first.
     */
    public static List<String> algorithms(String key, String value) {
        List<String> def = List.of(DEFAULTS.getOrDefault(key, "").split(","));
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            return def;
        }
        List<String> items = List.of(v.substring("+-^".indexOf(v.charAt(0)) >= 0 ? 1 : 0).split(","));
        List<String> out = new ArrayList<>();
        switch (v.charAt(0)) {
            case '+' -> {
                out.addAll(def);
                items.stream().filter(i -> !out.contains(i)).forEach(out::add);
            }
            case '-' -> def.stream().filter(d -> items.stream().noneMatch(i -> jp.akashi.probes.linux.Sources.glob(i).matcher(d).matches()))
                    .forEach(out::add);
            case '^' -> {
                out.addAll(items);
                def.stream().filter(d -> !out.contains(d)).forEach(out::add);
            }
            default -> out.addAll(items);
        }
        return out.stream().map(String::strip).filter(a -> !a.isEmpty()).toList();
    }

    /** sshd's time format (sshd_config(5) TIME FORMATS): {@code 300}, {@code 5m}, {@code 1h30m}; null when malformed. */
    public static Long seconds(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (!v.matches("(\\d{1,9}[smhdw]?)+")) {
            return null;
        }
        long total = 0;
        java.util.regex.Matcher m = Pattern.compile("(\\d{1,9})([smhdw]?)").matcher(v);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total += n * switch (m.group(2)) {
                case "m" -> 60L;
                case "h" -> 3600L;
                case "d" -> 86400L;
                case "w" -> 604800L;
                default -> 1L;
            };
        }
        return total;
    }

    private static String unquote(String v) {
        return v.length() > 1 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    /** without-password is the old spelling of prohibit-password; sshd -T of some versions prints it. */
    private static String normalise(String key, String value) {
        String v = value.strip();
        if (key.equals("permitrootlogin") || key.endsWith("authentication") || key.equals("permitemptypasswords")
                || key.endsWith("forwarding")) {
            v = v.toLowerCase(Locale.ROOT);
        }
        return key.equals("permitrootlogin") && v.equals("without-password") ? "prohibit-password" : v;
    }
}
