package jp.akashi.probes.windows.os;

import java.util.List;
import java.util.Locale;

import jp.akashi.probes.linux.os.Virtualization;

/**
 * Names the hypervisor a Windows host runs under, from Win32_ComputerSystem Manufacturer/Model
 * (SMBIOS strings, not translated) and HypervisorPresent.
 */
public final class WindowsVirtualization {
    /**
     * Manufacturers of physical PCs and servers. HypervisorPresent is also true on bare metal that
     * runs Hyper-V or virtualization-based security (common on Windows 11), so "none" is said only
     * when no hypervisor runs or the firmware names one of these.
     */
    private static final List<String> PHYSICAL_VENDORS = List.of(
            "dell", "lenovo", "hp", "hewlett-packard", "fujitsu", "nec", "panasonic", "dynabook", "toshiba",
            "vaio", "sony", "asus", "asustek", "hpe", "acer", "micro-star", "msi", "gigabyte", "supermicro", "mouse computer",
            "epson", "apple", "samsung", "lg electronics", "intel corporation", "cisco", "huawei", "inspur",
            "getac", "sharp", "iiyama", "thirdwave", "unit.com", "asrock", "biostar", "zotac", "framework", "razer");

    private WindowsVirtualization() {
    }

    /**
     * @return a hypervisor name as systemd-detect-virt spells it, {@code none}, or {@code null}
     *         when it cannot tell
     */
    public static String classify(String manufacturer, String model, Boolean hypervisorPresent) {
        String known = Virtualization.fromDmi(manufacturer, model);
        String all = ((manufacturer == null ? "" : manufacturer) + " " + (model == null ? "" : model)).toLowerCase(Locale.ROOT);
        if (known != null) {
            return known;
        }
        if (all.contains("parallels")) {
            return "parallels";
        }
        if (all.contains("nutanix") || all.contains("ahv")) {
            return "kvm";
        }
        if (Boolean.FALSE.equals(hypervisorPresent)) {
            return "none";
        }
        // Microsoft Surface: Manufacturer is "Microsoft Corporation", Model "Surface …" (VMs say "Virtual Machine").
        if (all.startsWith("microsoft corporation") && all.contains("surface")) {
            return "none";
        }
        String vendor = manufacturer == null ? "" : manufacturer.toLowerCase(Locale.ROOT).strip();
        for (String v : PHYSICAL_VENDORS) {
            if (vendor.equals(v) || vendor.startsWith(v + " ") || vendor.startsWith(v + ",") || vendor.startsWith(v + ".")) {
                return "none";
            }
        }
        return null;
    }
}
