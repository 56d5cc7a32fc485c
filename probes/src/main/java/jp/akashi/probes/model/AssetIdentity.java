package jp.akashi.probes.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What identifies an asset across reports and re-installs. The collector prefers, in order,
 * the SMBIOS/hardware UUID, the machine id, the SNMP engine id, and only then the hostname.
 *
 * @param kind          {@code host} or {@code network-device}
 * @param hostname      the name the asset calls itself
 * @param machineId     /etc/machine-id, Windows MachineGuid, macOS IOPlatformUUID
 * @param hardwareUuid  SMBIOS system UUID where readable
 * @param snmpEngineId  SNMPv3 engine id (hex) for network devices
 * @param address       network address the asset was reached at (remote collection)
 * @param osFamily      {@code linux}, {@code windows}, {@code macos}, {@code network-os}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssetIdentity(String kind, String hostname, String machineId, String hardwareUuid,
                            String snmpEngineId, String address, String osFamily) {

    public static final String KIND_HOST = "host";
    public static final String KIND_NETWORK_DEVICE = "network-device";
}
