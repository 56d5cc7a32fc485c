package jp.akashi.probes.windows.os;

import static jp.akashi.probes.model.ProbeMessages.code;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.windows.WinSection;
import jp.akashi.probes.windows.WinValues;
import jp.akashi.probes.windows.WindowsInventory;

/**
 * {@code os.*} on Windows: edition, version and build (so the collector's end-of-life table can
 * decide support), identity, hardware and virtualization, from the inventory's {@code os} section
 * (registry CurrentVersion, Win32_OperatingSystem, Win32_ComputerSystem, MachineGuid).
 */
public final class WindowsOsProbe extends PlatformProbe {
    private static final List<String> KEYS = List.of("os.family", "os.name", "os.version", "os.arch", "os.hostname",
            "os.machine_id", "os.hardware.uuid", "os.hardware.vendor", "os.hardware.model", "os.virtualization",
            "os.uptime_seconds", "os.windows.build", "os.windows.ubr", "os.windows.display_version", "os.windows.edition",
            "os.windows.product_type", "os.windows.installation_type", "os.windows.release", "os.windows.domain_joined",
            "os.windows.domain");

    public WindowsOsProbe() {
        super("windows.os", ProbeContext.WINDOWS, KEYS);
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        out.ok("os.family", "windows", null);
        WinSection s = WindowsInventory.of(ctx).section("os");
        if (!s.ok()) {
            s.fail(out, KEYS.subList(1, KEYS.size()).toArray(String[]::new));
            return;
        }
        JsonNode os = s.data();
        Evidence ev = s.evidence();
        WindowsVersion v = WindowsVersion.from(os);

        s.put(out, "os.name", v.name(), "no ProductName in the registry");
        s.put(out, "os.version", v.version(), "Win32_OperatingSystem has no Version");
        s.put(out, "os.windows.build", v.build(), "no CurrentBuild in the registry");
        s.put(out, "os.windows.ubr", v.ubr(), "no UBR in the registry");
        s.put(out, "os.windows.display_version", v.displayVersion(), "neither DisplayVersion nor ReleaseId in the registry");
        s.put(out, "os.windows.edition", v.editionId(), "no EditionID in the registry");
        s.put(out, "os.windows.product_type", v.productTypeName(), "Win32_OperatingSystem.ProductType missing or unknown");
        s.put(out, "os.windows.installation_type", v.installationType(), "no InstallationType in the registry");
        s.put(out, "os.windows.release", v.release(), "build " + v.build() + " with product type " + v.productType()
                + " matches no known Windows release");

        s.put(out, "os.arch", WinValues.text(os, "arch"), "no PROCESSOR_ARCHITECTURE in the registry");
        s.put(out, "os.hostname", WinValues.text(os, "hostname"), "no computer name");
        s.put(out, "os.machine_id", WinValues.text(os, "machine_guid"), "no MachineGuid in the registry");
        s.put(out, "os.hardware.uuid", WinValues.text(os, "uuid"), "Win32_ComputerSystemProduct has no UUID");
        s.put(out, "os.hardware.vendor", WinValues.text(os, "manufacturer"), "Win32_ComputerSystem has no Manufacturer");
        s.put(out, "os.hardware.model", WinValues.text(os, "model"), "Win32_ComputerSystem has no Model");
        Boolean joined = WinValues.bool(os, "part_of_domain");
        s.put(out, "os.windows.domain_joined", joined, "Win32_ComputerSystem has no PartOfDomain");
        if (Boolean.TRUE.equals(joined)) {
            s.put(out, "os.windows.domain", WinValues.text(os, "domain"), "Win32_ComputerSystem has no Domain");
        } else if (Boolean.FALSE.equals(joined)) {
            out.unsupported("os.windows.domain", code("os.windows_workgroup", WinValues.text(os, "domain")));
        } else {
            s.malformed(out, "os.windows.domain", "PartOfDomain missing");
        }

        String virt = WindowsVirtualization.classify(WinValues.text(os, "manufacturer"), WinValues.text(os, "model"),
                WinValues.bool(os, "hypervisor_present"));
        s.put(out, "os.virtualization", virt, "a hypervisor is present but the firmware names neither a known virtual platform nor a known hardware vendor");

        Instant boot = WinValues.instant(os, "last_boot");
        Instant now = ctx.clock().instant();
        if (boot == null || boot.isAfter(now)) {
            s.malformed(out, "os.uptime_seconds", "LastBootUpTime missing or in the future");
        } else {
            out.ok("os.uptime_seconds", Duration.between(boot, now).toSeconds(), ev);
        }
    }
}
