package jp.akashi.probes.targets;

import java.util.List;

import jp.akashi.probes.exposure.PortList;

/**
 * How a target is probed; nothing here is secret.
 *
 * @param ports                    ports the {@code ports} probe tries ({@link PortList} syntax: {@code common}, {@code 22,80,8000-8100})
 * @param tlsPorts                 ports the {@code tls} probe inspects (only those found open when {@code ports} ran too)
 * @param sshPort                  SSH port
 * @param snmpPort                 SNMP port (UDP)
 * @param sudo                     run the SSH commands through {@code sudo -n}
 * @param testWellKnownCommunities opt-in: try the well-known SNMP communities public/private (an IDS may flag it)
 * @param snmpTimeoutMs            wait for one SNMP answer
 * @param snmpRetries              SNMP retries per request
 */
public record TargetOptions(String ports, List<Integer> tlsPorts, int sshPort, int snmpPort, boolean sudo,
                            boolean testWellKnownCommunities, int snmpTimeoutMs, int snmpRetries) {

    public static final String DEFAULT_PORTS = "common";
    public static final List<Integer> DEFAULT_TLS_PORTS = List.of(443);
    /** Largest port list a target may scan per address. */
    public static final int MAX_PORTS = 4096;
    public static final int MAX_TLS_PORTS = 32;

    public static final TargetOptions DEFAULTS = new TargetOptions(DEFAULT_PORTS, DEFAULT_TLS_PORTS, 22, 161, false, false, 2000, 1);

    public TargetOptions {
        ports = ports == null || ports.isBlank() ? DEFAULT_PORTS : ports.strip();
        if (ports.length() > 1024) {
            throw new IllegalArgumentException("ports: at most 1024 characters");
        }
        PortList.parse(ports, MAX_PORTS);
        tlsPorts = tlsPorts == null || tlsPorts.isEmpty() ? DEFAULT_TLS_PORTS : List.copyOf(tlsPorts);
        if (tlsPorts.size() > MAX_TLS_PORTS) {
            throw new IllegalArgumentException("tlsPorts: at most " + MAX_TLS_PORTS + " ports");
        }
        for (Integer p : tlsPorts) {
            requirePort("tlsPorts", p);
        }
        requirePort("sshPort", sshPort);
        requirePort("snmpPort", snmpPort);
        if (snmpTimeoutMs < 100 || snmpTimeoutMs > 30_000) {
            throw new IllegalArgumentException("snmpTimeoutMs must be 100..30000");
        }
        if (snmpRetries < 0 || snmpRetries > 5) {
            throw new IllegalArgumentException("snmpRetries must be 0..5");
        }
    }

    private static void requirePort(String what, Integer p) {
        if (p == null || p < 1 || p > 65535) {
            throw new IllegalArgumentException(what + ": " + p + " is not a port (1..65535)");
        }
    }

    /** How many ports the {@code ports} probe tries on each address. */
    public int portCount() {
        return PortList.parse(ports, MAX_PORTS).size();
    }
}
