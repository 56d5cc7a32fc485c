package jp.akashi.probes.linux;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.probes.host.FileEntry;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;

/**
 * Reads the files of a configuration that includes other files (PAM, sudoers, sshd_config,
 * logrotate) for the pure parsers, which take a path → content function. Remembers what it read,
 * for evidence, and which files exist but could not be read, so that a value is never derived from
 * a configuration only partly seen.
 */
public final class ConfigReader {
    private final HostAccess h;
    private final Map<String, FileRead> read = new LinkedHashMap<>();

    public ConfigReader(HostAccess h) {
        this.h = h;
    }

    /** The content of {@code path}, or null when it is missing or unreadable. */
    public String content(String path) {
        FileRead f = read.computeIfAbsent(path, p -> Sources.config(h, p));
        return f.ok() ? f.content() : null;
    }

    /** The paths of the regular files in {@code dir} (an include directory). */
    public List<String> files(String dir) {
        return h.list(dir).stream().filter(e -> !e.directory()).map(FileEntry::path).toList();
    }

    /** Files that exist but could not be read, with the reason. */
    public List<String> unreadable() {
        List<String> out = new ArrayList<>();
        for (FileRead f : read.values()) {
            if (f.status() == FileRead.Status.DENIED || f.status() == FileRead.Status.ERROR) {
                out.add(f.path() + " (" + f.problem() + ")");
            }
        }
        return out;
    }

    /** The files read, path → content, in the order first read. */
    public Map<String, String> contents() {
        Map<String, String> out = new LinkedHashMap<>();
        read.forEach((p, f) -> {
            if (f.ok()) {
                out.put(p, f.content());
            }
        });
        return out;
    }

    /** Every file read, one after the other, for an evidence hash over all of them. */
    public String joined() {
        StringBuilder sb = new StringBuilder();
        contents().forEach((p, c) -> sb.append("== ").append(p).append('\n').append(c));
        return sb.toString();
    }
}
