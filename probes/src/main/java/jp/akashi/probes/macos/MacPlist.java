package jp.akashi.probes.macos;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.util.PlistXml;

/**
 * Reads a property list file through {@code plutil -convert xml1 -o - <path>}, which handles
 * binary plists and keeps dates (JSON conversion refuses them).
 *
 * @param root     the root value (dictionary or array), {@code null} when absent or unreadable
 * @param absent   the file does not exist (often meaning "nothing configured")
 * @param failed   the plutil run, when it failed
 * @param problem  why the output could not be parsed
 */
public record MacPlist(String path, Object root, boolean absent, CommandResult failed, String problem, Evidence evidence) {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    public static MacPlist read(HostAccess h, String path) {
        if (h.stat(path).isEmpty()) {
            return new MacPlist(path, null, true, null, null, null);
        }
        CommandResult r = h.exec(List.of("plutil", "-convert", "xml1", "-o", "-", path), TIMEOUT);
        if (!r.succeeded()) {
            return new MacPlist(path, null, false, r, null, null);
        }
        Evidence ev = Evidence.of("file:" + path, r.stdout());
        try {
            return new MacPlist(path, PlistXml.parse(r.stdout()), false, null, null, ev);
        } catch (IllegalArgumentException e) {
            return new MacPlist(path, null, false, null, path + ": " + e.getMessage(), ev);
        }
    }

    public boolean ok() {
        return root != null;
    }

    /** The root dictionary, or {@code null} when the root is something else. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> dict() {
        return root instanceof Map ? (Map<String, Object>) root : null;
    }

    /** Records {@code keys} as unreadable from this plist (absent files are the caller's decision). */
    public void fail(FactSink out, String... keys) {
        for (String k : keys) {
            if (failed != null) {
                out.failed(failed, k);
            } else if (absent) {
                out.unsupported(k, code("fact.file_missing", path));
            } else {
                out.error(k, code("fact.output_problem", problem), evidence);
            }
        }
    }

    public Object get(String key) {
        Map<String, Object> d = dict();
        return d == null ? null : d.get(key);
    }
}
