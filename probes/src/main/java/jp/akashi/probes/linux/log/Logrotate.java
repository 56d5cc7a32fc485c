package jp.akashi.probes.linux.log;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.akashi.probes.linux.Sources;

/**
 * Pure parser of logrotate's configuration: /etc/logrotate.conf with its {@code include}s. Global
 * directives apply to the stanzas that follow them (including files included after them); a
 * stanza's own directives override. Scripts (postrotate … endscript) are skipped.
 */
public final class Logrotate {
    private static final int MAX_DEPTH = 8;
    /** A runaway include (a file including itself, a huge directory) stops after this many files. */
    private static final int MAX_FILES = 512;
    private static final Pattern INTERVAL = Pattern.compile("hourly|daily|weekly|monthly|yearly");

    private Logrotate() {
    }

    /** One stanza: the log path patterns it covers and its effective directives. */
    public record Rule(String file, List<String> patterns, Map<String, String> directives) {
        public boolean covers(String path) {
            for (String p : patterns) {
                if (Sources.glob(p).matcher(path).matches()) {
                    return true;
                }
            }
            return false;
        }

        /** The directives that decide retention, for evidence. */
        public String describe() {
            StringBuilder sb = new StringBuilder(file).append(": ").append(String.join(" ", patterns)).append(" {");
            for (String k : List.of("interval", "rotate", "maxage", "size")) {
                if (directives.containsKey(k)) {
                    sb.append(' ').append(k.equals("interval") ? directives.get(k) : k + " " + directives.get(k)).append(';');
                }
            }
            return sb.append(" }").toString();
        }
    }

    /** Retention in days, or why it cannot be told. */
    public record Retention(Long days, String why) {
    }

    /**
     * @param reader path → content, null when missing
     * @param lister directory → paths of its files
     */
    public static List<Rule> rules(String main, Function<String, String> reader, Function<String, List<String>> lister) {
        List<Rule> out = new ArrayList<>();
        parse(main, reader, lister, new LinkedHashMap<>(), out, new ArrayList<>(), new int[1]);
        return out;
    }

    private static void parse(String path, Function<String, String> reader, Function<String, List<String>> lister,
                              Map<String, String> globals, List<Rule> out, List<String> chain, int[] files) {
        if (chain.size() > MAX_DEPTH || chain.contains(path) || files[0] >= MAX_FILES) {
            return;
        }
        String text = reader.apply(path);
        if (text == null) {
            return;
        }
        files[0]++;
        chain.add(path);
        List<String> patterns = new ArrayList<>();
        Map<String, String> local = null;
        boolean script = false;
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (script) {
                script = !line.equals("endscript");
                continue;
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (local == null && line.contains("{")) {
                String before = line.substring(0, line.indexOf('{')).strip();
                patterns.addAll(words(before));
                local = new LinkedHashMap<>(globals);
                String after = line.substring(line.indexOf('{') + 1).strip();
                if (after.endsWith("}")) {
                    directive(after.substring(0, after.length() - 1), local);
                    out.add(new Rule(path, List.copyOf(patterns), local));
                    patterns.clear();
                    local = null;
                }
                continue;
            }
            if (local != null) {
                if (line.equals("}") || line.startsWith("}")) {
                    out.add(new Rule(path, List.copyOf(patterns), local));
                    patterns.clear();
                    local = null;
                } else if (line.matches("prerotate|postrotate|firstaction|lastaction|preremove")) {
                    script = true;
                } else {
                    directive(line, local);
                }
                continue;
            }
            if (line.startsWith("/") || line.startsWith("\"")) {
                // a path list spanning lines before its {
                patterns.addAll(words(line));
                continue;
            }
            if (line.startsWith("include")) {
                String target = line.substring("include".length()).strip();
                List<String> included = lister.apply(target);
                if (included.isEmpty()) {
                    parse(target, reader, lister, globals, out, chain, files);
                } else {
                    for (String f : included.stream().sorted().toList()) {
                        if (!Sources.isLeftover(f)) {
                            parse(f, reader, lister, new LinkedHashMap<>(globals), out, chain, files);
                        }
                    }
                }
                continue;
            }
            directive(line, globals);
        }
        chain.remove(chain.size() - 1);
    }

    private static void directive(String line, Map<String, String> into) {
        String[] kv = line.strip().split("[\\s=]+", 2);
        String key = kv[0];
        String value = kv.length > 1 ? kv[1].strip() : "";
        if (INTERVAL.matcher(key).matches()) {
            into.put("interval", key);
            // a size directive given earlier is overridden by a later interval, and the other way round
            into.remove("size");
        } else if (key.equals("size")) {
            into.put("size", value);
            into.remove("interval");
        } else if (key.matches("rotate|maxage|maxsize|minsize")) {
            into.put(key, value);
        }
    }

    /** Whitespace-separated paths; a double-quoted path may contain spaces. */
    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(s);
        while (m.find()) {
            String w = m.group(1) != null ? m.group(1) : m.group(2);
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /** The first stanza covering {@code path}, as logrotate uses. */
    public static Rule find(List<Rule> rules, String path) {
        return rules.stream().filter(r -> r.covers(path)).findFirst().orElse(null);
    }

    /**
     * Days of old logs a rule keeps: rotate × interval (a month counted as 30 days), capped by
     * maxage. Size-only rotation and keeping every file have no day count.
     */
    public static Retention retention(Rule r) {
        String rotate = r.directives().get("rotate");
        if (rotate == null) {
            // logrotate's built-in default is rotate 0: old versions are removed at once
            rotate = "0";
        }
        if (!rotate.matches("-?\\d{1,6}")) {
            return new Retention(null, "unexpected rotate value " + rotate);
        }
        long count = Long.parseLong(rotate);
        String interval = r.directives().get("interval");
        String maxage = r.directives().get("maxage");
        Long cap = maxage != null && maxage.matches("\\d{1,6}") ? Long.valueOf(maxage) : null;
        if (count < 0) {
            return cap != null ? new Retention(cap, null)
                    : new Retention(null, "rotate " + count + " keeps every rotated file: retention is bounded by disk space, not days");
        }
        if (interval == null) {
            return new Retention(null, r.directives().containsKey("size")
                    ? "rotated by size (" + r.directives().get("size") + "), so the days kept depend on how fast the log grows"
                    : "no rotation interval (daily/weekly/monthly/yearly) applies");
        }
        double days = switch (interval) {
            case "hourly" -> 1.0 / 24;
            case "daily" -> 1;
            case "weekly" -> 7;
            case "monthly" -> 30;
            default -> 365;
        };
        long d = (long) Math.floor(count * days);
        return new Retention(cap != null ? Math.min(d, cap) : d, null);
    }
}
