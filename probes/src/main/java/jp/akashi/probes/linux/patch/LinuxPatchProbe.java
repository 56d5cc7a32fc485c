package jp.akashi.probes.linux.patch;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.InstalledPackages;
import jp.akashi.probes.model.Evidence;

/**
 * {@code patch.*} on Linux: package manager, installed and pending packages, pending security
 * updates, freshness of the package lists, last installation and automatic updates. Reads only
 * what is already on the host; a network refresh of the lists runs only with the
 * {@code patch.refresh} option.
 */
public final class LinuxPatchProbe extends PlatformProbe {
    static final List<String> KEYS = List.of("patch.manager", "patch.installed_count", "patch.pending_count",
            "patch.pending_security_count", "patch.pending_security", "patch.pending_security_oldest_days",
            "patch.lists_updated_at", "patch.last_install_at", "patch.auto_update_enabled", "patch.pending_security_min_age_days");

    public LinuxPatchProbe() {
        super("linux.patch", ProbeContext.LINUX, KEYS);
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        HostAccess h = ctx.host();
        InstalledPackages pkgs = InstalledPackages.read(h);
        if (pkgs.format() == null) {
            for (String k : KEYS) {
                out.unsupported(k, code("patch.no_package_manager"));
            }
            return;
        }
        if (!pkgs.ok()) {
            for (String k : KEYS) {
                out.error(k, code("patch.package_db_unreadable", pkgs.problem()));
            }
            return;
        }
        Evidence db = Evidence.of("cmd:" + pkgs.source().command(), pkgs.source().stdout(),
                pkgs.packages().size() + " installed packages");
        out.ok("patch.installed_count", (long) pkgs.packages().size(), db);
        if (pkgs.format().equals("rpm")) {
            pkgs.packages().stream().map(InstalledPackages.Package::installedAt).filter(Objects::nonNull)
                    .max(Instant::compareTo)
                    .ifPresentOrElse(t -> out.ok("patch.last_install_at", t.toString(), Evidence.of("cmd:" + pkgs.source().command(),
                                    pkgs.source().stdout(), "newest INSTALLTIME " + t)),
                            () -> out.error("patch.last_install_at", code("patch.rpm_no_install_times"), db));
        }
        if (pkgs.format().equals("dpkg") && h.hasCommand("apt-get")) {
            AptPatches.collect(ctx, out, pkgs);
        } else if (pkgs.format().equals("rpm") && (h.hasCommand("dnf") || h.hasCommand("yum"))) {
            RpmPatches.collect(ctx, out, pkgs, h.hasCommand("dnf") ? "dnf" : "yum");
            if (!out.has("patch.pending_security_min_age_days")) {
                out.unsupported("patch.pending_security_min_age_days", code("patch.release_dates_known"));
            }
        } else {
            String why = pkgs.format().equals("rpm")
                    ? "rpm without dnf or yum (zypper and other front ends are not supported)"
                    : "dpkg without apt";
            for (String k : KEYS) {
                if (!out.has(k)) {
                    out.unsupported(k, code("patch.unsupported_manager", why));
                }
            }
        }
    }
}
