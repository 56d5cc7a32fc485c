package jp.akashi.probes.linux.patch;

import static jp.akashi.probes.model.ProbeMessages.code;

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
import jp.akashi.probes.host.CommandMemo;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.FileEntry;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.host.StampedCommand;
import jp.akashi.probes.linux.EvidenceTrail;
import jp.akashi.probes.linux.HostZone;
import jp.akashi.probes.linux.InstalledPackages;
import jp.akashi.probes.linux.Processes;
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
    /** sd_booted(): systemd is the running init system when this directory exists. */
    static final String SYSTEMD_RUNNING = "/run/systemd/system";
    static final String ARCHIVES = "/var/cache/apt/archives";
    static final String CRON_JOB = "/etc/cron.daily/apt-compat";
    static final String SUCCESS_STAMP = "/var/lib/apt/periodic/update-success-stamp";
    /**
     * What {@code apt list --upgradable} reads: the dpkg database, apt's lists and states, and apt's
     * configuration (sources, pinning, options). While none of them changed its last answer is
     * reused (where apt keeps no binary cache it is most of a collection's time, 0.85 s of 1.2 s).
     */
    static final List<StampedCommand.Input> UPGRADABLE_INPUTS = List.of(
            StampedCommand.Input.file("/var/lib/dpkg/status"), StampedCommand.Input.file("/var/lib/dpkg/arch"),
            StampedCommand.Input.dir(LISTS, 1), StampedCommand.Input.file("/var/lib/apt/extended_states"),
            StampedCommand.Input.dir("/etc/apt", 2));
    /** Even with nothing changed apt answers afresh at least this often. */
    static final Duration UPGRADABLE_MAX_AGE = Duration.ofHours(6);
    /** Date: and Valid-Until: are in the first lines; the hash lists after them can be 200 KB. */
    static final int RELEASE_HEADER_BYTES = 4096;

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
        Map<String, Release> releases = new LinkedHashMap<>();
        listsUpdatedAt(ctx, out, lists, releases);
        pending(ctx, out, indexes, refreshNote, releases);
        lastInstall(h, out);
        autoUpdate(h, out, pkgs);
    }

    /** A Release file the host holds: its path and Date:. */
    record Release(String path, Instant date) {
    }

    /**
     * When the host last fetched its lists, from the lists themselves: the newest {@code Date:} of the
     * InRelease/Release files it holds (the archive published them then, so the host fetched them no
     * earlier) and apt's success stamp (touched by APT::Update::Post-Invoke-Success only). Never
     * partial/ or the directory's mtime: a failed {@code apt-get update} touches those too. A stamp
     * newer than a list whose Valid-Until has passed is not believed (a refresh would have replaced it).
     * Also fills {@code releases}: suite and codename → the Release file's Date (for dating pending updates).
     */
    private static void listsUpdatedAt(ProbeContext ctx, FactSink out, List<FileEntry> lists, Map<String, Release> releases) {
        HostAccess h = ctx.host();
        if (lists.isEmpty()) {
            out.error("patch.lists_updated_at", code("patch.apt_lists_missing", LISTS));
            return;
        }
        Instant now = ctx.clock().instant();
        EvidenceTrail t = new EvidenceTrail();
        Instant newestDate = null;
        String newestFile = null;
        List<String> expired = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (FileEntry e : lists) {
            if (e.directory() || !(e.name().endsWith("_InRelease") || e.name().endsWith("_Release"))) {
                continue;
            }
            FileRead f = h.read(e.path(), RELEASE_HEADER_BYTES);
            if (!f.ok()) {
                unreadable.add(e.name());
                t.note("cannot read " + e.path() + ": " + f.status() + (f.problem() == null ? "" : " " + f.problem()));
                continue;
            }
            AptRelease.Header hd = AptRelease.parse(f.content());
            t.add("file:" + e.path(), f.content(), hd.lines());
            if (hd.date() != null) {
                for (String name : new String[] {hd.suite(), hd.codename()}) {
                    if (name != null) {
                        releases.merge(name, new Release(e.path(), hd.date()), (a, b) -> a.date().isAfter(b.date()) ? a : b);
                    }
                }
            }
            if (hd.date() != null && (newestDate == null || hd.date().isAfter(newestDate))) {
                newestDate = hd.date();
                newestFile = e.path();
            }
            if (hd.validUntil() != null && hd.validUntil().isBefore(now)) {
                expired.add(e.name() + " (Valid-Until " + hd.validUntil() + ")");
            }
        }
        Optional<FileEntry> stamp = h.stat(SUCCESS_STAMP).filter(e -> e.modified() != null);
        stamp.ifPresent(e -> t.note(SUCCESS_STAMP + " mtime " + e.modified() + " (touched after a successful apt-get update)"));
        if (!expired.isEmpty()) {
            t.note("expired lists: " + String.join(", ", expired) + " — the update that should have replaced them did not succeed"
                    + (stamp.isPresent() ? ", so the success stamp is not believed" : ""));
        }
        t.note("partial/ and the directory's mtime are not used: a failed apt-get update touches them");
        Instant at = newestDate;
        String source = newestFile == null ? null : "file:" + newestFile;
        if (stamp.isPresent() && expired.isEmpty() && (at == null || stamp.get().modified().isAfter(at))) {
            at = stamp.get().modified();
            source = "stat:" + SUCCESS_STAMP;
        }
        if (at == null) {
            out.error("patch.lists_updated_at", unreadable.isEmpty() ? code("patch.apt_lists_undated", LISTS, SUCCESS_STAMP)
                    : code("patch.apt_lists_undated_unread", LISTS, unreadable.size(), SUCCESS_STAMP), t.isEmpty() ? null : t.build("file:" + LISTS));
            return;
        }
        out.ok("patch.lists_updated_at", at.toString(), t.build(source));
    }

    private static void pending(ProbeContext ctx, FactSink out, List<String> indexes, String refreshNote, Map<String, Release> releases) {
        String[] keys = {"patch.pending_count", "patch.pending_security_count", "patch.pending_security",
                "patch.pending_security_oldest_days", "patch.pending_security_min_age_days"};
        if (indexes.isEmpty()) {
            for (String k : keys) {
                out.error(k, code("patch.apt_no_lists", LISTS));
            }
            return;
        }
        StampedCommand.Outcome run = StampedCommand.run(ctx.host(), ctx.option("patch.refresh") ? CommandMemo.NONE : ctx.memo(),
                ctx.clock(), UPGRADABLE, Sources.SLOW, UPGRADABLE_INPUTS, UPGRADABLE_MAX_AGE);
        CommandResult r = run.result();
        String reuse = run.excerptPrefix();
        if (!r.succeeded()) {
            out.failed(r, keys);
            return;
        }
        AptUpgradable.Result res = AptUpgradable.parse(r.stdout());
        if (res.unparsed() > 0) {
            for (String k : keys) {
                out.error(k, code("patch.apt_unparsed", res.unparsed()), Sources.of(r));
            }
            return;
        }
        String excerpt = (refreshNote == null ? "" : "# " + refreshNote + "\n") + reuse + r.stdout();
        Evidence ev = Sources.of(r, excerpt);
        out.ok("patch.pending_count", (long) res.upgrades().size(), ev);

        List<String> securityIndexes = indexes.stream().filter(n -> n.contains("-security_")).toList();
        if (securityIndexes.isEmpty()) {
            for (String k : List.of("patch.pending_security_count", "patch.pending_security", "patch.pending_security_oldest_days",
                    "patch.pending_security_min_age_days")) {
                out.error(k, code("patch.apt_no_security_suite", LISTS), ev);
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
        Evidence secEv = Sources.of(r, reuse + "# security lists: " + String.join(", ", securityIndexes) + "\n" + secLines);
        out.ok("patch.pending_security_count", (long) security.size(), secEv);
        out.ok("patch.pending_security", items, secEv);
        if (security.isEmpty()) {
            out.ok("patch.pending_security_oldest_days", 0L, secEv);
            out.ok("patch.pending_security_min_age_days", 0L, secEv);
        } else {
            out.unsupported("patch.pending_security_oldest_days", code("patch.apt_no_release_dates", security.size()));
            minAge(ctx, out, security, releases);
        }
    }

    /**
     * A lower bound on the age of the oldest pending security update from dates the host holds: an
     * update was published no later than the {@code Date:} of the Release file of the suite that
     * carries it, and no later than the mtime of its downloaded .deb in /var/cache/apt/archives (apt
     * keeps the server's Last-Modified). Enough to prove an update old on the first collection.
     */
    private static void minAge(ProbeContext ctx, FactSink out, List<AptUpgradable.Upgrade> security, Map<String, Release> releases) {
        HostAccess h = ctx.host();
        Instant now = ctx.clock().instant();
        Map<String, FileEntry> cached = new LinkedHashMap<>();
        for (FileEntry e : h.list(ARCHIVES)) {
            if (!e.directory() && e.name().endsWith(".deb")) {
                cached.put(e.name(), e);
            }
        }
        EvidenceTrail t = new EvidenceTrail();
        long best = -1;
        String bestWhy = null;
        String bestSource = null;
        for (AptUpgradable.Upgrade u : security) {
            Instant bound = null;
            String why = null;
            String src = null;
            for (String suite : u.suites()) {
                Release r = releases.get(suite);
                if (r != null && (bound == null || r.date().isBefore(bound))) {
                    bound = r.date();
                    why = u.name() + " " + u.version() + " is listed in " + r.path() + " dated " + r.date();
                    src = "file:" + r.path();
                }
            }
            FileEntry deb = cached.get(u.name() + "_" + u.version().replace(":", "%3a") + "_" + u.arch() + ".deb");
            if (deb != null && deb.modified() != null && (bound == null || deb.modified().isBefore(bound))) {
                bound = deb.modified();
                why = u.name() + " " + u.version() + ": " + deb.path() + " Last-Modified (mtime) " + deb.modified();
                src = "stat:" + deb.path();
            }
            if (bound != null) {
                long days = Math.max(0, Duration.between(bound, now).toDays());
                if (days > best) {
                    best = days;
                    bestWhy = why;
                    bestSource = src;
                }
            }
        }
        if (best < 0) {
            out.unsupported("patch.pending_security_min_age_days", code("patch.apt_no_date_source"));
            return;
        }
        t.note(bestWhy + " → published at least " + best + " day(s) ago");
        t.note("a lower bound: the update may be older; apt states no release dates");
        out.ok("patch.pending_security_min_age_days", best, t.build(bestSource));
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
            out.error("patch.last_install_at", code("patch.dpkg_no_install_time"));
        }
    }

    /**
     * unattended-upgrades installs security updates when the package is installed, apt's
     * {@code APT::Periodic::Unattended-Upgrade} is on, and a scheduler runs it: the
     * apt-daily-upgrade timer where systemd is the init system (/run/systemd/system exists), else cron
     * running /etc/cron.daily/apt-compat. A configuration whose scheduler cannot be seen is an error
     * (unknown), never "on".
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
        EvidenceTrail t = new EvidenceTrail()
                .add("cmd:apt-config dump", dump.stdout(), Sources.lines(dump.stdout(), "^APT::Periodic::"))
                .note("unattended-upgrades package " + (installed ? "installed" : "not installed"));
        if (!installed || !AptConfig.periodicOn(periodic)) {
            out.ok("patch.auto_update_enabled", false, t.build("cmd:apt-config dump"));
            return;
        }
        boolean systemd = h.stat(SYSTEMD_RUNNING).map(FileEntry::directory).orElse(false);
        if (systemd) {
            Optional<SystemdUnits.State> timer = SystemdUnits.state(h, "apt-daily-upgrade.timer");
            if (timer.isEmpty()) {
                out.error("patch.auto_update_enabled", h.hasCommand("systemctl") ? code("patch.apt_timer_no_answer") : code("patch.apt_timer_no_systemctl"),
                        t.note("systemd is the init system (" + SYSTEMD_RUNNING + " exists)").build("cmd:apt-config dump"));
                return;
            }
            t.add("cmd:" + timer.get().source().command(), timer.get().source().stdout(), timer.get().line());
            boolean on = timer.get().enabled() || timer.get().word().equals("static");
            out.ok("patch.auto_update_enabled", on, t.build("cmd:" + timer.get().source().command()));
            return;
        }
        // no systemd: Debian's /etc/cron.daily/apt-compat runs the periodic jobs when cron runs
        boolean job = h.stat(CRON_JOB).filter(e -> !e.directory()).isPresent();
        Processes ps = Processes.read(h);
        if (!ps.ok()) {
            out.error("patch.auto_update_enabled", code("patch.apt_cron_unknown", CRON_JOB, ps.source().describeFailure()), t.build("cmd:apt-config dump"));
            return;
        }
        boolean cron = ps.running("cron") || ps.running("crond") || ps.running("anacron") || ps.running("busybox-crond");
        t.add("cmd:" + ps.source().command(), ps.source().stdout(), "systemd not running (no " + SYSTEMD_RUNNING + "); "
                + CRON_JOB + (job ? " present" : " absent") + "; cron " + (cron ? "running" : "not running"));
        out.ok("patch.auto_update_enabled", job && cron, t.build("cmd:" + ps.source().command()));
    }
}
