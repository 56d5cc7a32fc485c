package jp.akashi.probes.util;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One anti-malware or EDR product found on a host (any platform).
 *
 * @param running   its service/engine runs; {@code null} unknown
 * @param realtime  on-access protection is on; {@code null} when the source does not say
 */
public record AvProduct(String name, String vendor, String kind, Boolean running, Boolean realtime,
                        Instant signatureUpdatedAt, Instant lastScanAt, String version, Boolean signatureUpToDate,
                        String source) {

    /** The wire shape of one {@code av.products} element. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        putIf(m, "vendor", vendor);
        m.put("kind", kind);
        putIf(m, "running", running);
        putIf(m, "realtime", realtime);
        putIf(m, "signature_updated_at", signatureUpdatedAt == null ? null : signatureUpdatedAt.toString());
        putIf(m, "last_scan_at", lastScanAt == null ? null : lastScanAt.toString());
        putIf(m, "version", version);
        putIf(m, "signature_up_to_date", signatureUpToDate);
        m.put("source", source);
        return m;
    }

    public AvProduct withSignatureUpToDate(Boolean v) {
        return new AvProduct(name, vendor, kind, running, realtime, signatureUpdatedAt, lastScanAt, version, v, source);
    }

    private static void putIf(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
