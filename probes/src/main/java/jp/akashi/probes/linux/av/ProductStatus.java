package jp.akashi.probes.linux.av;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.FileEntry;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.EvidenceTrail;
import jp.akashi.probes.linux.HostZone;
import jp.akashi.probes.linux.Processes;
import jp.akashi.probes.linux.Sources;
import jp.akashi.probes.util.KeyValueParser;

/**
 * What the two products that report their state on the host say about themselves: ClamAV (its
 * signature database and logs) and Defender for Endpoint ({@code mdatp health}). Adds
 * {@code realtime}, {@code signature_updated_at}, {@code last_scan_at} and {@code version} to a
 * product object where the product states them.
 */
final class ProductStatus {
    private ProductStatus() {
    }

    /** Signature build time from the daily database header (its mtime if the header is unreadable); clamonacc is on-access scanning. */
    static void clamav(ProbeContext ctx, Map<String, Object> m, Processes ps, EvidenceTrail t) {
        HostAccess h = ctx.host();
        String dbDir = "/var/lib/clamav";
        for (String conf : List.of("/etc/clamav/freshclam.conf", "/etc/freshclam.conf")) {
            FileRead f = Sources.config(h, conf);
            if (f.ok()) {
                String d = KeyValueParser.spaceSeparated(f.content(), false).get("DatabaseDirectory");
                dbDir = d == null ? dbDir : d;
                break;
            }
        }
        Instant newest = null;
        for (String name : List.of("daily.cld", "daily.cvd", "main.cld", "main.cvd")) {
            String path = dbDir + "/" + name;
            Optional<FileEntry> e = h.stat(path);
            if (e.isEmpty()) {
                continue;
            }
            FileRead head = h.read(path, 512);
            ClamAvDatabase.Header hd = head.ok() ? ClamAvDatabase.parse(head.content()) : null;
            Instant built = hd != null ? hd.built() : e.get().modified();
            t.note(path + ": " + (hd != null ? "header build time " + built + ", version " + hd.version() : "mtime " + built + " (header unreadable)"));
            if (newest == null || built.isAfter(newest)) {
                newest = built;
            }
            if (name.startsWith("daily")) {
                break;
            }
        }
        if (newest != null) {
            m.put("signature_updated_at", newest.toString());
        } else {
            // ClamAV without a database detects nothing: not "unknown age" but no signatures at all
            m.put("signatures_missing_in", dbDir);
            t.note("no signature database in " + dbDir + " (daily/main .cld/.cvd)");
        }
        boolean onAccess = ps.ok() && ps.running("clamonacc");
        if (ps.ok()) {
            m.put("realtime", onAccess);
            t.note("clamonacc (on-access scanning) " + (onAccess ? "running" : "not running"));
        }
        Optional<ZoneOffset> zone = HostZone.offset(h);
        Instant last = null;
        for (FileEntry e : h.list("/var/log/clamav")) {
            if (e.directory() || e.name().endsWith(".gz")) {
                continue;
            }
            FileRead f = h.read(e.path());
            Instant at = f.ok() && zone.isPresent() ? ClamScanLog.lastScan(f.content(), zone.get()) : null;
            if (at != null && (last == null || at.isAfter(last))) {
                last = at;
                t.note("scan summary in " + e.path() + ": End Date " + at);
            }
        }
        if (last != null) {
            m.put("last_scan_at", last.toString());
        }
    }

    /** mdatp health states real-time protection and the definitions' age in minutes. */
    static void defender(ProbeContext ctx, Map<String, Object> m, EvidenceTrail t) {
        CommandResult r = Sources.run(ctx.host(), Sources.SLOW, "mdatp", "health");
        if (!r.succeeded()) {
            t.note("mdatp health: " + r.describeFailure());
            return;
        }
        Map<String, String> health = MdatpHealth.parse(r.stdout());
        t.add("cmd:" + r.command(), r.stdout(), Sources.lines(r.stdout(),
                "^(healthy|real_time_protection_enabled|definitions_updated|definitions_updated_minutes_ago|definitions_status|app_version) "));
        String rtp = health.get("real_time_protection_enabled");
        if ("true".equals(rtp) || "false".equals(rtp)) {
            m.put("realtime", Boolean.parseBoolean(rtp));
        }
        String minutes = health.get("definitions_updated_minutes_ago");
        if (minutes != null && minutes.matches("\\d{1,9}")) {
            m.put("signature_updated_at", ctx.clock().instant().minus(Duration.ofMinutes(Long.parseLong(minutes)))
                    .truncatedTo(ChronoUnit.MINUTES).toString());
        }
        if (health.get("app_version") != null) {
            m.put("version", health.get("app_version"));
        }
    }
}
