package jp.akashi.probes.snmp;

/**
 * One device to read over SNMP (UDP).
 *
 * @param community v1/v2c community to read with and to test whether v1/v2c answer; {@code null} when
 *                  the device is to be read over v3 only
 * @param v3        the USM user to read with; when set, system facts are read over v3
 */
public record SnmpTarget(String host, int port, String community, SnmpV3User v3) {

    public static final int DEFAULT_PORT = 161;

    public SnmpTarget {
        if (host == null || host.isBlank() || host.strip().length() != host.length()) {
            throw new IllegalArgumentException("bad SNMP host: '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("bad SNMP port: " + port);
        }
        if (community != null && (community.isEmpty() || community.length() > 255)) {
            throw new IllegalArgumentException("SNMP community must be 1..255 characters");
        }
        if (community == null && v3 == null) {
            throw new IllegalArgumentException("an SNMP target needs a community (v2c) or a v3 user");
        }
    }

    /** {@code snmp:10.0.0.1:161} */
    public String describe() {
        return "snmp:" + host + ":" + port;
    }

    @Override
    public String toString() {
        return "SnmpTarget[" + host + ":" + port + ", community " + (community == null ? "none" : "set") + ", " + v3 + "]";
    }
}
