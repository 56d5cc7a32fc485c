package jp.akashi.probes.linux.firewall;

/**
 * Pure parser of {@code firewall-cmd --list-all} (the default zone): the first line names the zone,
 * {@code target:} says what happens to traffic the zone's services and ports do not allow. The
 * {@code default} target rejects it (ICMP aside), as do DROP and REJECT; only ACCEPT lets it in.
 */
public final class FirewalldZone {
    private FirewalldZone() {
    }

    /** The state of a running firewalld, or null when there is no target line. */
    public static FirewallState parse(String text) {
        String zone = null;
        for (String raw : text == null ? new String[0] : text.split("\\R")) {
            if (zone == null && !raw.isBlank()) {
                zone = raw.strip();
                continue;
            }
            String line = raw.strip();
            if (line.startsWith("target:")) {
                String target = line.substring("target:".length()).strip();
                String inbound = switch (target) {
                    case "default", "DROP", "REJECT", "%%REJECT%%" -> "deny";
                    case "ACCEPT" -> "allow";
                    default -> null;
                };
                return new FirewallState(true, inbound, "zone " + zone + "\n" + line);
            }
        }
        return null;
    }
}
