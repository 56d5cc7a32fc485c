package jp.akashi.probes.linux.integrity;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.FileEntry;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.EvidenceTrail;
import jp.akashi.probes.linux.InstalledPackages;
import jp.akashi.probes.linux.Sources;
import jp.akashi.probes.model.Evidence;

/**
 * {@code integrity.*}: file integrity monitoring (AIDE, Tripwire, Wazuh/OSSEC syscheck) installed
 * and initialised, from files (also from an offline image); and a bounded verification of the
 * files of the security-critical packages against the package database ({@code debsums -s},
 * {@code rpm -V}), which needs the running system.
 */
public final class LinuxIntegrityProbe extends PlatformProbe {
    static final String PRODUCTS = "integrity.fim.products";
    static final String INITIALISED = "integrity.fim.initialised";
    static final String COUNT = "integrity.packages.modified_count";
    static final String MODIFIED = "integrity.packages.modified";
    /** Packages verified: what logs people in, grants rights and lists processes (a rootkit replaces these). */
    static final List<String> DEB_PACKAGES = List.of("openssh-server", "openssh-client", "sudo", "login", "passwd", "libpam-modules",
            "libpam-runtime", "coreutils", "util-linux", "procps", "bash");
    static final List<String> RPM_PACKAGES = List.of("openssh-server", "openssh-clients", "sudo", "shadow-utils", "pam", "coreutils",
            "util-linux", "procps-ng", "bash");
    static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(10);
    static final List<String> AIDE_CONF = List.of("/etc/aide/aide.conf", "/etc/aide.conf");
    static final List<String> AIDE_DBS = List.of("/var/lib/aide/aide.db", "/var/lib/aide/aide.db.gz");
    static final String OSSEC_CONF = "/var/ossec/etc/ossec.conf";

    public LinuxIntegrityProbe() {
        super("linux.integrity", ProbeContext.LINUX, List.of(PRODUCTS, INITIALISED, COUNT, MODIFIED));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        HostAccess h = ctx.host();
        fim(h, out);
        packages(h, out);
    }

    private static void fim(HostAccess h, FactSink out) {
        EvidenceTrail t = new EvidenceTrail();
        List<String> products = new ArrayList<>();
        List<String> initialised = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        boolean aideRootOnly = false;
        String ossecProblem = null;
        String source = "probe:linux.integrity";
        if (h.hasCommand("aide")) {
            products.add("aide");
            List<String> dbs = new ArrayList<>(AIDE_DBS);
            for (String c : AIDE_CONF) {
                FileRead f = Sources.config(h, c);
                if (f.ok()) {
                    String db = FimTools.aideDatabase(f.content());
                    if (db != null) {
                        dbs.add(0, db);
                    }
                    t.add("file:" + f.path(), f.content(), Sources.lines(f.content(), "^\\s*database(_in)?\\s*="));
                }
            }
            String db = dbs.stream().filter(p -> h.stat(p).isPresent()).findFirst().orElse(null);
            if (db != null) {
                initialised.add("aide");
                source = "file:" + db;
                t.note("AIDE database " + db + " exists");
            } else if (!h.privileged() && h.stat("/var/lib/aide").isPresent()) {
                problems.add("/var/lib/aide can be read only as root");
                aideRootOnly = true;
            } else {
                t.note("no AIDE database (" + String.join(", ", dbs) + "): aide --init has not been run");
            }
        }
        if (h.hasCommand("tripwire")) {
            products.add("tripwire");
            List<FileEntry> twd = h.list("/var/lib/tripwire").stream().filter(e -> e.name().endsWith(".twd")).toList();
            if (!twd.isEmpty()) {
                initialised.add("tripwire");
                source = "file:" + twd.get(0).path();
                t.note("Tripwire database " + twd.get(0).path() + " exists");
            } else {
                t.note("no Tripwire database (/var/lib/tripwire/*.twd): tripwire --init has not been run");
            }
        }
        FileRead ossec = Sources.config(h, OSSEC_CONF);
        if (ossec.status() != FileRead.Status.NOT_FOUND) {
            String name = h.stat("/var/ossec/bin/wazuh-agentd").isPresent() || h.stat("/var/ossec/bin/wazuh-control").isPresent() ? "wazuh" : "ossec";
            products.add(name);
            if (!ossec.ok()) {
                problems.add("cannot read " + OSSEC_CONF + ": " + ossec.problem());
                ossecProblem = ossec.problem();
            } else {
                boolean on = FimTools.syscheckOn(ossec.content());
                t.add("file:" + OSSEC_CONF, ossec.content(), Sources.lines(ossec.content(), "</?syscheck>|<disabled>"));
                t.note(name + " syscheck (file integrity monitoring) " + (on ? "enabled: it builds its own baseline" : "disabled"));
                if (on) {
                    initialised.add(name);
                    source = "file:" + OSSEC_CONF;
                }
            }
        }
        if (products.isEmpty()) {
            t.note("no file integrity monitoring tool: aide, tripwire, " + OSSEC_CONF);
        }
        Evidence ev = t.build(source);
        out.ok(PRODUCTS, products, ev);
        if (products.isEmpty()) {
            out.unsupported(INITIALISED, code("integrity.no_fim"));
        } else if (initialised.isEmpty() && !problems.isEmpty()) {
            out.error(INITIALISED, aideRootOnly && ossecProblem != null ? code("integrity.aide_root_ossec_unreadable", OSSEC_CONF, ossecProblem)
                    : aideRootOnly ? code("integrity.aide_root_only") : code("fact.file_unreadable", OSSEC_CONF, ossecProblem), ev);
        } else {
            out.ok(INITIALISED, !initialised.isEmpty(), ev);
        }
    }

    private static void packages(HostAccess h, FactSink out) {
        String format = InstalledPackages.format(h);
        if (format == null) {
            out.unsupported(COUNT, code("integrity.no_package_manager"));
            out.unsupported(MODIFIED, code("integrity.no_package_manager"));
            return;
        }
        boolean deb = format.equals("dpkg");
        if (deb && !h.hasCommand("debsums")) {
            out.unsupported(COUNT, code("integrity.no_debsums"));
            out.unsupported(MODIFIED, code("integrity.no_debsums"));
            return;
        }
        List<String> argv = new ArrayList<>(deb ? List.of("debsums", "-s") : List.of("rpm", "-V"));
        argv.addAll(deb ? DEB_PACKAGES : RPM_PACKAGES);
        CommandResult r = h.exec(argv, VERIFY_TIMEOUT);
        // both exit non-zero when they find changes (or a package is not installed): judge by the output
        if (r.timedOut() || r.exitCode() < 0 || r.notFound()) {
            if (r.timedOut()) {
                out.error(COUNT, code("integrity.verify_timeout", VERIFY_TIMEOUT.toSeconds(), r.command()));
                out.error(MODIFIED, code("integrity.verify_timeout", VERIFY_TIMEOUT.toSeconds(), r.command()));
            } else {
                out.failed(r, COUNT, MODIFIED);
            }
            return;
        }
        String text = r.stdout() + "\n" + r.stderr();
        List<String> changed = deb ? PackageVerify.debsums(text) : PackageVerify.rpm(text);
        Evidence ev = Evidence.of("cmd:" + r.command(), text, changed.isEmpty()
                ? "# no changed or missing file in " + String.join(", ", deb ? DEB_PACKAGES : RPM_PACKAGES)
                : String.join("\n", Sources.lines(text, deb ? "changed file|missing file" : "^(missing|[.SM5DLUGTP?]{9})").lines().limit(50).toList()));
        out.ok(COUNT, (long) changed.size(), ev);
        out.ok(MODIFIED, changed.subList(0, Math.min(100, changed.size())), ev);
    }
}
