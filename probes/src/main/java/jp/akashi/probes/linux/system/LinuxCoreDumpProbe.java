package jp.akashi.probes.linux.system;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.util.ArrayList;
import java.util.List;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.EvidenceTrail;
import jp.akashi.probes.linux.Sources;
import jp.akashi.probes.model.Evidence;

/**
 * {@code system.core_dumps.*}: whether core dumps (which hold passwords and keys from the memory
 * of the crashed program) are kept from being written, from files only: pam_limits' hard core
 * limit and systemd-coredump's storage.
 */
public final class LinuxCoreDumpProbe extends PlatformProbe {
    static final String LIMITS = "/etc/security/limits.conf";
    static final String LIMITS_D = "/etc/security/limits.d";
    static final List<String> COREDUMP = List.of("/usr/lib/systemd/coredump.conf", "/etc/systemd/coredump.conf");
    static final List<String> COREDUMP_D = List.of("/usr/lib/systemd/coredump.conf.d", "/etc/systemd/coredump.conf.d");
    static final List<String> COREDUMP_BIN = List.of("/usr/lib/systemd/systemd-coredump", "/lib/systemd/systemd-coredump");

    public LinuxCoreDumpProbe() {
        super("linux.coredump", ProbeContext.LINUX, List.of("system.core_dumps.limits_hard_zero", "system.core_dumps.storage"));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        HostAccess h = ctx.host();
        limits(h, out);
        storage(h, out);
    }

    private static void limits(HostAccess h, FactSink out) {
        String key = "system.core_dumps.limits_hard_zero";
        List<FileRead> files = new ArrayList<>();
        FileRead main = Sources.config(h, LIMITS);
        if (main.status() != FileRead.Status.NOT_FOUND) {
            files.add(main);
        }
        files.addAll(Sources.dropIns(h, LIMITS_D, ".conf"));
        List<String> unreadable = files.stream().filter(f -> !f.ok()).map(FileRead::path).toList();
        if (!unreadable.isEmpty()) {
            out.error(key, code("fact.files_unreadable", String.join(", ", unreadable)));
            return;
        }
        EvidenceTrail t = new EvidenceTrail();
        String decider = files.isEmpty() ? LIMITS_D : files.get(0).path();
        List<String> texts = new ArrayList<>();
        for (FileRead f : files) {
            texts.add(f.content());
            String here = CoreDumpSettings.hardCoreLine(List.of(f.content()));
            if (here != null) {
                decider = f.path();
            }
            t.add("file:" + f.path(), f.content(), Sources.lines(f.content(), "^\\s*\\*\\s+(hard|-)\\s+core\\s"));
        }
        String line = CoreDumpSettings.hardCoreLine(texts);
        t.note(line == null ? "no hard core limit for * in " + LIMITS + " or " + LIMITS_D + ": core dumps allowed up to the soft limit"
                : "hard core limit for *: " + line);
        out.ok(key, CoreDumpSettings.isZero(line), t.build("file:" + decider));
    }

    private static void storage(HostAccess h, FactSink out) {
        String key = "system.core_dumps.storage";
        boolean installed = COREDUMP_BIN.stream().anyMatch(p -> h.stat(p).isPresent());
        if (!installed) {
            out.ok(key, "not_installed", Evidence.of("probe:linux.coredump", "",
                    "# systemd-coredump is not installed (" + String.join(", ", COREDUMP_BIN) + ")"));
            return;
        }
        EvidenceTrail t = new EvidenceTrail();
        List<String> texts = new ArrayList<>();
        String decider = null;
        List<FileRead> files = new ArrayList<>();
        for (String p : COREDUMP) {
            files.add(Sources.config(h, p));
        }
        for (String d : COREDUMP_D) {
            files.addAll(Sources.dropIns(h, d, ".conf"));
        }
        for (FileRead f : files) {
            if (f.status() == FileRead.Status.NOT_FOUND) {
                continue;
            }
            if (!f.ok()) {
                out.error(key, f.failureCode());
                return;
            }
            texts.add(f.content());
            if (decider == null) {
                decider = f.path();
            }
            String relevant = Sources.lines(f.content(), "^\\s*(Storage|ProcessSizeMax)\\s*=");
            if (!relevant.isBlank()) {
                decider = f.path();
            }
            t.add("file:" + f.path(), f.content(), relevant);
        }
        String storage = CoreDumpSettings.storage(texts);
        t.note("systemd-coredump Storage: " + storage + (texts.isEmpty() ? " (default, no coredump.conf)" : ""));
        out.ok(key, storage, t.build(decider == null ? "probe:linux.coredump" : "file:" + decider));
    }
}
