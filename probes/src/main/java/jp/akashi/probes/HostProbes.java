package jp.akashi.probes;

import java.util.List;
import java.util.Locale;

import jp.akashi.probes.api.Probe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.account.LinuxAccountProbe;
import jp.akashi.probes.linux.auth.LinuxAuthProbe;
import jp.akashi.probes.linux.auth.LinuxLoginPolicyProbe;
import jp.akashi.probes.linux.service.LinuxServiceHardeningProbe;
import jp.akashi.probes.linux.av.LinuxAvProbe;
import jp.akashi.probes.linux.disk.LinuxDiskProbe;
import jp.akashi.probes.linux.firewall.LinuxFirewallProbe;
import jp.akashi.probes.linux.log.LinuxLogProbe;
import jp.akashi.probes.linux.net.LinuxNetProbe;
import jp.akashi.probes.linux.os.LinuxOsProbe;
import jp.akashi.probes.linux.patch.LinuxPatchProbe;
import jp.akashi.probes.linux.screen.LinuxScreenProbe;
import jp.akashi.probes.linux.software.LinuxSoftwareProbe;
import jp.akashi.probes.linux.storage.LinuxStorageProbe;
import jp.akashi.probes.linux.integrity.LinuxIntegrityProbe;
import jp.akashi.probes.linux.log.LinuxLogFilesProbe;
import jp.akashi.probes.linux.system.LinuxCoreDumpProbe;
import jp.akashi.probes.linux.system.LinuxKernelModulesProbe;
import jp.akashi.probes.linux.system.LinuxSysctlProbe;
import jp.akashi.probes.linux.system.LinuxTmpMountProbe;
import jp.akashi.probes.linux.time.LinuxTimeSyncProbe;
import jp.akashi.probes.macos.account.MacAccountProbe;
import jp.akashi.probes.macos.auth.MacAuthPolicyProbe;
import jp.akashi.probes.macos.av.MacAvProbe;
import jp.akashi.probes.macos.disk.MacFileVaultProbe;
import jp.akashi.probes.macos.firewall.MacFirewallProbe;
import jp.akashi.probes.macos.net.MacListeningProbe;
import jp.akashi.probes.macos.os.MacOsProbe;
import jp.akashi.probes.macos.patch.MacPatchProbe;
import jp.akashi.probes.macos.screen.MacScreenLockProbe;
import jp.akashi.probes.macos.software.MacSoftwareProbe;
import jp.akashi.probes.macos.storage.MacRemovableStorageProbe;
import jp.akashi.probes.macos.time.MacTimeSyncProbe;
import jp.akashi.probes.windows.account.WindowsAccountProbe;
import jp.akashi.probes.windows.auth.WindowsAuthPolicyProbe;
import jp.akashi.probes.windows.av.WindowsAvProbe;
import jp.akashi.probes.windows.disk.WindowsBitLockerProbe;
import jp.akashi.probes.windows.firewall.WindowsFirewallProbe;
import jp.akashi.probes.windows.log.WindowsLogProbe;
import jp.akashi.probes.windows.net.WindowsListeningProbe;
import jp.akashi.probes.windows.os.WindowsOsProbe;
import jp.akashi.probes.windows.patch.WindowsPatchProbe;
import jp.akashi.probes.windows.screen.WindowsScreenLockProbe;
import jp.akashi.probes.windows.service.WindowsLegacyServicesProbe;
import jp.akashi.probes.windows.software.WindowsSoftwareProbe;
import jp.akashi.probes.windows.storage.WindowsRemovableStorageProbe;
import jp.akashi.probes.windows.time.WindowsTimeServiceProbe;

/** Every host probe, in the order they run. Each probe decides itself whether it applies. */
public final class HostProbes {
    private HostProbes() {
    }

    public static List<Probe> all() {
        return List.of(
                new LinuxOsProbe(),
                new LinuxPatchProbe(),
                new LinuxNetProbe(),
                new LinuxAuthProbe(),
                new LinuxAccountProbe(),
                new LinuxLoginPolicyProbe(),
                new LinuxServiceHardeningProbe(),
                new LinuxFirewallProbe(),
                new LinuxLogProbe(),
                new LinuxAvProbe(),
                new LinuxDiskProbe(),
                new LinuxStorageProbe(),
                new LinuxSoftwareProbe(),
                new LinuxScreenProbe(),
                new LinuxSysctlProbe(),
                new LinuxCoreDumpProbe(),
                new LinuxTmpMountProbe(),
                new LinuxKernelModulesProbe(),
                new LinuxLogFilesProbe(),
                new LinuxTimeSyncProbe(),
                new LinuxIntegrityProbe(),
                new WindowsOsProbe(),
                new WindowsPatchProbe(),
                new WindowsAvProbe(),
                new WindowsListeningProbe(),
                new WindowsAuthPolicyProbe(),
                new WindowsLogProbe(),
                new WindowsFirewallProbe(),
                new WindowsAccountProbe(),
                new WindowsBitLockerProbe(),
                new WindowsScreenLockProbe(),
                new WindowsRemovableStorageProbe(),
                new WindowsSoftwareProbe(),
                new WindowsLegacyServicesProbe(),
                new WindowsTimeServiceProbe(),
                new MacOsProbe(),
                new MacPatchProbe(),
                new MacAvProbe(),
                new MacListeningProbe(),
                new MacAuthPolicyProbe(),
                new MacFirewallProbe(),
                new MacAccountProbe(),
                new MacFileVaultProbe(),
                new MacScreenLockProbe(),
                new MacRemovableStorageProbe(),
                new MacTimeSyncProbe(),
                new MacSoftwareProbe());
    }

    /** The OS family of the JVM's own host. */
    public static String localOsFamily() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return ProbeContext.WINDOWS;
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return ProbeContext.MACOS;
        }
        return ProbeContext.LINUX;
    }

    /** The OS family of a remote host reached through {@code host} (e.g. over SSH). */
    public static String detectOsFamily(HostAccess host) {
        CommandResult r = host.exec("uname", "-s");
        if (r.succeeded()) {
            String s = r.stdout().strip();
            if (s.equals("Linux")) {
                return ProbeContext.LINUX;
            }
            if (s.equals("Darwin")) {
                return ProbeContext.MACOS;
            }
            return s.toLowerCase(Locale.ROOT);
        }
        CommandResult ver = host.exec("cmd.exe", "/c", "ver");
        if (ver.succeeded()) {
            return ProbeContext.WINDOWS;
        }
        return "unknown";
    }
}
