package jp.akashi.probes.linux.firewall;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure parser of {@code ufw status verbose}: {@code Status: active} and
 * {@code Default: deny (incoming), allow (outgoing), disabled (routed)}.
 */
public final class UfwStatus {
    private static final Pattern DEFAULT = Pattern.compile("^Default:\\s*(\\w+) \\(incoming\\)", Pattern.MULTILINE);

    private UfwStatus() {
    }

    /** The state, or null when the output is not ufw's status. */
    public static FirewallState parse(String text) {
        String t = text == null ? "" : text;
        if (t.contains("Status: inactive")) {
            return new FirewallState(false, null, "Status: inactive");
        }
        if (!t.contains("Status: active")) {
            return null;
        }
        Matcher m = DEFAULT.matcher(t);
        if (!m.find()) {
            return new FirewallState(true, null, "Status: active (no Default: line)");
        }
        String policy = m.group(1);
        String inbound = policy.equals("allow") ? "allow" : policy.equals("deny") || policy.equals("reject") ? "deny" : null;
        return new FirewallState(true, inbound, "Status: active\n" + m.group(0));
    }
}
