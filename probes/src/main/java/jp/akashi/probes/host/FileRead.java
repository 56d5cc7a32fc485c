package jp.akashi.probes.host;

import static jp.akashi.probes.model.ProbeMessages.code;

import jp.akashi.probes.model.MessageCode;

/**
 * The outcome of reading one file. Content is decoded as UTF-8 (invalid bytes replaced).
 *
 * @param status    OK, NOT_FOUND, DENIED (permission), or ERROR (anything else; see {@code problem})
 * @param truncated the file was longer than the limit asked for; content holds the first part
 * @param problem   what went wrong, in English (raw detail for logs and old readers)
 * @param why       the same as a probe message catalog code (path first), or null for OK / NOT_FOUND / DENIED
 */
public record FileRead(String path, Status status, String content, boolean truncated, String problem, MessageCode why) {

    public enum Status { OK, NOT_FOUND, DENIED, ERROR }

    /** Without a code: an ERROR then shows as fact.file_unreadable with {@code problem} as its detail. */
    public FileRead(String path, Status status, String content, boolean truncated, String problem) {
        this(path, status, content, truncated, problem, null);
    }

    public static FileRead ok(String path, String content, boolean truncated) {
        return new FileRead(path, Status.OK, content, truncated, null);
    }

    public static FileRead notFound(String path) {
        return new FileRead(path, Status.NOT_FOUND, null, false, "no such file");
    }

    public static FileRead denied(String path) {
        return new FileRead(path, Status.DENIED, null, false, "permission denied");
    }

    /** An error with only a detail text (an exception's message): shown as fact.file_unreadable. */
    public static FileRead error(String path, String problem) {
        return new FileRead(path, Status.ERROR, null, false, problem, code("fact.file_unreadable", path, problem));
    }

    /** An error whose reason is the catalog code {@code why} (path as its first parameter); {@code problem} is the English detail. */
    public static FileRead error(String path, MessageCode why, String problem) {
        return new FileRead(path, Status.ERROR, null, false, problem, why);
    }

    /** Why this read failed as a catalog code (for ERROR reads; missing and denied reads have their own codes). */
    public MessageCode failureCode() {
        return switch (status) {
            case OK -> null;
            case NOT_FOUND -> code("fact.file_missing", path);
            case DENIED -> code("fact.file_denied", path);
            case ERROR -> why != null ? why : code("fact.file_unreadable", path, problem);
        };
    }

    public boolean ok() {
        return status == Status.OK;
    }

    /**
     * Reads at most {@code maxBytes} of {@code file} and says what happened, reported under
     * {@code shownPath} (the host's path, not the local one it was mapped to).
     */
    public static FileRead of(java.nio.file.Path file, String shownPath, int maxBytes, java.nio.file.OpenOption... options) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file, options)) {
            byte[] data = in.readNBytes(maxBytes);
            boolean truncated = in.read() >= 0;
            return ok(shownPath, new String(data, java.nio.charset.StandardCharsets.UTF_8), truncated);
        } catch (java.nio.file.NoSuchFileException e) {
            return notFound(shownPath);
        } catch (java.nio.file.AccessDeniedException e) {
            return denied(shownPath);
        } catch (java.io.IOException e) {
            if (java.nio.file.Files.isDirectory(file)) {
                return FileRead.error(shownPath, code("host.read_is_directory", shownPath), "is a directory");
            }
            String detail = e.getClass().getSimpleName() + ": " + e.getMessage();
            return FileRead.error(shownPath, code("fact.file_unreadable", shownPath, detail), detail);
        }
    }
}
