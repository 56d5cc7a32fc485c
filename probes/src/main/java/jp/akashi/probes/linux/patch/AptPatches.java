package jp.akashi.probes.linux.patch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.FileEntry;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.EvidenceTrail;
import jp.akashi.probes.linux.HostZone;
import jp.akashi.probes.linux.InstalledPackages;
import jp.akashi.probes.linux.Sources;
import jp.akashi.probes.linux.SystemdUnits;
import jp.akashi.probes.model.Evidence;

/**
 * {@code patch.*} on Debian and Ubuntu. Pending updates come from {@code apt list --upgradable},
 * which compares the installed versions with the package lists already on the host (no download;
 * about 0.4 s where apt keeps no binary cache, as in Docker images). {@code apt-get -s dist-upgrade}
 * would give the same candidates but runs the resolver and takes three times as long.
 */
final class AptPatches {
    static final String LISTS = "/var/lib/apt/lists";
    static final List<String> UPGRADABLE = List.of("apt", "list", "--upgradable");
    /** A refresh downloads the lists: only on request, and with a timeout that allows a slow mirror. */
    static final Duration REFRESH_TIMEOUT = Duration.ofSeconds(120);

    private AptPatches() {
    }

    static void collect(ProbeContext ctx, FactSink out, InstalledPackages pkgs) {
        HostAccess h = ctx.host();
        out.ok("patch.manager", "apt", Evidence.of("cmd:" + pkgs.source().command(), pkgs.source().stdout(),
                "dpkg database answered; apt-get on PATH"));
        String refreshNote = null;
        if (ctx.option("patch.refresh")) {
            CommandResult r = h.exec(List.of("apt-get", "update"), REFRESH_TIMEOUT);
            refreshNote = r.succeeded() ? "package lists refreshed by apt-get update (patch.refresh)"
                    : "apt-get update failed, lists as they were: " + r.describeFailure();
        }
        List<FileEntry> lists = h.list(LISTS);
        List<String> indexes = lists.stream().map(FileEntry::name).filter(n -> n.contains("_Packages")).toList();
        listsUpdatedAt(h, out, lists);
        pending(ctx, out, indexes, refreshNote);
        lastInstall(h, out);
        autoUpdate(h, out, pkgs);
    }

    /**
     * apt keeps the server's Last-Modified time on the index files it downloads, so their mtimes say
     * when the archive changed, not when the host fetched. The lists directory (files are renamed into
     * it), its partial/ directory and apt's periodic success stamp change when the host fetches.
     */
    private static void listsUpdatedAt(HostAccess h, FactSink out, List<FileEntry> lists) {
        if (lists.isEmpty()) {
            out.error("patch.lists_updated_at", LISTS + " is missing or empty: the package lists were never downloaded");
            return;
        }
        List<String> candidates = List.of(LISTS, LISTS + "/partial", "/var/lib/apt/periodic/update-success-stamp");
        Optional<FileEntry> newest = Sources.newest(h, candidates);
        if (newest.isEmpty()) {
            out.error("patch.lists_updated_at", "cannot stat " + LISTS);
            return;
        }
        StringBuilder ex = new StringBuilder();
        for (String c : candidates) {
            h.stat(c).ifPresent(e -> ex.append(c).append(" mtime ").append(e.modified()).append('\n'));
        }
        out.ok("patch.lists_updated_at", newest.get().modified().toString(),
                Evidence.of("stat:" + newest.get().path(), ex.toString()));
    }

    private static void pending(ProbeContext ctx, FactSink out, List<String> indexes, String refreshNote) {
        String[] keys = {"patch.pending_count", "patch.pending_security_count", "patch.pending_security",
                "patch.pending_security_oldest_days"};
        if (indexes.isEmpty()) {
            for (String k : keys) {
                out.error(k, "no package lists under " + LISTS + " (apt-get update never ran or the lists were removed);"
                        + " pending updates cannot be known without them");
            }
            return;
        }
        CommandResult r = ctx.host().exec(UPGRADABLE, Sources.SLOW);
        if (!r.succeeded()) {
            out.failed(r, keys);
            return;
        }
        AptUpgradable.Result res = AptUpgradable.parse(r.stdout());
        if (res.unparsed() > 0) {
            for (String k : keys) {
                out.error(k, res.unparsed() + " line(s) of apt list output not understood", Sources.of(r));
            }
            return;
        }
        String excerpt = (refreshNote == null ? "" : "# " + refreshNote + "\n") + r.stdout();
        Evidence ev = Sources.of(r, excerpt);
        out.ok("patch.pending_count", (long) res.upgrades().size(), ev);

        List<String> securityIndexes = indexes.stream().filter(n -> n.contains("-security_")).toList();
        if (securityIndexes.isEmpty()) {
            for (String k : List.of("patch.pending_security_count", "patch.pending_security", "patch.pending_security_oldest_days")) {
                out.error(k, "no security suite (…-security) among the package lists in " + LISTS
                        + ": security updates cannot be told apart", ev);
            }
            return;
        }
        List<AptUpgradable.Upgrade> security = res.security();
        List<Map<String, Object>> items = new ArrayList<>();
        StringBuilder secLines = new StringBuilder();
        for (AptUpgradable.Upgrade u : security) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", u.name());
            m.put("version", u.version());
            m.put("source", u.suites().stream().filter(s -> s.endsWith("-security")).findFirst().orElse(u.suites().get(0)));
            m.put("installed_version", u.installed());
            items.add(m);
            secLines.append(u.line()).append('\n');
        }
        Evidence secEv = Sources.of(r, "# security lists: " + String.join(", ", securityIndexes) + "\n" + secLines);
        out.ok("patch.pending_security_count", (long) security.size(), secEv);
        out.ok("patch.pending_security", items, secEv);
        if (security.isEmpty()) {
            out.ok("patch.pending_security_oldest_days", 0L, secEv);
        } else {
            out.unsupported("patch.pending_security_oldest_days",
                    "apt package lists do not state when an update was released; " + security.size()
                            + " security update(s) pending (see patch.pending_security)");
        }
    }

    /** The last install/upgrade in dpkg.log (local time); the newest package file list if the log is gone. */
    private static void lastInstall(HostAccess h, FactSink out) {
        Optional<ZoneOffset> zone = HostZone.offset(h);
        if (zone.isPresent()) {
            for (String log : List.of("/var/log/dpkg.log", "/var/log/dpkg.log.1")) {
                FileRead f = h.read(log);
                if (!f.ok()) {
                    continue;
                }
                Optional<DpkgLog.Entry> e = DpkgLog.lastInstall(f.content(), zone.get());
                if (e.isPresent()) {
                    out.ok("patch.last_install_at", e.get().at().toString(), Sources.of(f,
                            e.get().line() + "\n# dpkg.log is in local time; host offset " + zone.get()));
                    return;
                }
            }
        }
        Instant newest = null;
        String name = null;
        for (FileEntry e : h.list("/var/lib/dpkg/info")) {
            if (e.name().endsWith(".list") && (newest == null || e.modified().isAfter(newest))) {
                newest = e.modified();
                name = e.path();
            }
        }
        if (newest != null) {
            out.ok("patch.last_install_at", newest.toString(), Evidence.of("stat:" + name,
                    name + " mtime " + newest + "\n# no install/upgrade line in /var/log/dpkg.log{,.1}"
                            + (zone.isEmpty() ? " (or host offset unknown)" : "")));
        } else {
            out.error("patch.last_install_at", "neither /var/log/dpkg.log nor /var/lib/dpkg/info/*.list tells when a package was last installed");
        }
    }

    /**
     * unattended-upgrades installs security updates when the package is installed, apt's
     * {@code APT::Periodic::Unattended-Upgrade} is on, and the timer that runs it is not disabled.
     */
    private static void autoUpdate(HostAccess h, FactSink out, InstalledPackages pkgs) {
        CommandResult dump = Sources.run(h, Sources.QUICK, "apt-config", "dump");
        if (!dump.succeeded()) {
            out.failed(dump, "patch.auto_update_enabled");
            return;
        }
        Map<String, String> conf = AptConfig.parse(dump.stdout());
        String periodic = conf.get("APT::Periodic::Unattended-Upgrade");
        boolean installed = pkgs.has("unattended-upgrades");
        Optional<SystemdUnits.State> timer = SystemdUnits.state(h, "apt-daily-upgrade.timer");
        EvidenceTrail t = new EvidenceTrail()
                .add("cmd:apt-config dump", dump.stdout(), Sources.lines(dump.stdout(), "^APT::Periodic::"))
                .note("unattended-upgrades package " + (installed ? "installed" : "not installed"));
        timer.ifPresent(s -> t.note(s.line()));
        boolean timerOff = timer.isPresent() && !timer.get().enabled() && !timer.get().word().equals("static");
        boolean on = installed && AptConfig.periodicOn(periodic) && !timerOff;
        if (timer.isEmpty()) {
            t.note("systemctl not available: timer state not checked");
        }
        out.ok("patch.auto_update_enabled", on, t.build("cmd:apt-config dump"));
    }
}
