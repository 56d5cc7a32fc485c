package jp.akashi.probes.host.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.model.ProbeMessages;
import org.junit.jupiter.api.Test;

import jp.akashi.probes.host.FileEntry;
import jp.akashi.probes.host.FileRead;

class RemoteFilesTest {

    @Test
    void parsesFindPrintfRecordsIncludingOddNames() {
        String out = "r\tf\t2216\t1731801600.1234567890\tsyslog\0"
                + "-\tf\t0\t1731801601.0000000000\tauth.log\0"
                + "r\td\t4096\t1700000000.5000000000\tjournal\0"
                + "r\tf\t12\t1700000000.0000000000\tname with\ttab\0"
                + "garbage\0";
        List<FileEntry> entries = RemoteFiles.parseEntries(out, "/var/log");
        assertThat(entries).extracting(FileEntry::name).containsExactly("auth.log", "journal", "name with\ttab", "syslog");
        FileEntry syslog = entries.get(3);
        assertThat(syslog.path()).isEqualTo("/var/log/syslog");
        assertThat(syslog.size()).isEqualTo(2216);
        assertThat(syslog.modified()).isEqualTo(Instant.ofEpochSecond(1731801600, 123456789));
        assertThat(syslog.readable()).isTrue();
        assertThat(entries.get(0).readable()).isFalse();
        assertThat(entries.get(1).directory()).isTrue();
        assertThat(RemoteFiles.parseEntries("", "/x")).isEmpty();
    }

    @Test
    void statOfADanglingLinkIsEmpty() {
        assertThat(RemoteFiles.parseStat("r\tl\t10\t1700000000.0000000000\tbroken\0", "/tmp/broken")).isEmpty();
        Optional<FileEntry> ok = RemoteFiles.parseStat("r\tf\t10\t1700000000.0000000000\tpasswd\0", "/etc/passwd");
        assertThat(ok).contains(new FileEntry("/etc/passwd", "passwd", 10, Instant.ofEpochSecond(1700000000), false, true));
        assertThat(RemoteFiles.parseStat("", "/x")).isEmpty();
        assertThat(RemoteFiles.parseStat("r\tf\tNaN\t1\tx\0", "/x")).isEmpty();
    }

    @Test
    void mapsHeadErrorsIgnoringLoginShellNoise() {
        String noise = "Could not chdir to home directory /home/scan: No such file or directory\n";
        assertThat(RemoteFiles.readFailure("/etc/shadow", 1, noise + "head: cannot open '/etc/shadow' for reading: Permission denied\n").status())
                .isEqualTo(FileRead.Status.DENIED);
        assertThat(RemoteFiles.readFailure("/nope", 1, "head: cannot open '/nope' for reading: No such file or directory\n").status())
                .isEqualTo(FileRead.Status.NOT_FOUND);
        FileRead dir = RemoteFiles.readFailure("/etc", 1, "head: error reading '/etc': Is a directory\n");
        assertThat(dir.problem()).isEqualTo("is a directory");
        FileRead sudo = RemoteFiles.readFailure("/etc/shadow", 1, "sudo: a password is required\n");
        assertThat(sudo.status()).isEqualTo(FileRead.Status.ERROR);
        assertThat(sudo.problem()).isEqualTo("exit 1: sudo: a password is required");
    }

    @Test
    void readProblemsAreCatalogCodesInBothLanguages() {
        ProbeMessages m = ProbeMessages.get();
        FileRead dir = RemoteFiles.readFailure("/etc", 1, "head: error reading '/etc': Is a directory\n");
        assertThat(dir.failureCode().key()).isEqualTo("host.read_is_directory");
        assertThat(m.english(dir.failureCode())).isEqualTo("cannot read /etc: is a directory");
        assertThat(m.render(dir.failureCode(), "ja")).hasValue("/etc はディレクトリのため読めません");
        FileRead sudo = RemoteFiles.readFailure("/etc/shadow", 1, "sudo: a password is required\n");
        assertThat(sudo.failureCode().key()).isEqualTo("host.read_exit_stderr");
        assertThat(m.english(sudo.failureCode())).isEqualTo("cannot read /etc/shadow: exit 1: sudo: a password is required");
        assertThat(m.render(sudo.failureCode(), "ja")).hasValue("/etc/shadow を読めません（終了コード 1）: sudo: a password is required");
        FileRead bare = RemoteFiles.readFailure("/x", 2, "");
        assertThat(m.english(bare.failureCode())).isEqualTo("cannot read /x: exit 2");
        assertThat(m.render(bare.failureCode(), "ja")).hasValue("/x を読めません（終了コード 2）");
        // reads that never got so far keep the generic code with their detail
        FileRead old = FileRead.error("/y", "I/O error");
        assertThat(old.failureCode()).isEqualTo(new jp.akashi.probes.model.MessageCode("fact.file_unreadable", java.util.List.of("/y", "I/O error")));
        FactSink out = new FactSink(java.time.Clock.systemUTC());
        out.failed(dir, "k");
        assertThat(out.facts().get(0).code().key()).isEqualTo("host.read_is_directory");
    }
}
