package jp.akashi.probes.macos.patch;

import static jp.akashi.probes.model.ProbeMessages.code;

import static jp.akashi.probes.macos.MacFacts.ev;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.macos.MacFacts;
import jp.akashi.probes.macos.MacPlist;
import jp.akashi.probes.macos.os.MacSystemInfo;

/**
 * {@code patch.*} on macOS. Pending updates come from what softwareupdate recorded at its last
 * background check (com.apple.SoftwareUpdate.plist); {@code softwareupdate --list}, which asks
 * Apple's servers and can take minutes, runs only with the option {@code patch.refresh=true}.
 */
public final class MacPatchProbe extends PlatformProbe {
    public static final String PREFS = "/Library/Preferences/com.apple.SoftwareUpdate.plist";
    public static final String MANAGED = "/Library/Managed Preferences/com.apple.SoftwareUpdate.plist";
    public static final String HISTORY = "/Library/Receipts/InstallHistory.plist";
    static final Duration LIST_TIMEOUT = Duration.ofSeconds(180);
    private static final String[] PENDING = {"patch.pending_count", "patch.pending_security_count", "patch.pending_security"};

    public MacPatchProbe() {
        super("macos.patch", ProbeContext.MACOS, List.of("patch.manager", "patch.installed_count", "patch.pending_count", "patch.pending_security_count",
                "patch.pending_security", "patch.pending_security_oldest_days", "patch.lists_updated_at",
                "patch.last_install_at", "patch.auto_update_enabled", "patch.macos.update_settings"));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        HostAccess h = ctx.host();
        out.ok("patch.manager", "softwareupdate", null);
        out.unsupported("patch.pending_security_oldest_days", code("patch.apple_no_release_dates"));

        CommandResult pkgs = MacFacts.run(h, MacFacts.SHORT, "pkgutil", "--pkgs");
        if (pkgs.succeeded()) {
            out.ok("patch.installed_count", pkgs.stdout().lines().filter(l -> !l.isBlank()).count(), ev(pkgs));
        } else {
            out.failed(pkgs, "patch.installed_count");
        }

        MacPlist prefs = MacPlist.read(h, PREFS);
        MacPlist managed = MacPlist.read(h, MANAGED);
        CommandResult sw = MacFacts.run(h, MacFacts.SHORT, "sw_vers", "-productVersion");
        Integer major = sw.succeeded() ? MacSystemInfo.major(sw.stdout().strip()) : null;

        if (ctx.option("patch.refresh")) {
            CommandResult list = MacFacts.run(h, LIST_TIMEOUT, "softwareupdate", "--list");
            if (!list.succeeded()) {
                out.failed(list, PENDING);
            } else {
                try {
                    pending(out, MacUpdates.softwareupdateList(list.stdout(), list.stderr()), major, ev(list));
                } catch (IllegalArgumentException e) {
                    for (String k : PENDING) {
                        out.error(k, code("fact.output_problem", e.getMessage()), ev(list));
                    }
                }
            }
        } else if (prefs.ok()) {
            if (prefs.get("RecommendedUpdates") == null && prefs.get("LastRecommendedUpdatesAvailable") == null) {
                for (String k : PENDING) {
                    out.error(k, code("patch.softwareupdate_never_checked", PREFS), prefs.evidence());
                }
            } else {
                pending(out, MacUpdates.recommended(prefs.get("RecommendedUpdates")), major, prefs.evidence());
            }
        } else {
            prefs.fail(out, PENDING);
        }

        if (prefs.ok()) {
            Object last = prefs.get("LastSuccessfulDate");
            MacFacts.put(out, "patch.lists_updated_at", last instanceof Instant i ? i.toString() : null, prefs.evidence(),
                    "no LastSuccessfulDate in " + PREFS);
        } else {
            prefs.fail(out, "patch.lists_updated_at");
        }

        Map<String, Object> detail = new LinkedHashMap<>();
        if (prefs.ok() || managed.ok()) {
            Boolean auto = MacUpdates.autoUpdate(prefs.dict(), managed.dict(), detail);
            detail.put("managed", managed.ok());
            out.ok("patch.macos.update_settings", detail, prefs.ok() ? prefs.evidence() : managed.evidence());
            MacFacts.put(out, "patch.auto_update_enabled", auto, prefs.ok() ? prefs.evidence() : managed.evidence(),
                    "AutomaticallyInstallMacOSUpdates is not set locally or by a profile");
        } else {
            prefs.fail(out, "patch.auto_update_enabled", "patch.macos.update_settings");
        }

        MacPlist history = MacPlist.read(h, HISTORY);
        if (!history.ok()) {
            history.fail(out, "patch.last_install_at");
        } else {
            try {
                Instant last = MacUpdates.lastInstall(MacUpdates.history(history.root()));
                MacFacts.put(out, "patch.last_install_at", last == null ? null : last.toString(), history.evidence(), "the install history is empty");
            } catch (IllegalArgumentException e) {
                out.error("patch.last_install_at", code("fact.output_problem", e.getMessage()), history.evidence());
            }
        }
    }

    private static void pending(FactSink out, List<MacUpdates.Update> updates, Integer major, jp.akashi.probes.model.Evidence ev) {
        List<Map<String, Object>> sec = updates.stream().filter(u -> MacUpdates.isSecurity(u, major)).map(MacUpdates::toMap).toList();
        out.ok("patch.pending_count", (long) updates.size(), ev);
        out.ok("patch.pending_security_count", (long) sec.size(), ev);
        out.ok("patch.pending_security", sec, ev);
        if (sec.isEmpty()) {
            out.ok("patch.pending_security_oldest_days", 0L, ev);
        }
    }
}
