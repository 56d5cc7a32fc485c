package jp.akashi.probes.linux.auth;

import java.util.List;
import java.util.Map;

import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.ConfigReader;
import jp.akashi.probes.linux.EvidenceTrail;

/** Reads /etc/pam.d files for {@link PamStack} once each, remembering those that exist but could not be read. */
final class PamFiles {
    static final String DIR = "/etc/pam.d/";

    private final ConfigReader reader;

    PamFiles(HostAccess h) {
        this.reader = new ConfigReader(h);
    }

    String content(String name) {
        return reader.content(name.startsWith("/") ? name : DIR + name);
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
        return reader.unreadable();
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
