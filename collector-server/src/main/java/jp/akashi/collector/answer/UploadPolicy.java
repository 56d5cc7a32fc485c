package jp.akashi.collector.answer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * What evidence files the collector accepts: known document, image, spreadsheet and text types
 * only, recognised by extension AND by their first bytes (a renamed executable is refused), with
 * the content type decided here, never taken from the client. A file whose content is of another
 * known type than its extension says (a PDF or an HTML page named {@code .txt}) is refused too.
 * File names are cleaned (no paths, no control or invisible format characters such as the
 * right-to-left override U+202E that shows {@code gpj.exe.txt} as {@code txt.exe.jpg}) but keep
 * their Japanese characters.
 */
public final class UploadPolicy {
    /** The one limit per evidence file, in the API, the console and the docs. */
    public static final long MAX_BYTES = 20L * 1024 * 1024;

    /** Extension → content type. */
    static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("pdf", "application/pdf"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("txt", "text/plain; charset=UTF-8"),
            Map.entry("log", "text/plain; charset=UTF-8"),
            Map.entry("csv", "text/csv; charset=UTF-8"),
            Map.entry("json", "application/json"),
            Map.entry("xml", "application/xml"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("xls", "application/vnd.ms-excel"),
            Map.entry("doc", "application/msword"),
            Map.entry("ppt", "application/vnd.ms-powerpoint"),
            Map.entry("zip", "application/zip"));

    private UploadPolicy() {
    }

    /** A file (or the files of one answer) over {@link #MAX_BYTES}: the API answers 413. */
    public static final class TooLarge extends IllegalArgumentException {
        public TooLarge(String message) {
            super(message);
        }
    }

    /** The accepted file: cleaned name and the content type the collector will serve it with. */
    public record Accepted(String filename, String contentType) {
    }

    /** Checks a file; throws {@link IllegalArgumentException} with a message the user can act on. */
    public static Accepted check(String rawName, byte[] content) {
        String name = cleanName(rawName);
        if (content == null || content.length == 0) {
            throw new IllegalArgumentException(name + ": the file is empty");
        }
        if (content.length > MAX_BYTES) {
            throw new TooLarge(name + ": larger than " + (MAX_BYTES / 1024 / 1024) + " MB");
        }
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        String type = TYPES.get(ext);
        if (type == null) {
            throw new IllegalArgumentException(name + ": file type ." + ext + " is not accepted (accepted: "
                    + String.join(", ", new java.util.TreeSet<>(TYPES.keySet())) + ")");
        }
        if (!contentMatches(ext, content)) {
            throw new IllegalArgumentException(name + ": the content is not a ." + ext + " file");
        }
        String sniffed = sniff(content);
        if (sniffed != null && !sniffed.equals(family(ext))) {
            throw new IllegalArgumentException(name + ": the content is a " + sniffed + " file, not a ." + ext + " file");
        }
        return new Accepted(name, type);
    }

    /** The content type an accepted name is served with (by its extension), or null for a name that would not be accepted. */
    public static String typeOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** What family of content an extension promises (text types share one: a .log may hold CSV). */
    private static String family(String ext) {
        return switch (ext) {
            case "pdf" -> "PDF";
            case "png" -> "PNG";
            case "jpg", "jpeg" -> "JPEG";
            case "gif" -> "GIF";
            case "xlsx", "docx", "pptx", "zip" -> "ZIP";
            case "xls", "doc", "ppt" -> "OLE";
            default -> "text";
        };
    }

    /**
     * The family of content recognised by its first bytes, or null when it is none of the known
     * ones. HTML counts as its own family: a browser that sniffs it would run its scripts.
     */
    static String sniff(byte[] b) {
        if (starts(b, '%', 'P', 'D', 'F')) {
            return "PDF";
        }
        if (starts(b, 0x89, 'P', 'N', 'G')) {
            return "PNG";
        }
        if (starts(b, 0xFF, 0xD8, 0xFF)) {
            return "JPEG";
        }
        if (starts(b, 'G', 'I', 'F', '8')) {
            return "GIF";
        }
        if (starts(b, 'P', 'K', 3, 4)) {
            return "ZIP";
        }
        if (starts(b, 0xD0, 0xCF, 0x11, 0xE0)) {
            return "OLE";
        }
        String head = new String(b, 0, Math.min(b.length, 512), StandardCharsets.ISO_8859_1).stripLeading().toLowerCase(Locale.ROOT);
        if (head.startsWith("\u00ef\u00bb\u00bf")) {
            head = head.substring(3).stripLeading();
        }
        for (String tag : new String[] {"<!doctype html", "<html", "<script", "<svg", "<body", "<head", "<iframe", "<hta:"}) {
            if (head.startsWith(tag)) {
                return "HTML";
            }
        }
        return null;
    }

    static boolean contentMatches(String ext, byte[] b) {
        return switch (ext) {
            case "pdf" -> starts(b, '%', 'P', 'D', 'F');
            case "png" -> starts(b, 0x89, 'P', 'N', 'G');
            case "jpg", "jpeg" -> starts(b, 0xFF, 0xD8, 0xFF);
            case "gif" -> starts(b, 'G', 'I', 'F', '8');
            case "xlsx", "docx", "pptx", "zip" -> starts(b, 'P', 'K', 3, 4);
            case "xls", "doc", "ppt" -> starts(b, 0xD0, 0xCF, 0x11, 0xE0);
            default -> isText(b);
        };
    }

    private static boolean starts(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** UTF-8 (BOM allowed) or Shift_JIS text without NUL bytes: Japanese logs and CSVs from Excel are both common. */
    static boolean isText(byte[] b) {
        for (byte x : b) {
            if (x == 0) {
                return false;
            }
        }
        return decodes(b, StandardCharsets.UTF_8) || decodes(b, java.nio.charset.Charset.forName("Shift_JIS"));
    }

    private static boolean decodes(byte[] b, java.nio.charset.Charset cs) {
        try {
            cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * The last path segment, without control, format (Unicode Cf: bidi overrides and isolates,
     * zero-width characters, BOM), line-separator or reserved characters, at most 200 characters.
     */
    public static String cleanName(String raw) {
        String n = raw == null ? "" : raw;
        n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
        StringBuilder sb = new StringBuilder();
        n.codePoints().forEach(cp -> {
            int t = Character.getType(cp);
            boolean invisible = t == Character.CONTROL || t == Character.FORMAT || t == Character.LINE_SEPARATOR
                    || t == Character.PARAGRAPH_SEPARATOR || t == Character.SURROGATE || t == Character.UNASSIGNED
                    || t == Character.PRIVATE_USE;
            if (!invisible && "<>:\"|?*".indexOf(cp) < 0) {
                sb.appendCodePoint(cp);
            }
        });
        String s = sb.toString().strip();
        while (s.startsWith(".")) {
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("the file needs a name with an extension");
        }
        return s.length() > 200 ? s.substring(s.length() - 200) : s;
    }
}
