package jp.akashi.collector.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Creates a file that several collectors on one shared data volume may try to create at the same
 * moment (keys, the TLS keystore): the content is written to a private temporary file beside it and
 * hard-linked into place, which only the first can do. The others then use what the first wrote.
 * Replacing the file instead would leave an instance working with a key whose file is gone.
 */
public final class FirstFile {
    private FirstFile() {
    }

    /**
     * @param perms the file's POSIX permissions, e.g. {@code rw-------} (ignored where the file system has none)
     * @return true if this call created {@code target}, false if it existed already (its content unchanged)
     */
    public static boolean create(Path target, byte[] content, String perms) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".new-", ".tmp");
        try {
            restrict(tmp, "rw-------");
            Files.write(tmp, content);
            restrict(tmp, perms);
            try {
                Files.createLink(target, tmp);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException e) {
                try {
                    Files.move(tmp, target); // no hard links here: a plain move, which refuses an existing file too
                    return true;
                } catch (FileAlreadyExistsException raced) {
                    return false;
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A private directory for such files (0700), created if missing. */
    public static void privateDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        restrict(dir, "rwx------");
    }

    public static void restrict(Path p, String perms) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system (Windows): the data directory's ACL applies
        }
    }
}
