package jp.akashi.collector.snapshot;

import java.util.HashMap;
import java.util.Map;

import jp.akashi.probes.snapshot.SnapshotManifest;

/**
 * Names evidence files inside a snapshot with the criterion number first
 * ({@code attachments/jaipa-isp/1-1-1_セキュリティポリシー.pdf}): 安全・安心マーク asks for the item
 * number on every evidence document, and auditors of every framework look files up by number.
 * Names keep their Japanese characters; whitespace and characters that are unsafe in paths
 * become '_'. The same file for the same number gets one name; different files never share one.
 */
final class EvidenceNames {
    private final Map<String, String> shaByPath = new HashMap<>();

    /** The path for this file of this criterion, and whether it is new (must be written). */
    record Name(String path, boolean isNew) {
    }

    Name name(String framework, String number, String filename, String sha256) {
        String dir = "attachments/" + clean(framework) + "/";
        String prefix = clean(number) + "_";
        String file = clean(filename);
        for (String candidate : new String[]{dir + prefix + file, dir + prefix + sha256.substring(0, 12) + "_" + file,
                dir + prefix + sha256}) {
            if (SnapshotManifest.pathProblem(candidate) != null) {
                continue;
            }
            String existing = shaByPath.get(candidate);
            if (existing == null) {
                shaByPath.put(candidate, sha256);
                return new Name(candidate, true);
            }
            if (existing.equals(sha256)) {
                return new Name(candidate, false);
            }
        }
        throw new IllegalStateException("no usable name for " + filename + " (" + sha256 + ")");
    }

    static String clean(String s) {
        StringBuilder sb = new StringBuilder();
        (s == null ? "" : s).codePoints().forEach(cp -> {
            boolean unsafe = Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)
                    || "/\\:*?\"<>|".indexOf(cp) >= 0;
            sb.appendCodePoint(unsafe ? '_' : cp);
        });
        String out = sb.toString();
        while (out.startsWith(".")) {
            out = out.substring(1);
        }
        if (out.length() > 120) {
            int dot = out.lastIndexOf('.');
            String ext = dot > 0 && out.length() - dot <= 10 ? out.substring(dot) : "";
            out = out.substring(0, 120 - ext.length()) + ext;
        }
        return out.isEmpty() ? "_" : out;
    }
}
