package jp.akashi.probes.host;

/**
 * The outcome of reading one file. Content is decoded as UTF-8 (invalid bytes replaced).
 *
 * @param status    OK, NOT_FOUND, DENIED (permission), or ERROR (anything else; see {@code problem})
 * @param truncated the file was longer than the limit asked for; content holds the first part
 */
public record FileRead(String path, Status status, String content, boolean truncated, String problem) {

    public enum Status { OK, NOT_FOUND, DENIED, ERROR }

    public static FileRead ok(String path, String content, boolean truncated) {
        return new FileRead(path, Status.OK, content, truncated, null);
    }

    public static FileRead notFound(String path) {
        return new FileRead(path, Status.NOT_FOUND, null, false, "no such file");
    }

    public static FileRead denied(String path) {
        return new FileRead(path, Status.DENIED, null, false, "permission denied");
    }

    public static FileRead error(String path, String problem) {
        return new FileRead(path, Status.ERROR, null, false, problem);
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
                return error(shownPath, "is a directory");
            }
            return error(shownPath, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
