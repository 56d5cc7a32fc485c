package jp.akashi.probes.windows.log;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.akashi.probes.windows.WinValues;

/**
 * Pure: Windows Event Forwarding targets from the SubscriptionManager policy values
 * ({@code Server=http://wec.example.local:5985/wsman/SubscriptionManager/WEC,Refresh=60}).
 */
public final class EventForwarding {
    private static final Pattern SERVER = Pattern.compile("(?i)(?:^|,)\\s*Server\\s*=\\s*([^,]+)");

    /** Log shippers recognised by service short name. */
    public static final List<String> FORWARDER_SERVICES = List.of("SplunkForwarder", "winlogbeat", "nxlog",
            "Elastic Agent", "fluent-bit", "AzureMonitorAgent");

    private EventForwarding() {
    }

    /** {@code host:port/protocol} per configured subscription manager. */
    public static List<String> targets(JsonNode forwardingSection) {
        List<String> out = new ArrayList<>();
        JsonNode mgrs = WinValues.field(forwardingSection, "subscription_managers");
        if (mgrs == null || !mgrs.isObject()) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = mgrs.fields(); it.hasNext(); ) {
            String v = it.next().getValue().asText();
            Matcher m = SERVER.matcher(v);
            if (!m.find()) {
                continue;
            }
            String url = m.group(1).strip();
            try {
                URI u = new URI(url);
                String scheme = u.getScheme() == null ? "http" : u.getScheme().toLowerCase(Locale.ROOT);
                int port = u.getPort() > 0 ? u.getPort() : scheme.equals("https") ? 5986 : 5985;
                if (u.getHost() != null) {
                    out.add(u.getHost() + ":" + port + "/" + scheme);
                    continue;
                }
            } catch (URISyntaxException e) {
                // fall through: keep the raw value so nothing configured is hidden
            }
            out.add(url);
        }
        return out;
    }
}
