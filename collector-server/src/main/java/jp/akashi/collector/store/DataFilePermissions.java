package jp.akashi.collector.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory holds password hashes, session tokens, keys and every fact: it is created
 * 0700 and the SQLite files 0600 (POSIX systems; elsewhere the platform's ACLs apply). SQLite
 * creates {@code -wal} and {@code -shm} itself with the database file's mode, so the database
 * file is created 0600 before SQLite opens it, and all three are checked again after opening.
 * Wider permissions found at start are reported, and the database files narrowed.
 */
public final class DataFilePermissions {
    private static final Logger LOG = LoggerFactory.getLogger(DataFilePermissions.class);
    static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private DataFilePermissions() {
    }

    /** Creates {@code dir} (and missing parents) 0700; warns when an existing one is open to group or others. */
    public static void directory(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                if (posix(dir) && wider(dir)) {
                    LOG.warn("data directory {} is {} — others on this machine can read the collector's data; chmod 700 it",
                            dir, PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
                }
                return;
            }
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (posix(parent == null ? dir : parent)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR));
                Files.setPosixFilePermissions(dir, DIR); // the umask may have taken bits away, never added: set exactly
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            directory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Before SQLite opens {@code db}: an absent file is created empty with 0600 (SQLite gives -wal and -shm that mode). */
    public static void beforeOpen(Path db) {
        try {
            if (!Files.exists(db) && posix(db.toAbsolutePath().getParent())) {
                Files.createFile(db, PosixFilePermissions.asFileAttribute(FILE));
            }
        } catch (FileAlreadyExistsException e) {
            // created meanwhile: checked after opening
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database file " + db + ": " + e.getMessage(), e);
        }
        narrow(db);
    }

    /** After opening: the database and its -wal and -shm files are 0600. */
    public static void afterOpen(Path db) {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            narrow(Path.of(db + suffix));
        }
    }

    private static void narrow(Path file) {
        try {
            if (!Files.exists(file) || !posix(file) || !wider(file)) {
                return;
            }
            LOG.warn("{} was {} — narrowed to rw------- (it holds password hashes, session tokens and all facts)", file,
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            Files.setPosixFilePermissions(file, FILE);
        } catch (IOException e) {
            LOG.warn("cannot narrow the permissions of {}: {}", file, e.toString());
        }
    }

    private static boolean wider(Path p) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
        perms.retainAll(GROUP_OR_OTHER);
        return !perms.isEmpty();
    }

    private static boolean posix(Path p) {
        return p != null && Files.getFileAttributeView(p, java.nio.file.attribute.PosixFileAttributeView.class) != null;
    }
}
