package jp.akashi.probes.windows.patch;

import static jp.akashi.probes.model.ProbeMessages.code;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.windows.PowerShellRun;
import jp.akashi.probes.windows.WinSection;
import jp.akashi.probes.windows.WinValues;
import jp.akashi.probes.windows.WindowsInventory;
import jp.akashi.probes.windows.WindowsScript;
import jp.akashi.probes.windows.WindowsServices;
import jp.akashi.probes.windows.os.WindowsVersion;
import jp.akashi.probes.model.MessageCode;

/**
 * {@code patch.*} on Windows. Installed hotfixes (Win32_QuickFixEngineering) and the update
 * policy come from the shared inventory; pending updates with severity and dates, and the last
 * successful installation, from a separate Windows Update Agent scan ({@code windows-update.ps1})
 * because that search can take a minute. The scan uses the metadata cached by Windows' own last
 * check unless the option {@code patch.refresh=true} allows an online search.
 */
public final class WindowsPatchProbe extends PlatformProbe {
    public static final Duration SCAN_TIMEOUT = Duration.ofSeconds(180);
    private static final String[] PENDING_KEYS = {"patch.pending_count", "patch.pending_security_count",
            "patch.pending_security", "patch.pending_security_oldest_days"};

    /** The scan script as this context runs it (tests build the expected command line from it). */
    public WindowsPatchProbe() {
        super("windows.patch", ProbeContext.WINDOWS, List.of("patch.manager", "patch.installed_count", "patch.pending_count", "patch.pending_security_count",
                "patch.pending_security", "patch.pending_security_oldest_days", "patch.lists_updated_at",
                "patch.last_install_at", "patch.auto_update_enabled", "patch.windows.hotfixes", "patch.windows.update_policy"));
    }

    public static WindowsScript scanScript(boolean online) {
        return WindowsScript.load("windows-update.ps1").withPreamble("$AkashiOnline = $" + online);
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        out.ok("patch.manager", "windows-update", null);
        PowerShellRun inv = WindowsInventory.of(ctx);
        hotfixes(inv.section("hotfixes"), out);
        WinSection settings = inv.section("update_settings");
        policy(ctx, inv, settings, out);

        PowerShellRun scan = PowerShellRun.execute(ctx.host(), scanScript(ctx.option("patch.refresh")), SCAN_TIMEOUT);
        pending(ctx, scan.section("pending"), out);
        lastInstall(scan.section("history"), settings, out);
    }

    private static void hotfixes(WinSection s, FactSink out) {
        if (!s.ok()) {
            s.fail(out, "patch.installed_count", "patch.windows.hotfixes");
            return;
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode h : WinValues.items(s.data(), "items")) {
            String id = WinValues.text(h, "id");
            if (id != null && !ids.contains(id)) {
                ids.add(id);
            }
        }
        out.ok("patch.installed_count", (long) ids.size(), s.evidence());
        out.ok("patch.windows.hotfixes", ids, s.evidence());
    }

    private static void policy(ProbeContext ctx, PowerShellRun inv, WinSection s, FactSink out) {
        if (!s.ok()) {
            s.fail(out, "patch.auto_update_enabled", "patch.windows.update_policy", "patch.lists_updated_at");
            return;
        }
        WinSection svc = inv.section("services");
        WinSection os = inv.section("os");
        Boolean client = os.ok() && WindowsVersion.from(os.data()).productType() != null ? WindowsVersion.from(os.data()).isClient() : null;
        AutoUpdatePolicy p = AutoUpdatePolicy.decide(s.data(), svc.ok() ? WindowsServices.parse(svc.data()) : null, client, ctx.clock().instant());
        out.ok("patch.windows.update_policy", p.detail(), s.evidence());
        if (p.enabled() == null) {
            s.malformed(out, "patch.auto_update_enabled", p.reason());
        } else {
            out.ok("patch.auto_update_enabled", p.enabled(), s.evidence());
        }
        Instant searched = WinValues.instant(s.data(), "last_search_success");
        String comError = WinValues.text(s.data(), "com_error");
        s.put(out, "patch.lists_updated_at", searched == null ? null : searched.toString(),
                comError != null ? "Microsoft.Update.AutoUpdate failed: " + comError : "Windows Update has no successful search on record");
    }

    private static void pending(ProbeContext ctx, WinSection s, FactSink out) {
        if (!s.ok()) {
            s.fail(out, PENDING_KEYS);
            return;
        }
        Long rc = WinValues.integer(s.data(), "result_code");
        // OperationResultCode: 2 succeeded, 3 succeeded with errors; anything else is no answer
        if (rc == null || (rc != 2 && rc != 3)) {
            for (String k : PENDING_KEYS) {
                s.malformed(out, k, "the Windows Update search did not succeed (ResultCode " + rc + ")");
            }
            return;
        }
        PendingUpdates p;
        try {
            p = PendingUpdates.parse(s.data(), ctx.clock().instant());
        } catch (IllegalArgumentException e) {
            for (String k : PENDING_KEYS) {
                s.malformed(out, k, e.getMessage());
            }
            return;
        }
        out.ok("patch.pending_count", p.count(), s.evidence());
        out.ok("patch.pending_security_count", (long) p.security().size(), s.evidence());
        out.ok("patch.pending_security", p.security(), s.evidence());
        s.put(out, "patch.pending_security_oldest_days", p.oldestDays(), "pending update '" + p.undatedTitle() + "' has no release date");
    }

    private static void lastInstall(WinSection history, WinSection settings, FactSink out) {
        Optional<Instant> last = Optional.empty();
        MessageCode why = null;
        if (history.ok()) {
            try {
                last = UpdateHistory.lastInstall(history.data());
            } catch (IllegalArgumentException e) {
                why = code("fact.output_problem", e.getMessage());
            }
        } else {
            why = history.messageCode();
        }
        if (last.isPresent()) {
            out.ok("patch.last_install_at", last.get().toString(), history.evidence());
            return;
        }
        // Fall back on the agent's own record of its last successful installation.
        Instant auto = settings.ok() ? WinValues.instant(settings.data(), "last_install_success") : null;
        if (auto != null) {
            out.ok("patch.last_install_at", auto.toString(), settings.evidence());
        } else if (why != null) {
            out.error("patch.last_install_at", why, history.evidence());
        } else {
            history.malformed(out, "patch.last_install_at", "no successful update installation on record");
        }
    }
}
