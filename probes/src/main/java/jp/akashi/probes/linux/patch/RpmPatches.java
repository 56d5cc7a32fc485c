package jp.akashi.probes.linux.patch;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandMemo;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.FileEntry;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.host.StampedCommand;
import jp.akashi.probes.linux.EvidenceTrail;
import jp.akashi.probes.linux.IniFile;
import jp.akashi.probes.linux.InstalledPackages;
import jp.akashi.probes.linux.Sources;
import jp.akashi.probes.linux.SystemdUnits;
import jp.akashi.probes.model.Evidence;

/**
 * {@code patch.*} on the RHEL family (RHEL, Rocky, Alma 8/9 and Amazon Linux 2023 with dnf; EL7
 * and Amazon Linux 2 with yum). Every dnf/yum call runs with {@code -C}: from the metadata cache
 * only, never from the network unless {@code patch.refresh} is set. Security updates and their
 * dates come from the repositories' advisory metadata (updateinfo).
 */
final class RpmPatches {
    static final Duration REFRESH_TIMEOUT = Duration.ofSeconds(120);
    /**
     * What {@code dnf -C}/{@code yum -C} read for pending updates and advisories: the rpm database,
     * the cached repository metadata and their configuration. While none of them changed, their last
     * answers are reused (each call starts Python and loads the metadata: 1–3 s on RHEL).
     */
    static final List<StampedCommand.Input> INPUTS = List.of(
            StampedCommand.Input.dir("/var/lib/rpm", 1), StampedCommand.Input.dir("/usr/lib/sysimage/rpm", 1),
            StampedCommand.Input.dir("/var/cache/dnf", 3), StampedCommand.Input.dir("/var/cache/libdnf5", 3),
            StampedCommand.Input.dir("/var/cache/yum", 5),
            StampedCommand.Input.dir("/etc/dnf", 2), StampedCommand.Input.dir("/etc/yum.repos.d", 1),
            StampedCommand.Input.file("/etc/yum.conf"), StampedCommand.Input.dir("/etc/yum", 2));
    static final Duration MAX_AGE = Duration.ofHours(6);
    private static final Map<String, Integer> SEVERITY_RANK = Map.of("low", 1, "moderate", 2, "medium", 2, "important", 3, "critical", 4);

    private final ProbeContext ctx;
    private final HostAccess h;
    private final FactSink out;
    private final String tool;

    private RpmPatches(ProbeContext ctx, FactSink out, String tool) {
        this.ctx = ctx;
        this.h = ctx.host();
        this.out = out;
        this.tool = tool;
    }

    static void collect(ProbeContext ctx, FactSink out, InstalledPackages pkgs, String tool) {
        new RpmPatches(ctx, out, tool).run(pkgs);
    }

    private void run(InstalledPackages pkgs) {
        out.ok("patch.manager", tool, Evidence.of("cmd:" + pkgs.source().command(), pkgs.source().stdout(),
                "rpm database answered; " + tool + " on PATH"));
        String refreshNote = null;
        if (ctx.option("patch.refresh")) {
            CommandResult r = h.exec(List.of(tool, "-q", "makecache"), REFRESH_TIMEOUT);
            refreshNote = r.succeeded() ? "metadata refreshed by " + tool + " makecache (patch.refresh)"
                    : tool + " makecache failed, cache as it was: " + r.describeFailure();
        }
        List<FileEntry> repodata = cachedRepodata();
        listsUpdatedAt(repodata);
        pending(repodata, refreshNote);
        autoUpdate(pkgs);
    }

    /** A read-only dnf/yum call, answered from its last run while its inputs are unchanged (exit 100: updates pending). */
    private StampedCommand.Outcome query(String... args) {
        return StampedCommand.run(h, ctx.option("patch.refresh") ? CommandMemo.NONE : ctx.memo(), ctx.clock(), cmd(args), Sources.SLOW,
                INPUTS, MAX_AGE, r -> r.exitCode() == 0 || (args[0].equals("check-update") && r.exitCode() == 100));
    }

    private List<String> cmd(String... args) {
        List<String> argv = new ArrayList<>(List.of(tool, "-C", "-q"));
        argv.addAll(List.of(args));
        return argv;
    }

    /** The cached repository metadata directories: /var/cache/dnf/REPO-HASH/repodata, /var/cache/yum/ARCH/VER/REPO. */
    private List<FileEntry> cachedRepodata() {
        List<FileEntry> out = new ArrayList<>();
        if (tool.equals("dnf")) {
            for (FileEntry repo : h.list("/var/cache/dnf")) {
                if (repo.directory()) {
                    h.stat(repo.path() + "/repodata").ifPresent(out::add);
                }
            }
        } else {
            for (FileEntry arch : h.list("/var/cache/yum")) {
                for (FileEntry ver : arch.directory() ? h.list(arch.path()) : List.<FileEntry>of()) {
                    for (FileEntry repo : ver.directory() ? h.list(ver.path()) : List.<FileEntry>of()) {
                        if (repo.directory()) {
                            out.add(repo);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** dnf touches a repository's repomd.xml each time it finds the cached metadata current. */
    private void listsUpdatedAt(List<FileEntry> repodata) {
        List<String> repomds = repodata.stream().map(d -> d.path() + "/repomd.xml").toList();
        Optional<FileEntry> newest = Sources.newest(h, repomds);
        if (newest.isEmpty()) {
            out.error("patch.lists_updated_at", code("patch.rpm_no_metadata", "/var/cache/" + tool));
            return;
        }
        out.ok("patch.lists_updated_at", newest.get().modified().toString(),
                Evidence.of("stat:" + newest.get().path(), newest.get().path() + " mtime " + newest.get().modified()));
    }

    private void pending(List<FileEntry> repodata, String refreshNote) {
        String[] keys = {"patch.pending_count", "patch.pending_security_count", "patch.pending_security",
                "patch.pending_security_oldest_days"};
        StampedCommand.Outcome checkRun = query("check-update");
        CommandResult check = checkRun.result();
        // check-update exits 100 when updates are available, 0 when none
        if (check.timedOut() || check.problem() != null || (check.exitCode() != 0 && check.exitCode() != 100)) {
            out.failed(check, keys);
            return;
        }
        List<DnfCheckUpdate.Update> updates = DnfCheckUpdate.parse(check.stdout());
        if (check.exitCode() == 100 && updates.isEmpty()) {
            for (String k : keys) {
                out.error(k, code("patch.rpm_unparsed", tool), Sources.of(check));
            }
            return;
        }
        String note = (refreshNote == null ? "" : "# " + refreshNote + "\n") + checkRun.excerptPrefix();
        out.ok("patch.pending_count", (long) updates.size(), Sources.of(check, note + check.stdout()));

        List<String> secArgs = tool.equals("dnf") ? List.of("updateinfo", "list", "--security") : List.of("updateinfo", "list", "security");
        StampedCommand.Outcome listRun = query(secArgs.toArray(String[]::new));
        CommandResult list = listRun.result();
        if (!list.succeeded()) {
            out.failed(list, "patch.pending_security_count", "patch.pending_security", "patch.pending_security_oldest_days");
            return;
        }
        Set<String> pendingNames = updates.stream().map(u -> u.name() + "." + u.arch()).collect(Collectors.toSet());
        List<DnfAdvisories.Advisory> advisories = DnfAdvisories.parseList(list.stdout()).stream()
                .filter(a -> pendingNames.contains(a.name() + "." + a.arch())).toList();
        if (advisories.isEmpty() && !updates.isEmpty() && !hasUpdateinfo(repodata)) {
            for (String k : List.of("patch.pending_security_count", "patch.pending_security", "patch.pending_security_oldest_days")) {
                out.error(k, code("patch.rpm_no_advisories", updates.size()), Sources.of(list));
            }
            return;
        }
        Map<String, DnfAdvisories.Details> details = Map.of();
        CommandResult info = null;
        String infoReuse = "";
        if (!advisories.isEmpty()) {
            List<String> infoArgs = new ArrayList<>(secArgs);
            infoArgs.set(1, "info");
            StampedCommand.Outcome infoRun = query(infoArgs.toArray(String[]::new));
            info = infoRun.result();
            infoReuse = infoRun.excerptPrefix();
            if (info.succeeded()) {
                details = DnfAdvisories.parseInfo(info.stdout());
            }
        }
        List<Map<String, Object>> items = byPackage(advisories, details);
        Evidence ev = listRun.reused() ? Sources.of(list, listRun.excerptPrefix() + list.stdout()) : Sources.of(list);
        out.ok("patch.pending_security_count", (long) items.size(), ev);
        out.ok("patch.pending_security", items, ev);
        oldestDays(items, info, infoReuse);
    }

    /** One entry per pending package: its advisories, the worst severity, the earliest issue date. */
    private static List<Map<String, Object>> byPackage(List<DnfAdvisories.Advisory> advisories,
                                                       Map<String, DnfAdvisories.Details> details) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (DnfAdvisories.Advisory a : advisories) {
            Map<String, Object> m = byName.computeIfAbsent(a.name() + "." + a.arch(), k -> new LinkedHashMap<>());
            m.put("name", a.name());
            m.put("arch", a.arch());
            m.put("version", a.version());
            String src = (String) m.get("source");
            m.put("source", src == null ? a.id() : src.contains(a.id()) ? src : src + "," + a.id());
            DnfAdvisories.Details d = details.get(a.id());
            String sev = d != null && d.severity() != null ? d.severity() : a.severity();
            if (sev != null && rank(sev) > rank((String) m.get("severity"))) {
                m.put("severity", sev);
            }
            if (d != null && d.issued() != null) {
                String old = (String) m.get("issued");
                if (old == null || d.issued().toString().compareTo(old) < 0) {
                    m.put("issued", d.issued().toString());
                }
            }
        }
        return new ArrayList<>(byName.values());
    }

    private static int rank(String severity) {
        return severity == null ? 0 : SEVERITY_RANK.getOrDefault(severity.toLowerCase(), 0);
    }

    private void oldestDays(List<Map<String, Object>> items, CommandResult info, String infoReuse) {
        String key = "patch.pending_security_oldest_days";
        if (items.isEmpty()) {
            out.ok(key, 0L, Evidence.of("cmd:" + String.join(" ", cmd("updateinfo", "list")), "", "no pending security update"));
            return;
        }
        if (info == null || !info.succeeded()) {
            if (info != null) {
                out.failed(info, key);
            } else {
                out.error(key, code("patch.rpm_advisories_unread"));
            }
            return;
        }
        LocalDate oldest = null;
        int undated = 0;
        for (Map<String, Object> m : items) {
            Object issued = m.get("issued");
            if (issued == null) {
                undated++;
            } else if (oldest == null || LocalDate.parse((String) issued).isBefore(oldest)) {
                oldest = LocalDate.parse((String) issued);
            }
        }
        if (oldest == null || undated > 0) {
            out.error(key, code("patch.rpm_undated", undated), Sources.of(info));
            return;
        }
        LocalDate today = ctx.clock().instant().atOffset(ZoneOffset.UTC).toLocalDate();
        out.ok(key, Math.max(0, ChronoUnit.DAYS.between(oldest, today)), Sources.of(info,
                infoReuse + "# oldest issue date " + oldest + " (advisory dates are calendar days)\n" + info.stdout()));
    }

    private boolean hasUpdateinfo(List<FileEntry> repodata) {
        for (FileEntry d : repodata) {
            if (h.list(d.path()).stream().anyMatch(e -> e.name().contains("updateinfo"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * dnf-automatic installs updates when its install timer is enabled, or its plain timer is enabled
     * with {@code apply_updates = yes}; yum-cron (EL7, Amazon Linux 2) when its service is enabled with
     * {@code apply_updates = yes}. Where systemctl is unavailable the timers cannot be seen, and the
     * fact is an error: a configuration nothing is seen to run is not "on".
     */
    private void autoUpdate(InstalledPackages pkgs) {
        boolean dnf = tool.equals("dnf");
        String pkg = dnf ? "dnf-automatic" : "yum-cron";
        String conf = dnf ? "/etc/dnf/automatic.conf" : "/etc/yum/yum-cron.conf";
        EvidenceTrail t = new EvidenceTrail();
        if (!pkgs.has(pkg)) {
            t.note(pkg + " package not installed");
            out.ok("patch.auto_update_enabled", false, t.build("cmd:" + pkgs.source().command()));
            return;
        }
        FileRead f = Sources.config(h, conf);
        if (!f.ok()) {
            out.failed(f, "patch.auto_update_enabled");
            return;
        }
        boolean apply = IniFile.isTrue(IniFile.parse(f.content()).get("commands", "apply_updates"));
        t.add("file:" + conf, f.content(), Sources.lines(f.content(), "^\\s*(apply_updates|upgrade_type|update_cmd)\\s*="));
        List<String> units = dnf ? List.of("dnf-automatic.timer", "dnf-automatic-install.timer") : List.of("yum-cron.service");
        boolean visible = false;
        boolean on = false;
        for (String u : units) {
            Optional<SystemdUnits.State> s = SystemdUnits.state(h, u);
            if (s.isEmpty()) {
                continue;
            }
            visible = true;
            t.note(s.get().line());
            if (s.get().enabled()) {
                on |= u.equals("dnf-automatic-install.timer") || apply;
            }
        }
        if (!visible) {
            // the configuration alone installs nothing: without the timers' state it is unknown
            out.error("patch.auto_update_enabled", h.hasCommand("systemctl")
                    ? code("patch.rpm_timers_no_answer", pkg, apply ? "yes" : "no", String.join(" / ", units))
                    : code("patch.rpm_timers_no_systemctl", pkg, apply ? "yes" : "no", String.join(" / ", units)), t.build("file:" + conf));
            return;
        }
        out.ok("patch.auto_update_enabled", on, t.build("file:" + conf));
    }
}
