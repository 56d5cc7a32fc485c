package jp.akashi.probes.linux.os;

import java.util.Locale;

/** Pure functions that name the virtualization a Linux host runs under. */
public final class Virtualization {
    private Virtualization() {
    }

    /**
     * Decides from DMI strings (sys_vendor, product_name) when systemd-detect-virt is absent.
     * Returns {@code none} only when DMI names a known physical vendor's product and nothing
     * virtual; {@code null} when it cannot tell.
     */
    public static String fromDmi(String sysVendor, String productName) {
        String v = ((sysVendor == null ? "" : sysVendor) + " " + (productName == null ? "" : productName)).toLowerCase(Locale.ROOT);
        if (v.isBlank()) {
            return null;
        }
        if (v.contains("vmware")) {
            return "vmware";
        }
        if (v.contains("virtualbox") || v.contains("innotek")) {
            return "oracle";
        }
        if (v.contains("qemu") || v.contains("kvm") || v.contains("standard pc (")) {
            return "kvm";
        }
        if (v.contains("microsoft corporation") && v.contains("virtual machine")) {
            return "microsoft";
        }
        if (v.contains("xen")) {
            return "xen";
        }
        if (v.contains("amazon ec2")) {
            return "amazon";
        }
        if (v.contains("google compute engine")) {
            return "google";
        }
        return null;
    }
}
