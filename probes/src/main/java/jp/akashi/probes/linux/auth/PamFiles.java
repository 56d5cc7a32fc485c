package jp.akashi.probes.linux.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.EvidenceTrail;
import jp.akashi.probes.linux.Sources;

/** Reads /etc/pam.d files for {@link PamStack} once each, remembering those that exist but could not be read. */
final class PamFiles {
    static final String DIR = "/etc/pam.d/";

    private final HostAccess h;
    private final Map<String, FileRead> read = new LinkedHashMap<>();

    PamFiles(HostAccess h) {
        this.h = h;
    }

    String content(String name) {
        FileRead f = read.computeIfAbsent(name, n -> Sources.config(h, n.startsWith("/") ? n : DIR + n));
        return f.ok() ? f.content() : null;
    }

    /** The first of {@code services} whose {@code type} stack has lines. */
    PamStack firstStack(String type, String... services) {
        for (String s : services) {
            PamStack st = PamStack.load(s, type, this::content);
            if (!st.isEmpty()) {
                return st;
            }
        }
        return null;
    }

    /** Files that exist but could not be read: their lines are unknown, so no value may be derived. */
    List<String> unreadable() {
        List<String> out = new ArrayList<>();
        for (FileRead f : read.values()) {
            if (f.status() == FileRead.Status.DENIED || f.status() == FileRead.Status.ERROR) {
                out.add(f.path() + " (" + f.problem() + ")");
            }
        }
        return out;
    }

    /** Adds each file of {@code stack} with its lines for the named modules. */
    static void cite(EvidenceTrail t, PamStack stack, List<String> modules) {
        t.note("PAM files read: " + String.join(", ", stack.files().keySet()));
        for (Map.Entry<String, String> e : stack.files().entrySet()) {
            StringBuilder rel = new StringBuilder();
            for (PamStack.Line l : stack.lines()) {
                if (l.file().equals(e.getKey()) && modules.contains(l.module())) {
                    rel.append(l.raw()).append('\n');
                }
            }
            String path = e.getKey().startsWith("/") ? e.getKey() : DIR + e.getKey();
            t.add("file:" + path, e.getValue(), rel.toString());
        }
    }
}
