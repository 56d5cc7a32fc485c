package jp.akashi.probes.linux.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The lines of one PAM management group (auth, account, password, session) for a service, with
 * includes expanded: Debian's {@code @include common-password}, and RHEL's {@code include} and
 * {@code substack} of {@code system-auth}/{@code password-auth}.
 */
public final class PamStack {
    private static final int MAX_DEPTH = 8;

    private final List<Line> lines;
    private final Map<String, String> files;

    private PamStack(List<Line> lines, Map<String, String> files) {
        this.lines = lines;
        this.files = files;
    }

    /**
     * One module line.
     *
     * @param file   the /etc/pam.d file it came from
     * @param module the module's file name ({@code pam_faillock.so}), whatever path was written
     */
    public record Line(String file, String type, String control, String module, Map<String, String> args, String raw) {
        /** A {@code name=value} argument, or a flag's name mapped to "" ({@code preauth}). */
        public String arg(String name) {
            return args.get(name);
        }

        public boolean flag(String name) {
            return args.containsKey(name);
        }
    }

    /**
     * Expands {@code type} lines of {@code service}.
     *
     * @param reader file name in /etc/pam.d → content, or null when the file is missing/unreadable
     */
    public static PamStack load(String service, String type, Function<String, String> reader) {
        List<Line> out = new ArrayList<>();
        Map<String, String> files = new LinkedHashMap<>();
        expand(service, type, reader, out, files, new ArrayList<>());
        return new PamStack(out, files);
    }

    private static void expand(String file, String type, Function<String, String> reader, List<Line> out,
                               Map<String, String> files, List<String> chain) {
        // an include loop or a runaway chain ends here rather than in a stack overflow
        if (chain.size() > MAX_DEPTH || chain.contains(file)) {
            return;
        }
        String text = reader.apply(file);
        if (text == null) {
            return;
        }
        files.putIfAbsent(file, text);
        chain.add(file);
        for (String raw : text.split("\\R")) {
            String line = stripComment(raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            List<String> tok = tokens(line);
            if (tok.get(0).equals("@include")) {
                if (tok.size() > 1) {
                    expand(tok.get(1), type, reader, out, files, chain);
                }
                continue;
            }
            if (tok.size() < 3) {
                continue;
            }
            String t = tok.get(0).startsWith("-") ? tok.get(0).substring(1) : tok.get(0);
            if (!t.equalsIgnoreCase(type)) {
                continue;
            }
            String control = tok.get(1);
            if (control.equals("include") || control.equals("substack")) {
                expand(tok.get(2), type, reader, out, files, chain);
                continue;
            }
            String module = tok.get(2);
            module = module.substring(module.lastIndexOf('/') + 1);
            Map<String, String> args = new LinkedHashMap<>();
            for (String a : tok.subList(3, tok.size())) {
                int eq = a.indexOf('=');
                args.put(eq > 0 ? a.substring(0, eq) : a, eq > 0 ? a.substring(eq + 1) : "");
            }
            out.add(new Line(file, t, control, module, args, raw.strip()));
        }
        chain.remove(chain.size() - 1);
    }

    private static String stripComment(String raw) {
        int hash = raw.indexOf('#');
        return hash >= 0 ? raw.substring(0, hash) : raw;
    }

    /** Whitespace-separated tokens, keeping a bracketed control {@code [success=1 default=ignore]} as one. */
    static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int end;
            if (c == '[') {
                end = line.indexOf(']', i);
                end = end < 0 ? line.length() : end + 1;
            } else {
                end = i;
                while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
                    end++;
                }
            }
            out.add(line.substring(i, end));
            i = end;
        }
        return out;
    }

    public List<Line> lines() {
        return lines;
    }

    /** The files read while expanding, by name, in the order first read. */
    public Map<String, String> files() {
        return files;
    }

    public List<Line> module(String name) {
        return lines.stream().filter(l -> l.module().equals(name)).toList();
    }

    public boolean has(String name) {
        return lines.stream().anyMatch(l -> l.module().equals(name));
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }
}
