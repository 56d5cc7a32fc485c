package jp.akashi.probes.windows.av;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.Probe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.windows.PowerShellRun;
import jp.akashi.probes.windows.WinSection;
import jp.akashi.probes.windows.WinValues;
import jp.akashi.probes.windows.WindowsInventory;
import jp.akashi.probes.windows.WindowsServices;
import jp.akashi.probes.windows.os.WindowsVersion;

/**
 * {@code av.*} on Windows from Microsoft Defender's status, Security Center (client editions) and
 * known EDR/antivirus services. Signature and scan dates are taken from the products that protect
 * in real time, so a passive Defender beside a third-party product does not speak for the host.
 */
public final class WindowsAvProbe implements Probe {

    @Override
    public String id() {
        return "windows.av";
    }

    @Override
    public List<String> keys() {
        return List.of("av.products", "av.installed", "av.running", "av.realtime_enabled", "av.signature_updated_at",
                "av.signature_age_hours", "av.last_scan_at", "av.edr_installed", "av.windows.defender");
    }

    @Override
    public boolean appliesTo(ProbeContext ctx) {
        return ctx.isWindows();
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        PowerShellRun inv = WindowsInventory.of(ctx);
        WinSection defender = inv.section("defender");
        WinSection sc = inv.section("security_center");
        WinSection svc = inv.section("services");
        WinSection os = inv.section("os");
        WindowsServices services = svc.ok() ? WindowsServices.parse(svc.data()) : null;

        // Sources that failed and might have named a product: their silence must not read as "none".
        List<String> unread = new ArrayList<>();
        if (!svc.ok()) {
            unread.add(svc.message());
        }
        boolean server = os.ok() && WindowsVersion.from(os.data()).isServer();
        if (!sc.ok() && !server) {
            unread.add(sc.message());
        }
        // Without Get-MpComputerStatus, Defender is still seen through its WinDefend service.
        if (!defender.ok() && !svc.ok()) {
            unread.add(defender.message());
        }

        List<AvProduct> products = AntiMalwareInventory.collect(defender.ok() ? defender.data() : null,
                sc.ok() ? sc.data() : null, services);
        Evidence ev = evidence(inv, defender, sc, svc);
        String why = String.join("; ", unread);

        defenderDetail(defender, services, out);
        if (products.isEmpty() && !unread.isEmpty()) {
            for (String k : List.of("av.products", "av.installed", "av.running", "av.realtime_enabled", "av.edr_installed")) {
                out.error(k, "no product found and some sources could not be read: " + why, ev);
            }
        } else {
            out.ok("av.products", products.stream().map(AvProduct::toMap).toList(), ev);
            out.ok("av.installed", !products.isEmpty(), ev);
            tri(out, "av.running", products, AvProduct::running, unread, ev);
            tri(out, "av.realtime_enabled", products, AvProduct::realtime, unread, ev);
            boolean edr = products.stream().anyMatch(p -> p.kind().equals("edr"));
            if (edr || unread.isEmpty()) {
                out.ok("av.edr_installed", edr, ev);
            } else {
                out.error("av.edr_installed", "no EDR found but some sources could not be read: " + why, ev);
            }
        }
        dates(ctx, products, ev, out);
    }

    /** true if any product says true; false only if every product says false and every source was read. */
    private static void tri(FactSink out, String key, List<AvProduct> products, Function<AvProduct, Boolean> f,
                            List<String> unread, Evidence ev) {
        if (products.stream().map(f).anyMatch(Boolean.TRUE::equals)) {
            out.ok(key, true, ev);
            return;
        }
        List<String> unknown = products.stream().filter(p -> f.apply(p) == null).map(AvProduct::name).toList();
        if (!unknown.isEmpty()) {
            out.error(key, "cannot tell: " + String.join(", ", unknown) + " does not report it", ev);
        } else if (!unread.isEmpty()) {
            out.error(key, "no product says so and some sources could not be read: " + String.join("; ", unread), ev);
        } else {
            out.ok(key, false, ev);
        }
    }

    private static void dates(ProbeContext ctx, List<AvProduct> products, Evidence ev, FactSink out) {
        if (products.isEmpty()) {
            for (String k : List.of("av.signature_updated_at", "av.signature_age_hours", "av.last_scan_at")) {
                out.unsupported(k, "no anti-malware product found");
            }
            return;
        }
        List<AvProduct> active = products.stream().filter(p -> Boolean.TRUE.equals(p.realtime())).toList();
        if (active.isEmpty()) {
            active = products.stream().filter(p -> Boolean.TRUE.equals(p.running())).toList();
        }
        if (active.isEmpty()) {
            for (String k : List.of("av.signature_updated_at", "av.signature_age_hours", "av.last_scan_at")) {
                out.error(k, "no anti-malware product is running", ev);
            }
            return;
        }
        String names = String.join(", ", active.stream().map(AvProduct::name).toList());
        Instant sig = active.stream().map(AvProduct::signatureUpdatedAt).filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
        if (sig == null) {
            String upToDate = active.stream().filter(p -> p.signatureUpToDate() != null)
                    .map(p -> p.name() + " signatures up to date: " + p.signatureUpToDate()).reduce((a, b) -> a + ", " + b)
                    .map(s -> " (Security Center: " + s + ")").orElse("");
            out.error("av.signature_updated_at", names + " does not report when its signatures were updated" + upToDate, ev);
            out.error("av.signature_age_hours", names + " does not report when its signatures were updated" + upToDate, ev);
        } else {
            out.ok("av.signature_updated_at", sig.toString(), ev);
            out.ok("av.signature_age_hours", Math.max(0, Duration.between(sig, ctx.clock().instant()).toHours()), ev);
        }
        Instant scan = active.stream().map(AvProduct::lastScanAt).filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
        if (scan == null) {
            out.error("av.last_scan_at", names + " reports no completed scan", ev);
        } else {
            out.ok("av.last_scan_at", scan.toString(), ev);
        }
    }

    private static void defenderDetail(WinSection defender, WindowsServices services, FactSink out) {
        if (!defender.ok()) {
            if (services != null && services.get("WinDefend").isEmpty()) {
                out.unsupported("av.windows.defender", "Microsoft Defender Antivirus is not installed (no WinDefend service)");
            } else {
                defender.fail(out, "av.windows.defender");
            }
            return;
        }
        JsonNode d = defender.data();
        Map<String, Object> m = new LinkedHashMap<>();
        for (String f : List.of("am_service_enabled", "antivirus_enabled", "realtime", "tamper_protected")) {
            Boolean b = WinValues.bool(d, f);
            if (b != null) {
                m.put(f, b);
            }
        }
        for (String f : List.of("running_mode", "product_version", "signature_version")) {
            String s = WinValues.text(d, f);
            if (s != null) {
                m.put(f, s);
            }
        }
        Long onboarding = WinValues.integer(d, "mde_onboarding_state");
        m.put("mde_onboarded", onboarding != null && onboarding == 1);
        out.ok("av.windows.defender", m, defender.evidence());
    }

    /** One evidence for the merged facts: the three sections' JSON, hashed over the whole inventory output. */
    private static Evidence evidence(PowerShellRun inv, WinSection... sections) {
        StringBuilder sb = new StringBuilder();
        for (WinSection s : sections) {
            sb.append(s.name()).append(": ").append(s.ok() ? s.data().toString() : s.message()).append('\n');
        }
        return Evidence.of(inv.source() + "#defender,security_center,services", inv.stdout(), sb.toString());
    }
}
