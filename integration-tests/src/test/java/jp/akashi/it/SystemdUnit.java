package jp.akashi.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a systemd unit file the package test runs by hand where no systemd runs:
 * {@code ExecStart} split into words as systemd does (double quotes group, a trailing backslash
 * continues the line) and the {@code Environment=} assignments.
 */
record SystemdUnit(Map<String, String> settings, List<String> execStart, Map<String, String> environment) {

    static SystemdUnit read(Path file) throws IOException {
        String text = Files.readString(file).replace("\\\n", " ");
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith("[") || !l.contains("=")) {
                continue;
            }
            String key = l.substring(0, l.indexOf('='));
            String value = l.substring(l.indexOf('=') + 1);
            if (key.equals("Environment")) {
                for (String assignment : words(value)) {
                    env.put(assignment.substring(0, assignment.indexOf('=')), assignment.substring(assignment.indexOf('=') + 1));
                }
            } else {
                settings.put(key, value);
            }
        }
        String exec = settings.get("ExecStart");
        if (exec == null) {
            throw new IllegalStateException(file + " has no ExecStart");
        }
        return new SystemdUnit(settings, words(exec), env);
    }

    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : s.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    out.add(w.toString());
                    w.setLength(0);
                    any = false;
                }
            } else {
                w.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unbalanced quote in: " + s);
        }
        if (any) {
            out.add(w.toString());
        }
        return out;
    }
}
