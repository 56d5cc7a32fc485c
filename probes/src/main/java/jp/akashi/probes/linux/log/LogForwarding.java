package jp.akashi.probes.linux.log;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.EvidenceTrail;
import jp.akashi.probes.linux.IniFile;
import jp.akashi.probes.linux.Processes;
import jp.akashi.probes.linux.Sources;
import jp.akashi.probes.linux.SystemdUnits;

/**
 * {@code log.forwarding.*}: remote destinations configured in rsyslog, syslog-ng and
 * systemd-journal-upload, counted only for a daemon that is running (a configuration nobody runs
 * forwards nothing).
 */
final class LogForwarding {
    private LogForwarding() {
    }

    static void collect(HostAccess h, Processes ps, FactSink out) {
        EvidenceTrail t = new EvidenceTrail();
        Set<String> active = new LinkedHashSet<>();
        Set<String> configured = new LinkedHashSet<>();
        String source = "probe:linux.log";

        List<FileRead> rsyslog = configs(h, "/etc/rsyslog.conf", "/etc/rsyslog.d");
        if (!rsyslog.isEmpty()) {
            List<String> targets = new ArrayList<>();
            for (FileRead f : rsyslog) {
                List<String> found = ForwardTargets.rsyslog(f.content());
                targets.addAll(found);
                t.add("file:" + f.path(), f.content(), Sources.lines(f.content(), "^[^#]*(@|omfwd|omrelp)"));
            }
            source = "file:/etc/rsyslog.conf";
            configured.addAll(targets);
            daemon(t, ps, "rsyslogd", targets, active);
        }
        List<FileRead> ng = configs(h, "/etc/syslog-ng/syslog-ng.conf", "/etc/syslog-ng/conf.d");
        if (!ng.isEmpty()) {
            StringBuilder all = new StringBuilder();
            for (FileRead f : ng) {
                all.append(f.content()).append('\n');
                t.add("file:" + f.path(), f.content(), Sources.lines(f.content(), "^[^#]*\\b(network|syslog|tcp6?|udp6?)\\s*\\("));
            }
            if (rsyslog.isEmpty()) {
                source = "file:/etc/syslog-ng/syslog-ng.conf";
            }
            List<String> targets = ForwardTargets.syslogNg(all.toString());
            configured.addAll(targets);
            daemon(t, ps, "syslog-ng", targets, active);
        }
        FileRead upload = Sources.config(h, "/etc/systemd/journal-upload.conf");
        if (upload.ok()) {
            String url = IniFile.parse(upload.content()).get("Upload", "URL");
            t.add("file:" + upload.path(), upload.content(), Sources.lines(upload.content(), "^\\s*URL="));
            if (url != null && !url.isBlank()) {
                configured.add(url);
                if (ps.ok()) {
                    Optional<SystemdUnits.State> unit = SystemdUnits.state(h, "systemd-journal-upload.service");
                    unit.ifPresent(u -> t.note(u.line()));
                    boolean on = ps.running("systemd-journal-upload") || unit.map(SystemdUnits.State::enabled).orElse(false);
                    t.note("systemd-journal-upload " + (on ? "running or enabled" : "neither running nor enabled") + ": " + url);
                    if (on) {
                        active.add(url);
                    }
                }
            }
        }
        if (t.isEmpty()) {
            t.note("no rsyslog, syslog-ng or systemd-journal-upload configuration");
        }
        // what the files configure, whether or not a daemon runs them (also from an offline image)
        out.ok("log.forwarding.configured_targets", new ArrayList<>(configured), t.build(source));
        if (!ps.ok()) {
            out.failed(ps.source(), "log.forwarding.enabled", "log.forwarding.targets");
            return;
        }
        out.ok("log.forwarding.enabled", !active.isEmpty(), t.build(source));
        out.ok("log.forwarding.targets", new ArrayList<>(active), t.build(source));
    }

    private static void daemon(EvidenceTrail t, Processes ps, String name, List<String> targets, Set<String> active) {
        if (!ps.ok()) {
            t.note(name + " configuration: " + (targets.isEmpty() ? "no remote destination" : "destinations " + String.join(", ", targets))
                    + " (whether " + name + " runs is not known)");
            return;
        }
        boolean running = ps.running(name);
        t.note(name + (running ? " running" : " not running") + (targets.isEmpty() ? ", no remote destination"
                : ", destinations " + String.join(", ", targets)));
        if (running) {
            active.addAll(targets);
        }
    }

    private static List<FileRead> configs(HostAccess h, String main, String dir) {
        List<FileRead> out = new ArrayList<>();
        FileRead m = Sources.config(h, main);
        if (!m.ok()) {
            return out;
        }
        out.add(m);
        out.addAll(Sources.dropIns(h, dir, ".conf").stream().filter(FileRead::ok).toList());
        return out;
    }
}
