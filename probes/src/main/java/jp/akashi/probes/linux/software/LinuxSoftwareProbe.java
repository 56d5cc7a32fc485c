package jp.akashi.probes.linux.software;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.FileEntry;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.InstalledPackages;
import jp.akashi.probes.model.Evidence;

/**
 * {@code software.installed} on Linux: the installed packages with version and architecture, and
 * when each was last installed or upgraded (rpm's INSTALLTIME; for dpkg the modification time of
 * the package's file list in /var/lib/dpkg/info, which dpkg rewrites on every unpack).
 */
public final class LinuxSoftwareProbe extends PlatformProbe {
    static final String KEY = "software.installed";
    /** Far above a desktop's package count; a longer list is refused rather than cut short. */
    static final int MAX_PACKAGES = 20_000;

    public LinuxSoftwareProbe() {
        super("linux.software", ProbeContext.LINUX, List.of(KEY));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        HostAccess h = ctx.host();
        InstalledPackages pkgs = InstalledPackages.read(h);
        if (!pkgs.ok()) {
            if (pkgs.format() == null) {
                out.unsupported(KEY, pkgs.problemCode());
            } else {
                out.error(KEY, code("patch.package_db_unreadable", pkgs.problem()));
            }
            return;
        }
        if (pkgs.packages().size() > MAX_PACKAGES) {
            out.error(KEY, code("software.too_many", pkgs.packages().size(), MAX_PACKAGES));
            return;
        }
        Map<String, Instant> listTimes = pkgs.format().equals("dpkg") ? dpkgListTimes(h) : Map.of();
        List<Map<String, Object>> items = pkgs.packages().stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("version", p.version());
            m.put("arch", p.arch());
            if (p.vendor() != null) {
                m.put("vendor", p.vendor());
            }
            Instant at = p.installedAt() != null ? p.installedAt()
                    : listTimes.getOrDefault(p.name() + ":" + p.arch(), listTimes.get(p.name()));
            if (at != null) {
                m.put("installed_at", at.toString());
            }
            return m;
        }).toList();
        out.ok(KEY, items, Evidence.of("cmd:" + pkgs.source().command(), pkgs.source().stdout()));
    }

    /** /var/lib/dpkg/info/NAME.list or NAME:ARCH.list (multi-arch packages) → its modification time. */
    private static Map<String, Instant> dpkgListTimes(HostAccess h) {
        Map<String, Instant> out = new HashMap<>();
        for (FileEntry e : h.list("/var/lib/dpkg/info")) {
            if (e.name().endsWith(".list") && e.modified() != null) {
                out.put(e.name().substring(0, e.name().length() - ".list".length()), e.modified());
            }
        }
        return out;
    }
}
