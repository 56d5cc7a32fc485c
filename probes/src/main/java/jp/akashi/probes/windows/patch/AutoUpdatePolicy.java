package jp.akashi.probes.windows.patch;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jp.akashi.probes.windows.WinValues;
import jp.akashi.probes.windows.WindowsServices;

/**
 * Whether Windows installs updates by itself, from the inventory's {@code update_settings}
 * section: Group Policy (WindowsUpdate\AU NoAutoUpdate/AUOptions), MDM/Intune (PolicyManager
 * Update/AllowAutoUpdate), a user's pause, the wuauserv service, and the Windows Update Agent's
 * effective NotificationLevel.
 *
 * @param enabled   the decision, {@code null} when the sources do not settle it
 * @param reason    which source decided, or why none could
 * @param detail    the values read, for the {@code patch.windows.update_policy} fact
 */
public record AutoUpdatePolicy(Boolean enabled, String reason, Map<String, Object> detail) {

    /**
     * Pure.
     *
     * @param services     the services section, or {@code null} when unreadable
     * @param clientEdition whether this is a workstation (ProductType 1), whose default without
     *                     any policy is to install updates automatically; {@code null} unknown
     */
    public static AutoUpdatePolicy decide(JsonNode settings, WindowsServices services, Boolean clientEdition, Instant now) {
        JsonNode policy = WinValues.field(settings, "policy");
        Long noAuto = WinValues.integer(policy, "NoAutoUpdate");
        Long auOptions = WinValues.integer(policy, "AUOptions");
        Long mdm = WinValues.integer(WinValues.field(settings, "mdm"), "AllowAutoUpdate");
        Long level = WinValues.integer(settings, "notification_level");
        String wsus = WinValues.text(WinValues.field(settings, "wsus"), "WUServer");
        Instant pausedUntil = WinValues.instant(WinValues.field(settings, "pause"), "PauseUpdatesExpiryTime");
        Optional<WindowsServices.Service> wuauserv = services == null ? Optional.empty() : services.get("wuauserv");

        Map<String, Object> d = new LinkedHashMap<>();
        putIf(d, "no_auto_update", noAuto);
        putIf(d, "au_options", auOptions);
        putIf(d, "mdm_allow_auto_update", mdm);
        putIf(d, "notification_level", level);
        putIf(d, "wsus_server", wsus);
        putIf(d, "paused_until", pausedUntil == null ? null : pausedUntil.toString());
        wuauserv.ifPresent(s -> d.put("service_start_mode", s.startMode()));

        if (wuauserv.isPresent() && wuauserv.get().disabled()) {
            return result(false, "the Windows Update service (wuauserv) is disabled", d);
        }
        if (pausedUntil != null && pausedUntil.isAfter(now)) {
            return result(false, "updates are paused until " + pausedUntil, d);
        }
        if (noAuto != null && noAuto == 1) {
            return result(false, "Group Policy NoAutoUpdate = 1", d);
        }
        if (auOptions != null && auOptions != 5) {
            // 2 notify before download, 3 download and notify, 4 download and schedule install, 7 notify to install
            return result(auOptions == 4, "Group Policy AUOptions = " + auOptions, d);
        }
        if (mdm != null) {
            // 0 notify to download, 1–4 install automatically, 5 turned off
            return result(mdm >= 1 && mdm <= 4, "MDM policy Update/AllowAutoUpdate = " + mdm, d);
        }
        if (level != null && level != 0) {
            // 1 disabled, 2 notify before download, 3 notify before install, 4 scheduled installation
            return result(level == 4, "Windows Update Agent NotificationLevel = " + level, d);
        }
        if (Boolean.TRUE.equals(clientEdition)) {
            return result(true, "no policy restricts automatic updates; Windows 10/11 install them automatically by default", d);
        }
        d.put("decided_by", "none");
        return new AutoUpdatePolicy(null, "no update policy is configured and a Windows Server's default does not install updates by itself reliably across versions", d);
    }

    private static AutoUpdatePolicy result(boolean on, String why, Map<String, Object> d) {
        d.put("decided_by", why);
        return new AutoUpdatePolicy(on, why, d);
    }

    private static void putIf(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
