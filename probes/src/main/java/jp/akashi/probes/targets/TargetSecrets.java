package jp.akashi.probes.targets;

import jp.akashi.probes.host.ssh.SshCredentials;
import jp.akashi.probes.snmp.SnmpV3User;

/**
 * The secrets a target run needs: SSH credentials for {@code ssh}, a community and/or an SNMPv3
 * user for {@code snmp}. Held in memory only for the run; {@link #toString()} shows none of them.
 */
public record TargetSecrets(SshCredentials ssh, String community, SnmpV3User snmpV3) {

    public static final TargetSecrets NONE = new TargetSecrets(null, null, null);

    public TargetSecrets {
        if (community != null && (community.isEmpty() || community.length() > 255)) {
            throw new IllegalArgumentException("SNMP community must be 1..255 characters");
        }
    }

    @Override
    public String toString() {
        return "TargetSecrets[ssh " + (ssh == null ? "none" : ssh) + ", community " + (community == null ? "none" : "set")
                + ", v3 " + (snmpV3 == null ? "none" : snmpV3) + "]";
    }
}
