package jp.akashi.probes.windows.disk;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.windows.WinSection;
import jp.akashi.probes.windows.WinValues;
import jp.akashi.probes.windows.WindowsInventory;

/**
 * {@code disk.system_encrypted} on Windows: BitLocker protection of the system drive
 * (Win32_EncryptableVolume ProtectionStatus; needs Administrator rights). Suspended protection
 * counts as not encrypted: the key is then stored in the clear on the disk.
 */
public final class WindowsBitLockerProbe extends PlatformProbe {
    private static final List<String> CONVERSION = List.of("fully_decrypted", "fully_encrypted", "encryption_in_progress",
            "decryption_in_progress", "encryption_paused", "decryption_paused");
    private static final List<String> METHOD = List.of("none", "aes_128_diffuser", "aes_256_diffuser", "aes_128", "aes_256",
            "hardware", "xts_aes_128", "xts_aes_256");

    public WindowsBitLockerProbe() {
        super("windows.disk", ProbeContext.WINDOWS, List.of("disk.system_encrypted", "disk.windows.bitlocker"));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        WinSection s = WindowsInventory.of(ctx).section("bitlocker");
        if (!s.ok()) {
            s.fail(out, "disk.system_encrypted", "disk.windows.bitlocker");
            return;
        }
        JsonNode b = s.data();
        String drive = WinValues.text(b, "drive");
        Long protection = WinValues.integer(b, "protection_status");
        if (!Boolean.TRUE.equals(WinValues.bool(b, "present")) || protection == null) {
            String why = "BitLocker knows no volume " + drive + " (Win32_EncryptableVolume)";
            s.malformed(out, "disk.system_encrypted", why);
            s.malformed(out, "disk.windows.bitlocker", why);
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("drive", drive);
        m.put("protection", protection == 1 ? "on" : protection == 0 ? "off" : "unknown");
        m.put("conversion", name(CONVERSION, WinValues.integer(b, "conversion_status")));
        m.put("encryption_method", name(METHOD, WinValues.integer(b, "encryption_method")));
        out.ok("disk.windows.bitlocker", m, s.evidence());
        if (protection == 0 || protection == 1) {
            out.ok("disk.system_encrypted", protection == 1, s.evidence());
        } else {
            s.malformed(out, "disk.system_encrypted", "BitLocker reports protection status " + protection + " (unknown, volume locked?)");
        }
    }

    private static String name(List<String> names, Long v) {
        return v == null ? "unknown" : v >= 0 && v < names.size() ? names.get(v.intValue()) : "code " + v;
    }
}
