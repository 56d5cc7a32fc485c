package jp.akashi.probes.snapshot;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The list of every file in a snapshot with its size and SHA-256, plus the snapshot's identity,
 * the collector key that signs it and the hash of the previous snapshot's manifest (the chain).
 * The signature ({@code manifest.sig}) covers exactly the bytes of {@code manifest.txt}, so the
 * text form is canonical: one way to write a given manifest, checked when reading.
 *
 * <pre>
 * akashi-snapshot-manifest 1
 * snapshot-id 0b6e…
 * created-at 2026-12-01T00:00:00.123Z
 * collector-key sha256:&lt;64 hex&gt;
 * previous &lt;64 hex&gt;|none
 * display-zone Asia/Tokyo            (optional: the collector's display zone; absent in older manifests)
 * files 3
 * file &lt;sha256&gt; &lt;size&gt; data/criteria.json
 * …
 * end
 * </pre>
 *
 * UTF-8, LF line ends, files sorted by the UTF-8 bytes of their path, paths without whitespace.
 * The {@code display-zone} line is written only when a zone is given, so a manifest without one
 * has the same bytes (and signature) as before the field existed; being part of manifest.txt it is
 * covered by the signature like every other field. The verifier shows times in that zone.
 */
public record SnapshotManifest(String snapshotId, Instant createdAt, String keyFingerprint, String previousSha256,
                               ZoneId displayZone, List<Entry> files) {
    public static final String HEADER = "akashi-snapshot-manifest 1";
    public static final String FILE_NAME = "manifest.txt";
    public static final String SIGNATURE_NAME = "manifest.sig";
    public static final String PUBLIC_KEY_NAME = "collector-public-key.pem";
    /** The RFC 3161 time-stamp response over manifest.txt, when an authority stamped it (possibly after the snapshot was made). */
    public static final String TIME_STAMP_NAME = "manifest.tsr";
    /** Archive members that are not listed in the manifest (it cannot list itself, its signature or its time stamp). */
    public static final Set<String> UNLISTED = Set.of(FILE_NAME, SIGNATURE_NAME, PUBLIC_KEY_NAME, TIME_STAMP_NAME);
    public static final String NO_PREVIOUS = "none";
    /** The optional manifest line naming the collector's display zone. */
    public static final String DISPLAY_ZONE = "display-zone";
    static final int MAX_PATH_BYTES = 400;

    /** One file of the snapshot. */
    public record Entry(String path, long size, String sha256) {
    }

    public SnapshotManifest {
        files = List.copyOf(files);
    }

    /** A manifest that records no display zone (as every manifest did before the field existed). */
    public SnapshotManifest(String snapshotId, Instant createdAt, String keyFingerprint, String previousSha256, List<Entry> files) {
        this(snapshotId, createdAt, keyFingerprint, previousSha256, null, files);
    }

    /** Orders paths by their UTF-8 bytes (the canonical order; independent of any locale). */
    public static final Comparator<String> PATH_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    /** A manifest with its files put in canonical order. */
    public static SnapshotManifest of(String snapshotId, Instant createdAt, String keyFingerprint, String previousSha256,
                                      List<Entry> files) {
        return of(snapshotId, createdAt, keyFingerprint, previousSha256, null, files);
    }

    /** A manifest with its files put in canonical order; {@code displayZone} (or null) is the collector's display zone. */
    public static SnapshotManifest of(String snapshotId, Instant createdAt, String keyFingerprint, String previousSha256,
                                      ZoneId displayZone, List<Entry> files) {
        List<Entry> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(Entry::path, PATH_ORDER));
        return new SnapshotManifest(snapshotId, createdAt, keyFingerprint, previousSha256, displayZone, sorted);
    }

    /** The canonical bytes (what is signed and hashed). Throws if a field cannot be written canonically. */
    public byte[] render() {
        requireToken("snapshot-id", snapshotId);
        requireFingerprint(keyFingerprint);
        if (previousSha256 != null && !isSha256(previousSha256)) {
            throw new IllegalArgumentException("previous: not a SHA-256: " + previousSha256);
        }
        StringBuilder sb = new StringBuilder(128 + files.size() * 120);
        sb.append(HEADER).append('\n');
        sb.append("snapshot-id ").append(snapshotId).append('\n');
        sb.append("created-at ").append(createdAt).append('\n');
        sb.append("collector-key ").append(keyFingerprint).append('\n');
        sb.append("previous ").append(previousSha256 == null ? NO_PREVIOUS : previousSha256).append('\n');
        if (displayZone != null) {
            sb.append(DISPLAY_ZONE).append(' ').append(displayZone.getId()).append('\n');
        }
        sb.append("files ").append(files.size()).append('\n');
        String last = null;
        for (Entry e : files) {
            String problem = pathProblem(e.path());
            if (problem != null) {
                throw new IllegalArgumentException(e.path() + ": " + problem);
            }
            if (last != null && PATH_ORDER.compare(last, e.path()) >= 0) {
                throw new IllegalArgumentException(e.path() + ": files not in canonical order or listed twice");
            }
            if (!isSha256(e.sha256()) || e.size() < 0) {
                throw new IllegalArgumentException(e.path() + ": bad hash or size");
            }
            sb.append("file ").append(e.sha256()).append(' ').append(e.size()).append(' ').append(e.path()).append('\n');
            last = e.path();
        }
        sb.append("end\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a manifest; anything that is not exactly the canonical form is refused with the line at fault. */
    public static SnapshotManifest parse(byte[] bytes) throws ManifestException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ManifestException("not UTF-8 text");
        }
        if (!text.endsWith("\n")) {
            throw new ManifestException("does not end with a line feed (truncated?)");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length < 7) {
            throw new ManifestException("too short: " + lines.length + " lines");
        }
        if (!lines[0].equals(HEADER)) {
            throw new ManifestException("line 1: expected '" + HEADER + "'");
        }
        String id = field(lines, 1, "snapshot-id");
        requireTokenParsed(id, 2);
        Instant created;
        try {
            created = Instant.parse(field(lines, 2, "created-at"));
        } catch (DateTimeParseException e) {
            throw new ManifestException("line 3: created-at is not an ISO-8601 instant");
        }
        String key = field(lines, 3, "collector-key");
        if (!key.matches("sha256:[0-9a-f]{64}")) {
            throw new ManifestException("line 4: collector-key must be sha256:<64 lower-case hex>");
        }
        String previous = field(lines, 4, "previous");
        if (!previous.equals(NO_PREVIOUS) && !isSha256(previous)) {
            throw new ManifestException("line 5: previous must be a SHA-256 or 'none'");
        }
        // the optional display-zone line shifts the rest by one
        ZoneId zone = null;
        int at = 5;
        if (lines[at].startsWith(DISPLAY_ZONE + " ")) {
            String zoneId = lines[at].substring(DISPLAY_ZONE.length() + 1);
            try {
                zone = zoneId.matches("[A-Za-z0-9/_+:.-]{1,64}") ? ZoneId.of(zoneId) : null;
            } catch (java.time.DateTimeException e) {
                zone = null;
            }
            if (zone == null || !zone.getId().equals(zoneId)) {
                throw new ManifestException("line 6: display-zone is not a time-zone id");
            }
            at++;
            if (lines.length < 8) {
                throw new ManifestException("too short: " + lines.length + " lines");
            }
        }
        int count;
        try {
            count = Integer.parseInt(field(lines, at, "files"));
        } catch (NumberFormatException e) {
            throw new ManifestException("line " + (at + 1) + ": files must be a number");
        }
        if (count < 0 || lines.length != at + 2 + count) {
            throw new ManifestException("line " + (at + 1) + ": says " + count + " files, but " + Math.max(0, lines.length - at - 2)
                    + " file lines follow");
        }
        List<Entry> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            files.add(fileLine(lines[at + 1 + i], at + 2 + i));
        }
        if (!lines[lines.length - 1].equals("end")) {
            throw new ManifestException("line " + lines.length + ": expected 'end'");
        }
        SnapshotManifest m = new SnapshotManifest(id, created, key, previous.equals(NO_PREVIOUS) ? null : previous, zone, files);
        byte[] canonical;
        try {
            canonical = m.render();
        } catch (IllegalArgumentException e) {
            throw new ManifestException(e.getMessage());
        }
        if (!Arrays.equals(canonical, bytes)) {
            throw new ManifestException("not in canonical form (file order, number or time format)");
        }
        return m;
    }

    private static Entry fileLine(String line, int lineNo) throws ManifestException {
        String[] p = line.split(" ", 4);
        if (p.length != 4 || !p[0].equals("file")) {
            throw new ManifestException("line " + lineNo + ": expected 'file <sha256> <size> <path>'");
        }
        if (!isSha256(p[1])) {
            throw new ManifestException("line " + lineNo + ": not a SHA-256: " + p[1]);
        }
        long size;
        try {
            size = Long.parseLong(p[2]);
        } catch (NumberFormatException e) {
            throw new ManifestException("line " + lineNo + ": size is not a number");
        }
        if (size < 0) {
            throw new ManifestException("line " + lineNo + ": negative size");
        }
        String problem = pathProblem(p[3]);
        if (problem != null) {
            throw new ManifestException("line " + lineNo + ": " + p[3] + ": " + problem);
        }
        return new Entry(p[3], size, p[1]);
    }

    private static String field(String[] lines, int index, String name) throws ManifestException {
        String l = lines[index];
        if (!l.startsWith(name + " ")) {
            throw new ManifestException("line " + (index + 1) + ": expected '" + name + " …'");
        }
        return l.substring(name.length() + 1);
    }

    /**
     * Why a path cannot be a snapshot member, or null when it can: relative, '/'-separated, no
     * empty, '.' or '..' segments, no whitespace, control characters or backslashes, not one of
     * the unlisted names.
     */
    public static String pathProblem(String path) {
        if (path == null || path.isEmpty()) {
            return "empty path";
        }
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            return "path longer than " + MAX_PATH_BYTES + " bytes";
        }
        if (UNLISTED.contains(path)) {
            return "reserved name";
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c) || c == '\\'
                    || Character.isSurrogate(c) && !validSurrogateAt(path, i)) {
                return "contains whitespace, a control character, a backslash or a broken character";
            }
        }
        for (String seg : path.split("/", -1)) {
            if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) {
                return "absolute path or empty, '.' or '..' segment";
            }
        }
        return null;
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    static boolean isSha256(String s) {
        return s != null && s.matches("[0-9a-f]{64}");
    }

    private static void requireToken(String name, String v) {
        if (v == null || !v.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException(name + ": letters, digits, '.', '_' and '-' only, 1..64 characters");
        }
    }

    private static void requireTokenParsed(String v, int lineNo) throws ManifestException {
        if (!v.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new ManifestException("line " + lineNo + ": snapshot-id has characters other than letters, digits, '.', '_' and '-'");
        }
    }

    private static void requireFingerprint(String v) {
        if (v == null || !v.matches("sha256:[0-9a-f]{64}")) {
            throw new IllegalArgumentException("collector-key must be sha256:<64 lower-case hex>");
        }
    }

    /** A manifest that cannot be read; the message says where and why. */
    public static final class ManifestException extends Exception {
        public ManifestException(String message) {
            super(message);
        }
    }
}
