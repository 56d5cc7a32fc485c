package jp.akashi.agent.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Atomic, durable file writes with owner-only permissions where the file system has them. */
public final class FileSafety {
    private FileSafety() {
    }

    /** Writes to a temporary file, syncs it, then renames it over {@code target}: readers never see half a file. */
    public static void writeAtomically(Path target, byte[] data, boolean ownerOnly) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        ensureDir(dir, ownerOnly);
        Path tmp = dir.resolve("." + target.getFileName() + TMP_SUFFIX);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                if (ownerOnly) {
                    restrict(tmp, "rw-------");
                }
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(data);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // disk full or similar: leave no half-written temporary file behind
            Files.deleteIfExists(tmp);
            throw e;
        }
        syncDirectory(dir);
    }

    /** Temporary files end like this and start with a dot; a crash can leave them behind. */
    public static final String TMP_SUFFIX = ".tmp";

    /** Makes a rename durable: without syncing the directory, a power loss can undo it (POSIX). */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a channel; NTFS journals the rename itself
        }
    }

    public static void ensureDir(Path dir, boolean ownerOnly) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            if (ownerOnly) {
                restrict(dir, "rwx------");
            }
        }
    }

    static void restrict(Path p, String perms) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException | IOException e) {
            // Windows: the ProgramData\Akashi ACL set by the installer applies
        }
    }
}
