package jp.akashi.probes.snmp;

/**
 * What sysDescr (and the vendor's enterprise number in sysObjectID) say about a device. A field
 * is {@code null} when the text does not say it — the probe then records an error, never a guess.
 *
 * @param parsedBy which rule matched: {@code cisco-ios}, {@code cisco-ios-xe}, {@code yamaha-rtx},
 *                 {@code fortigate}, {@code junos} or {@code generic}
 */
public record DeviceDescription(String vendor, String model, String osName, String firmwareVersion, String parsedBy) {

    public DeviceDescription withFirmwareVersion(String version) {
        return new DeviceDescription(vendor, model, osName, version, parsedBy);
    }
}
