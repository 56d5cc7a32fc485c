package jp.akashi.probes.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A ratchet for "one language per screen": every {@code x.error(key, message…)} /
 * {@code x.unsupported(key, message)} in the probes whose message is a plain string (not a
 * {@link MessageCode}) is listed, and the number may only go down, so new probes use catalog codes.
 * A message counts as a code when it calls {@code code(…)} / {@code …Code()} or names a variable,
 * field or method declared as {@code MessageCode} somewhere in the probes.
 */
class ProbeMessageRatchetTest {
    /** Nothing is left: every probe message is a catalog code, and none may come back as a plain string. */
    private static final int ALLOWED = 0;

    private static final Pattern CALL = Pattern.compile("(\\w+)\\s*\\.\\s*(error|unsupported)\\s*\\(");
    private static final Pattern DECLARED = Pattern.compile("\\bMessageCode\\s+(\\w+)");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_]\\w*");
    private static final Set<String> LOGGERS = Set.of("LOG", "log", "LOGGER", "logger");

    @Test
    void plainStringMessagesDoNotGrow() throws IOException {
        Map<Path, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                sources.put(f, Files.readString(f));
            }
        }
        Set<String> codes = new TreeSet<>();
        sources.values().forEach(s -> DECLARED.matcher(s).results().forEach(m -> codes.add(m.group(1))));

        List<String> plain = new ArrayList<>();
        sources.forEach((file, src) -> {
            Matcher m = CALL.matcher(src);
            while (m.find()) {
                if (LOGGERS.contains(m.group(1))) {
                    continue;
                }
                List<String> args = arguments(src, m.end());
                if (args.size() < 2 || isCode(args.get(1), codes)) {
                    continue;
                }
                int line = (int) src.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                plain.add(file.getFileName() + ":" + line + "  " + m.group() + String.join(",", args).replaceAll("\\s+", " ") + ")");
            }
        });
        System.out.println("probe messages that are plain strings (" + plain.size() + "):\n  " + String.join("\n  ", plain));
        assertThat(plain.size())
                .as("probe messages must be catalog codes (ProbeMessages.code, messages*.properties); plain strings:\n%s",
                        String.join("\n", plain))
                .isLessThanOrEqualTo(ALLOWED);
    }

    @Test
    void theScannerTellsCodesFromStrings() {
        Set<String> codes = Set.of("why");
        assertThat(isCode(" code(\"a.b\", x)", codes)).isTrue();
        assertThat(isCode(" r.failureCode()", codes)).isTrue();
        assertThat(isCode(" why", codes)).isTrue();
        assertThat(isCode(" \"cannot read \" + path", codes)).isFalse();
        assertThat(isCode(" e.getMessage()", codes)).isFalse();
        String src = "out.error(k, \"a, (b\" + f(x, y), ev);";
        assertThat(arguments(src, src.indexOf('(') + 1)).containsExactly("k", " \"a, (b\" + f(x, y)", " ev");
    }

    private static boolean isCode(String arg, Set<String> codes) {
        if (arg.toLowerCase(java.util.Locale.ROOT).contains("code(")) {
            return true;
        }
        String outsideStrings = arg.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
        return WORD.matcher(outsideStrings).results().anyMatch(w -> codes.contains(w.group()));
    }

    /** The top-level arguments of the call whose '(' ends just before {@code from} (strings and nesting respected). */
    private static List<String> arguments(String src, int from) {
        List<String> args = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int i = from; i < src.length(); i++) {
            char c = src.charAt(i);
            if (c == '"' || c == '\'') {
                for (i++; i < src.length() && src.charAt(i) != c; i++) {
                    if (src.charAt(i) == '\\') {
                        i++;
                    }
                }
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            } else if (c == ')') {
                if (i > start || !args.isEmpty()) {
                    args.add(src.substring(start, i));
                }
                return args;
            } else if (c == ',' && depth == 0) {
                args.add(src.substring(start, i));
                start = i + 1;
            }
        }
        return args;
    }
}
