package jp.akashi.probes.windows.av;

import static jp.akashi.probes.model.ProbeMessages.code;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.util.AntiMalwareFacts;
import jp.akashi.probes.util.AvProduct;
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
public final class WindowsAvProbe extends PlatformProbe {

    public WindowsAvProbe() {
        super("windows.av", ProbeContext.WINDOWS, List.of("av.products", "av.installed", "av.running", "av.realtime_enabled", "av.signature_updated_at",
                "av.signature_age_hours", "av.last_scan_at", "av.edr_installed", "av.windows.defender"));
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
        defenderDetail(defender, services, out);
        AntiMalwareFacts.record(out, products, unread, ev, ctx.clock().instant());
    }

    private static void defenderDetail(WinSection defender, WindowsServices services, FactSink out) {
        if (!defender.ok()) {
            if (services != null && services.get("WinDefend").isEmpty()) {
                out.unsupported("av.windows.defender", code("av.defender_not_installed"));
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
