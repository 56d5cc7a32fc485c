package jp.akashi.probes.linux.av;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.EvidenceTrail;
import jp.akashi.probes.linux.InstalledPackages;
import jp.akashi.probes.linux.Processes;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.model.MessageCode;

/**
 * {@code av.*} on Linux: ClamAV (signature database age, on-access scanning, clamscan summaries),
 * Microsoft Defender for Endpoint ({@code mdatp health}) and the common EDR agents, found by
 * package, install directory and process. Real-time state and signature age are reported only
 * where a product tells them on the host; EDR agents that report to their console only leave those
 * facts unsupported rather than assumed.
 */
public final class LinuxAvProbe extends PlatformProbe {
    private static final String[] KEYS = {"av.products", "av.installed", "av.running", "av.realtime_enabled",
            "av.signature_updated_at", "av.signature_age_hours", "av.last_scan_at", "av.edr_installed", "av.signatures_missing"};

    public LinuxAvProbe() {
        super("linux.av", ProbeContext.LINUX, List.of(KEYS));
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
                out.error(k, code("av.install_unknown", pkgs.problem()));
            }
            return;
        }
        if (!products.isEmpty() && !ps.ok()) {
            t.note("process list unavailable: " + ps.source().describeFailure());
            for (String k : new String[] {"av.products", "av.running"}) {
                out.error(k, code("av.running_unknown", ps.source().describeFailure()), t.build("probe:linux.av"));
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
            // whether they run comes from the process list, not from the package database
            StringBuilder states = new StringBuilder();
            products.forEach(m -> states.append(m.get("name")).append(Boolean.TRUE.equals(m.get("running")) ? ": running" : ": not running").append('\n'));
            Evidence running = products.isEmpty() ? ev : Evidence.of("cmd:" + ps.source().command(), ps.source().stdout(), states.toString());
            out.ok("av.running", products.stream().anyMatch(m -> Boolean.TRUE.equals(m.get("running"))), running);
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
            ProductStatus.clamav(ctx, m, ps, t);
        } else if (p.name().equals(KnownProducts.DEFENDER)) {
            ProductStatus.defender(ctx, m, t);
        }
        return Optional.of(m);
    }

    private static void summaries(ProbeContext ctx, FactSink out, List<Map<String, Object>> products, Evidence ev) {
        if (products.isEmpty()) {
            MessageCode none = code("av.none_installed");
            out.unsupported("av.realtime_enabled", none);
            out.unsupported("av.signature_updated_at", none);
            out.unsupported("av.signature_age_hours", none);
            out.unsupported("av.last_scan_at", none);
            out.unsupported("av.signatures_missing", none);
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
            out.unsupported("av.realtime_enabled", code("av.realtime_not_stated", String.join(", ", silent)));
        }
        List<String> missing = products.stream().filter(p -> p.containsKey("signatures_missing_in"))
                .map(p -> p.get("name") + " (no signature database in " + p.get("signatures_missing_in") + ")").toList();
        out.ok("av.signatures_missing", missing, ev);
        Optional<Instant> sig = newest(products, "signature_updated_at");
        if (sig.isPresent()) {
            out.ok("av.signature_updated_at", sig.get().toString(), ev);
            out.ok("av.signature_age_hours", Math.max(0, Duration.between(sig.get(), ctx.clock().instant()).toHours()), ev);
        } else {
            MessageCode why = code("av.no_signature_time");
            out.unsupported("av.signature_updated_at", why);
            out.unsupported("av.signature_age_hours", why);
        }
        Optional<Instant> scan = newest(products, "last_scan_at");
        if (scan.isPresent()) {
            out.ok("av.last_scan_at", scan.get().toString(), ev);
        } else {
            out.unsupported("av.last_scan_at", code("av.no_scan_record"));
        }
    }

    private static Optional<Instant> newest(List<Map<String, Object>> products, String key) {
        return products.stream().map(p -> (String) p.get(key)).filter(Objects::nonNull)
                .map(Instant::parse).max(Instant::compareTo);
    }
}
