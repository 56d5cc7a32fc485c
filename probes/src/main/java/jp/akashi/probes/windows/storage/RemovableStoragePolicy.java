package jp.akashi.probes.windows.storage;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.probes.windows.WinValues;

/**
 * Pure: whether Windows policy blocks writing to USB mass storage. Any of these blocks it:
 * RemovableStorageDevices Deny_All = 1; Removable Disks class {53f5630d-…} Deny_Write = 1;
 * StorageDevicePolicies WriteProtect = 1; the USBSTOR driver disabled (Start = 4). BitLocker's
 * "deny write to unencrypted removable drives" only forces encryption, so it is reported but does
 * not count. Third-party device control (common in Japan) is not visible here.
 */
public record RemovableStoragePolicy(boolean writeBlocked, List<String> blockedBy, Map<String, Object> detail) {

    public static RemovableStoragePolicy of(JsonNode s) {
        Long denyAll = WinValues.integer(s, "deny_all");
        Long denyWrite = WinValues.integer(WinValues.field(s, "removable_disk"), "Deny_Write");
        Long denyRead = WinValues.integer(WinValues.field(s, "removable_disk"), "Deny_Read");
        Long writeProtect = WinValues.integer(s, "write_protect");
        Long usbstor = WinValues.integer(s, "usbstor_start");
        Long fve = WinValues.integer(s, "bitlocker_deny_unencrypted");
        List<String> by = new ArrayList<>();
        if (one(denyAll)) {
            by.add("RemovableStorageDevices\\Deny_All");
        }
        if (one(denyWrite)) {
            by.add("RemovableStorageDevices\\{53f5630d-b6bf-11d0-94f2-00a0c91efb8b}\\Deny_Write");
        }
        if (one(denyRead)) {
            by.add("RemovableStorageDevices\\{53f5630d-b6bf-11d0-94f2-00a0c91efb8b}\\Deny_Read");
        }
        if (one(writeProtect)) {
            by.add("StorageDevicePolicies\\WriteProtect");
        }
        if (usbstor != null && usbstor == 4) {
            by.add("USBSTOR driver disabled");
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("blocked_by", by);
        d.put("bitlocker_requires_encryption_to_write", one(fve));
        if (usbstor != null) {
            d.put("usbstor_start", usbstor);
        }
        return new RemovableStoragePolicy(!by.isEmpty(), by, d);
    }

    private static boolean one(Long v) {
        return v != null && v == 1;
    }
}
