package jp.akashi.probes.exposure;

import java.util.Map;

/** IANA service names of well-known TCP ports (the name a port is registered for, not proof of what runs there). */
final class ServiceNames {
    private static final Map<Integer, String> TCP = Map.ofEntries(
            Map.entry(21, "ftp"), Map.entry(22, "ssh"), Map.entry(23, "telnet"), Map.entry(25, "smtp"), Map.entry(53, "domain"),
            Map.entry(80, "http"), Map.entry(110, "pop3"), Map.entry(111, "sunrpc"), Map.entry(135, "epmap"),
            Map.entry(139, "netbios-ssn"), Map.entry(143, "imap"), Map.entry(389, "ldap"), Map.entry(443, "https"),
            Map.entry(445, "microsoft-ds"), Map.entry(465, "submissions"), Map.entry(513, "login"), Map.entry(514, "shell"),
            Map.entry(587, "submission"), Map.entry(636, "ldaps"), Map.entry(873, "rsync"), Map.entry(993, "imaps"),
            Map.entry(995, "pop3s"), Map.entry(1433, "ms-sql-s"), Map.entry(2049, "nfs"), Map.entry(3306, "mysql"),
            Map.entry(3389, "ms-wbt-server"), Map.entry(5432, "postgresql"), Map.entry(5900, "rfb"), Map.entry(5985, "wsman"),
            Map.entry(5986, "wsmans"), Map.entry(6379, "redis"), Map.entry(8080, "http-alt"));

    private ServiceNames() {
    }

    static String tcp(int port) {
        return TCP.getOrDefault(port, "unknown");
    }
}
