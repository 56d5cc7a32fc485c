package jp.akashi.probes.linux.os;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.model.MessageCode;

/**
 * {@code os.*} on Linux: distribution, kernel, architecture, identity, virtualization, hardware.
 * Reads files and runs commands through {@link HostAccess} only (no OSHI here, because OSHI reads
 * the local machine and this probe must run unchanged over SSH).
 */
public final class LinuxOsProbe extends PlatformProbe {
    private static final Duration SHORT = Duration.ofSeconds(5);

    public LinuxOsProbe() {
        super("linux.os", ProbeContext.LINUX, List.of("os.family", "os.name", "os.distribution", "os.distribution_family", "os.version",
                "os.pretty_name", "os.kernel", "os.arch", "os.hostname", "os.machine_id", "os.hardware.uuid",
                "os.hardware.vendor", "os.hardware.model", "os.virtualization", "os.uptime_seconds"));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        HostAccess h = ctx.host();
        out.ok("os.family", "linux", null);

        FileRead rel = h.read("/etc/os-release");
        if (!rel.ok()) {
            rel = h.read("/usr/lib/os-release");
        }
        if (rel.ok()) {
            OsRelease r = OsRelease.parse(rel.content());
            Evidence ev = Evidence.of("file:" + rel.path(), rel.content());
            okOrError(out, "os.name", r.name(), ev, code("os.release_field_missing", rel.path(), "NAME"));
            okOrError(out, "os.distribution", r.id(), ev, code("os.release_field_missing", rel.path(), "ID"));
            out.ok("os.distribution_family", r.family(), ev);
            okOrError(out, "os.version", r.versionId(), ev, code("os.release_no_version", rel.path()));
            okOrError(out, "os.pretty_name", r.prettyName(), ev, code("os.release_field_missing", rel.path(), "PRETTY_NAME"));
        } else {
            out.failed(rel, "os.name", "os.distribution", "os.distribution_family", "os.version", "os.pretty_name");
        }

        CommandResult uname = h.exec(List.of("uname", "-r", "-m", "-n"), SHORT);
        if (uname.succeeded()) {
            String[] parts = uname.stdout().strip().split("\\s+");
            Evidence ev = Evidence.of("cmd:" + uname.command(), uname.stdout());
            if (parts.length == 3) {
                out.ok("os.hostname", parts[0], ev);
                out.ok("os.kernel", parts[1], ev);
                out.ok("os.arch", parts[2], ev);
            } else {
                for (String k : List.of("os.hostname", "os.kernel", "os.arch")) {
                    out.error(k, code("os.uname_unexpected"), ev);
                }
            }
        } else {
            out.failed(uname, "os.kernel", "os.arch");
            // an offline root has no kernel to ask, but names itself in /etc/hostname
            FileRead name = h.read("/etc/hostname", 4096);
            String first = name.ok() ? name.content().strip().split("\\R", 2)[0].strip() : "";
            if (!first.isEmpty()) {
                out.ok("os.hostname", first, Evidence.of("file:/etc/hostname", name.content()));
            } else {
                out.failed(uname, "os.hostname");
            }
        }

        fileValue(h, out, "os.machine_id", "/etc/machine-id");
        fileValue(h, out, "os.hardware.uuid", "/sys/class/dmi/id/product_uuid");
        fileValue(h, out, "os.hardware.vendor", "/sys/class/dmi/id/sys_vendor");
        fileValue(h, out, "os.hardware.model", "/sys/class/dmi/id/product_name");

        virtualization(h, out);
        uptime(h, out);
    }

    private static void okOrError(FactSink out, String key, String value, Evidence ev, MessageCode missing) {
        if (value == null || value.isBlank()) {
            out.error(key, missing, ev);
        } else {
            out.ok(key, value, ev);
        }
    }

    private static void fileValue(HostAccess h, FactSink out, String key, String path) {
        FileRead f = h.read(path, 4096);
        if (!f.ok()) {
            out.failed(f, key);
            return;
        }
        String v = f.content().strip();
        okOrError(out, key, v, Evidence.of("file:" + path, f.content()), code("fact.file_empty", path));
    }

    private static void virtualization(HostAccess h, FactSink out) {
        if (h.hasCommand("systemd-detect-virt")) {
            CommandResult r = h.exec(List.of("systemd-detect-virt"), SHORT);
            String v = r.stdout().strip();
            // exits 1 and prints "none" on bare metal
            if (!r.timedOut() && v.matches("[a-z0-9_-]+")) {
                out.ok("os.virtualization", v, Evidence.of("cmd:" + r.command(), r.stdout()));
                return;
            }
        }
        FileRead vendor = h.read("/sys/class/dmi/id/sys_vendor", 4096);
        FileRead product = h.read("/sys/class/dmi/id/product_name", 4096);
        String vendorText = vendor.ok() ? vendor.content().strip() : null;
        String productText = product.ok() ? product.content().strip() : null;
        String v = Virtualization.fromDmi(vendorText, productText);
        Optional<String> hv = cpuHypervisorFlag(h);
        if (v == null && hv.isPresent()) {
            v = "unknown-hypervisor";
        }
        if (v != null) {
            // cite what was actually read: the DMI file that exists, else the CPU flag
            jp.akashi.probes.linux.EvidenceTrail t = new jp.akashi.probes.linux.EvidenceTrail();
            String source = null;
            for (FileRead f : List.of(vendor, product)) {
                if (f.ok()) {
                    t.add("file:" + f.path(), f.content(), f.content().strip());
                    source = source == null ? "file:" + f.path() : source;
                }
            }
            if (source == null) {
                t.add("file:/proc/cpuinfo", hv.orElse(""), "flags: hypervisor (no DMI vendor or product name readable)");
                source = "file:/proc/cpuinfo";
            }
            out.ok("os.virtualization", v, t.build(source));
        } else {
            out.error("os.virtualization", code("os.virtualization_unknown"));
        }
    }

    private static Optional<String> cpuHypervisorFlag(HostAccess h) {
        FileRead cpu = h.read("/proc/cpuinfo", 256 * 1024);
        if (cpu.ok() && cpu.content().matches("(?s).*\\bflags\\s*:.*\\bhypervisor\\b.*")) {
            return Optional.of("hypervisor");
        }
        return Optional.empty();
    }

    private static void uptime(HostAccess h, FactSink out) {
        FileRead f = h.read("/proc/uptime", 4096);
        if (!f.ok()) {
            out.failed(f, "os.uptime_seconds");
            return;
        }
        try {
            double secs = Double.parseDouble(f.content().strip().split("\\s+")[0]);
            out.ok("os.uptime_seconds", (long) secs, Evidence.of("file:/proc/uptime", f.content()));
        } catch (NumberFormatException e) {
            out.error("os.uptime_seconds", code("fact.unexpected_content", "/proc/uptime"), Evidence.of("file:/proc/uptime", f.content()));
        }
    }
}
