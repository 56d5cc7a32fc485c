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
    /** OpenSSH's compiled-in defaults for the settings reported (sshd_config(5), OpenSSH 7.0 and later). */
    public static final Map<String, String> DEFAULTS = Map.of(
            "permitrootlogin", "prohibit-password",
            "passwordauthentication", "yes",
            "permitemptypasswords", "no",
            "maxauthtries", "6");
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

    /** The files read and the settings they give (defaults not applied); {@code chain} is the include path being read. */
    public record Parsed(Map<String, String> settings, Map<String, String> lines, List<String> files, List<String> chain) {
    }

    /**
     * @param reader path → content, null when missing
     * @param lister directory → paths of its files
     */
    public static Parsed fromFiles(String path, Function<String, String> reader, Function<String, List<String>> lister) {
        Parsed p = new Parsed(new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>());
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
                continue;
            }
            if (inMatch) {
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

    private static String unquote(String v) {
        return v.length() > 1 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    /** without-password is the old spelling of prohibit-password; sshd -T of some versions prints it. */
    private static String normalise(String key, String value) {
        String v = value.strip();
        if (key.equals("permitrootlogin") || key.endsWith("authentication") || key.equals("permitemptypasswords")) {
            v = v.toLowerCase(Locale.ROOT);
        }
        return key.equals("permitrootlogin") && v.equals("without-password") ? "prohibit-password" : v;
    }
}
