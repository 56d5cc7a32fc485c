package jp.akashi.probes.windows.service;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.probes.windows.WinValues;
import jp.akashi.probes.windows.WindowsServices;

/**
 * Pure decisions on legacy and remote-access services from the inventory's {@code legacy} and
 * {@code services} sections. Each returns {@code null} when its sources do not settle it.
 */
public final class LegacyServices {
    /** Services that expose clear-text or unauthenticated protocols, by short name. */
    public static final Map<String, String> RISKY = new LinkedHashMap<>();

    static {
        RISKY.put("TlntSvr", "Telnet server");
        RISKY.put("ftpsvc", "IIS FTP server");
        RISKY.put("MSFTPSVC", "IIS 6 FTP server");
        RISKY.put("SNMP", "SNMP service (v1/v2c communities)");
        RISKY.put("simptcp", "Simple TCP/IP services (echo, chargen …)");
        RISKY.put("RemoteRegistry", "Remote Registry");
    }

    private LegacyServices() {
    }

    /** SMBv1 server: Get-SmbServerConfiguration, else the LanmanServer SMB1 registry value (absent means on before Windows 10 1709). */
    public static Boolean smb1Server(JsonNode legacy) {
        Boolean cfg = WinValues.bool(legacy, "smb1_server");
        if (cfg != null) {
            return cfg;
        }
        Long reg = WinValues.integer(legacy, "smb1_server_reg");
        return reg == null ? null : reg != 0;
    }

    /** SMBv1 client: the mrxsmb10 driver, absent when the feature is removed, Start 4 when disabled. */
    public static boolean smb1Client(JsonNode legacy) {
        Long start = WinValues.integer(legacy, "mrxsmb10_start");
        return start != null && start != 4;
    }

    /** Remote Desktop accepts connections: the policy value wins over the local one. */
    public static Boolean rdpEnabled(JsonNode legacy) {
        Long deny = WinValues.integer(legacy, "rdp_policy_deny");
        if (deny == null) {
            deny = WinValues.integer(legacy, "rdp_deny");
        }
        return deny == null ? null : deny == 0;
    }

    /** Network Level Authentication is required (policy value first). */
    public static Boolean rdpNla(JsonNode legacy) {
        Long nla = WinValues.integer(legacy, "rdp_policy_nla");
        if (nla == null) {
            nla = WinValues.integer(legacy, "rdp_nla");
        }
        return nla == null ? null : nla == 1;
    }

    /** The risky services that are installed: {name, description, state, start_mode}. */
    public static List<Map<String, Object>> risky(WindowsServices services) {
        List<Map<String, Object>> out = new ArrayList<>();
        RISKY.forEach((name, what) -> services.get(name).ifPresent(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("description", what);
            m.put("state", s.state());
            m.put("start_mode", s.startMode());
            out.add(m);
        }));
        return out;
    }
}
