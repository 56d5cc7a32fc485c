package jp.akashi.probes.linux.av;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.Probe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.FileEntry;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.EvidenceTrail;
import jp.akashi.probes.linux.HostZone;
import jp.akashi.probes.linux.InstalledPackages;
import jp.akashi.probes.linux.Processes;
import jp.akashi.probes.linux.Sources;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.util.KeyValueParser;

/**
 * {@code av.*} on Linux: ClamAV (signature database age, on-access scanning, clamscan summaries),
 * Microsoft Defender for Endpoint ({@code mdatp health}) and the common EDR agents, found by
 * package, install directory and process. Real-time state and signature age are reported only
 * where a product tells them on the host; EDR agents that report to their console only leave those
 * facts unsupported rather than assumed.
 */
public final class LinuxAvProbe implements Probe {
    private static final String[] KEYS = {"av.products", "av.installed", "av.running", "av.realtime_enabled",
            "av.signature_updated_at", "av.signature_age_hours", "av.last_scan_at", "av.edr_installed"};

    @Override
    public String id() {
        return "linux.av";
    }

    @Override
    public List<String> keys() {
        return List.of(KEYS);
    }

    @Override
    public boolean appliesTo(ProbeContext ctx) {
        return ctx.isLinux();
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        HostAccess h = ctx.host();
        InstalledPackages pkgs = InstalledPackages.lookup(h, KnownProducts.ALL.stream()
                .flatMap(p -> p.packages().stream()).toList());
        Processes ps = Processes.read(h);
        EvidenceTrail t = new EvidenceTrail();
        List<Map<String, Object>> products = new ArrayList<>();
        for (KnownProducts.Product p : KnownProducts.ALL) {
            detect(ctx, p, pkgs, ps, t).ifPresent(products::add);
        }
        if (products.isEmpty() && !pkgs.ok()) {
            for (String k : KEYS) {
                out.error(k, "cannot tell whether anti-malware is installed: " + pkgs.problem());
            }
            return;
        }
        if (!products.isEmpty() && !ps.ok()) {
            t.note("process list unavailable: " + ps.source().describeFailure());
            for (String k : new String[] {"av.products", "av.running"}) {
                out.error(k, "cannot tell whether the products run: " + ps.source().describeFailure(), t.build("probe:linux.av"));
            }
        }
        if (products.isEmpty()) {
            t.note("no known anti-malware or EDR package, directory or process");
        }
        t.add("cmd:" + pkgs.source().command(), pkgs.source().stdout(), null);
        Evidence ev = t.build("cmd:" + pkgs.source().command());
        out.ok("av.installed", !products.isEmpty(), ev);
        out.ok("av.edr_installed", products.stream().anyMatch(m -> "edr".equals(m.get("kind"))), ev);
        if (!out.has("av.products")) {
            out.ok("av.products", products, ev);
            out.ok("av.running", products.stream().anyMatch(m -> Boolean.TRUE.equals(m.get("running"))), ev);
        }
        summaries(ctx, out, products, ev);
    }

    private static Optional<Map<String, Object>> detect(ProbeContext ctx, KnownProducts.Product p, InstalledPackages pkgs,
                                                        Processes ps, EvidenceTrail t) {
        HostAccess h = ctx.host();
        List<String> how = new ArrayList<>();
        String version = null;
        for (String name : p.packages()) {
            Optional<InstalledPackages.Package> pk = pkgs.find(name);
            if (pk.isPresent()) {
                how.add("package " + name + " " + pk.get().version());
                version = version == null ? pk.get().version() : version;
            }
        }
        for (String dir : p.dirs()) {
            if (h.stat(dir).isPresent()) {
                how.add(dir + " exists");
            }
        }
        for (String cmd : p.commands()) {
            if (how.isEmpty() && h.hasCommand(cmd)) {
                how.add(cmd + " on PATH");
            }
        }
        boolean running = p.processes().stream().anyMatch(ps::running) || p.dirs().stream().anyMatch(ps::runningUnder);
        if (how.isEmpty() && !running) {
            return Optional.empty();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("vendor", p.vendor());
        m.put("kind", p.kind());
        m.put("running", running);
        if (version != null) {
            m.put("version", version);
        }
        t.note(p.name() + ": " + (how.isEmpty() ? "process only" : String.join(", ", how)) + "; " + (running ? "running" : "not running"));
        if (p.name().equals(KnownProducts.CLAMAV)) {
            clamav(ctx, m, ps, t);
        } else if (p.name().equals(KnownProducts.DEFENDER)) {
            defender(ctx, m, t);
        }
        return Optional.of(m);
    }

    /** Signature build time from the daily database header (its mtime if the header is unreadable); clamonacc is on-access scanning. */
    private static void clamav(ProbeContext ctx, Map<String, Object> m, Processes ps, EvidenceTrail t) {
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
            t.note("no signature database in " + dbDir);
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
    private static void defender(ProbeContext ctx, Map<String, Object> m, EvidenceTrail t) {
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

    private static void summaries(ProbeContext ctx, FactSink out, List<Map<String, Object>> products, Evidence ev) {
        if (products.isEmpty()) {
            String none = "no anti-malware product is installed";
            out.unsupported("av.realtime_enabled", none);
            out.unsupported("av.signature_updated_at", none);
            out.unsupported("av.signature_age_hours", none);
            out.unsupported("av.last_scan_at", none);
            return;
        }
        List<String> silent = new ArrayList<>();
        boolean anyOn = false;
        for (Map<String, Object> p : products) {
            Object rt = p.get("realtime");
            anyOn |= Boolean.TRUE.equals(rt);
            if (rt == null) {
                silent.add((String) p.get("name"));
            }
        }
        if (anyOn || silent.isEmpty()) {
            out.ok("av.realtime_enabled", anyOn, ev);
        } else {
            out.unsupported("av.realtime_enabled", String.join(", ", silent)
                    + " does not state its real-time protection on the host (see its management console)");
        }
        Optional<Instant> sig = newest(products, "signature_updated_at");
        if (sig.isPresent()) {
            out.ok("av.signature_updated_at", sig.get().toString(), ev);
            out.ok("av.signature_age_hours", Math.max(0, Duration.between(sig.get(), ctx.clock().instant()).toHours()), ev);
        } else {
            String why = "no installed product states its signature update time on the host";
            out.unsupported("av.signature_updated_at", why);
            out.unsupported("av.signature_age_hours", why);
        }
        Optional<Instant> scan = newest(products, "last_scan_at");
        if (scan.isPresent()) {
            out.ok("av.last_scan_at", scan.get().toString(), ev);
        } else {
            out.unsupported("av.last_scan_at", "no installed product records a completed scan on the host"
                    + " (ClamAV only with clamscan --log under /var/log/clamav)");
        }
    }

    private static Optional<Instant> newest(List<Map<String, Object>> products, String key) {
        return products.stream().map(p -> (String) p.get(key)).filter(Objects::nonNull)
                .map(Instant::parse).max(Instant::compareTo);
    }
}
