package jp.akashi.probes.linux.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jp.akashi.probes.host.FileEntry;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.EvidenceTrail;
import jp.akashi.probes.linux.IniFile;
import jp.akashi.probes.linux.Sources;

/**
 * journald.conf as systemd merges it: the main file, then drop-ins from /etc, /run and /usr/lib
 * journald.conf.d in file-name order (a name in /etc hides the same name further down).
 *
 * @param found whether journald is configured on the host at all (any of the files exists)
 */
record JournalConfig(IniFile conf, boolean found, boolean varLogJournal, List<FileRead> files) {
    static final String MAIN = "/etc/systemd/journald.conf";
    private static final List<String> DROP_IN_DIRS = List.of("/etc/systemd/journald.conf.d",
            "/run/systemd/journald.conf.d", "/usr/lib/systemd/journald.conf.d");

    static JournalConfig read(HostAccess h) {
        IniFile conf = new IniFile();
        List<FileRead> files = new ArrayList<>();
        FileRead main = Sources.config(h, MAIN);
        if (main.ok()) {
            conf.merge(main.content());
            files.add(main);
        }
        Map<String, String> dropIns = new TreeMap<>();
        for (String dir : DROP_IN_DIRS) {
            for (FileEntry e : h.list(dir)) {
                if (e.name().endsWith(".conf")) {
                    dropIns.putIfAbsent(e.name(), e.path());
                }
            }
        }
        for (String path : dropIns.values()) {
            FileRead f = Sources.config(h, path);
            if (f.ok()) {
                conf.merge(f.content());
                files.add(f);
            }
        }
        boolean varLog = h.stat("/var/log/journal").map(FileEntry::directory).orElse(false);
        return new JournalConfig(conf, !files.isEmpty(), varLog, files);
    }

    /**
     * Evidence: the files' settings and what they mean, the process list that shows journald runs,
     * plus {@code extra} notes. Without any file the process list is the source (defaults apply).
     */
    jp.akashi.probes.model.Evidence evidence(LogWriter writer, String... extra) {
        EvidenceTrail t = new EvidenceTrail();
        for (FileRead f : files) {
            t.add("file:" + f.path(), f.content(), Sources.withoutComments(f.content()));
        }
        String ps = "cmd:" + writer.ps().source().command();
        t.add(ps, writer.ps().source().stdout(), "systemd-journald " + (writer.journal() ? "running" : "not running"));
        notes().forEach(t::note);
        for (String e : extra) {
            t.note(e);
        }
        return t.build(files.isEmpty() ? ps : "file:" + files.get(0).path());
    }

    String storage() {
        return Journald.storage(conf, varLogJournal);
    }

    /** A note for evidence on what the settings mean. */
    List<String> notes() {
        List<String> n = new ArrayList<>();
        n.add("Storage=" + (conf.get("Journal", "Storage") == null ? "auto (default)" : conf.get("Journal", "Storage"))
                + " → " + storage() + (varLogJournal ? " (/var/log/journal exists)" : " (no /var/log/journal)"));
        n.add("MaxRetentionSec=" + (conf.get("Journal", "MaxRetentionSec") == null ? "unset" : conf.get("Journal", "MaxRetentionSec")));
        n.add("SystemMaxUse=" + (conf.get("Journal", "SystemMaxUse") == null ? "unset (10% of the file system, at most 4G)"
                : conf.get("Journal", "SystemMaxUse")));
        return n;
    }
}
