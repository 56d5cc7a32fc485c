package jp.akashi.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import io.micronaut.context.ApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import jp.akashi.collector.CollectorMain;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.probes.testing.TestDaemons;

/**
 * The data directory is 0700 and the SQLite database with its -wal and -shm files 0600 on a real
 * collector started on a new and on an existing data directory (the process umask is the usual 022).
 */
class DataFilePermissionsTest {
    Path root;
    ApplicationContext ctx;

    @AfterEach
    void stop() throws Exception {
        if (ctx != null) {
            ctx.close();
        }
        if (root != null) {
            TestDaemons.deleteTree(root);
        }
    }

    ApplicationContext start(Path dataDir) throws Exception {
        return CollectorMain.start(new String[]{"--data-dir", dataDir.toString(), "--port", String.valueOf(TestCollector.freePort()),
                "--tls", "off"}, Map.of("AKASHI_ADMIN_PASSWORD", TestCollector.ADMIN_PASSWORD), Map.of("akashi.targets.scheduler-enabled", false));
    }

    static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    /** Writes through the real database so that SQLite has its -wal and -shm files. */
    void write() {
        ctx.getBean(Database.class).write(h -> h.execute("UPDATE users SET locale = locale"));
    }

    @Test
    void aNewDataDirectoryIsPrivateAndSoAreTheDatabaseFiles() throws Exception {
        root = Files.createTempDirectory("akashi-perms-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = root.resolve("data");
        ctx = start(data);
        write();
        assertThat(perms(data)).isEqualTo("rwx------");
        for (String f : new String[]{"akashi.db", "akashi.db-wal", "akashi.db-shm"}) {
            assertThat(data.resolve(f)).exists();
            assertThat(perms(data.resolve(f))).as(f).isEqualTo("rw-------");
        }
    }

    @Test
    void widerFilesFromAnOlderInstallAreNarrowedWithAWarning() throws Exception {
        root = Files.createTempDirectory("akashi-perms-");
        Path data = Files.createDirectory(root.resolve("data"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        ctx = start(data);
        write();
        ctx.close();
        ctx = null;
        for (String f : new String[]{"akashi.db", "akashi.db-wal", "akashi.db-shm"}) {
            if (Files.exists(data.resolve(f))) {
                Files.setPosixFilePermissions(data.resolve(f), PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        Logger log = (Logger) LoggerFactory.getLogger("jp.akashi.collector.store.DataFilePermissions");
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        log.addAppender(seen);
        try {
            ctx = start(data);
            write();
        } finally {
            log.detachAppender(seen);
        }
        assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.contains("data directory") && m.contains("rwxr-xr-x"))
                .anyMatch(m -> m.contains("akashi.db was rw-r--r--"));
        for (String f : new String[]{"akashi.db", "akashi.db-wal", "akashi.db-shm"}) {
            assertThat(perms(data.resolve(f))).as(f).isEqualTo("rw-------");
        }
    }
}
