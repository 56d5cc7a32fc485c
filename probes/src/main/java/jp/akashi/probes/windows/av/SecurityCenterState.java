package jp.akashi.probes.windows.av;

/**
 * Decodes Security Center's {@code productState} (root/SecurityCenter2 AntiVirusProduct,
 * FirewallProduct). Microsoft does not document the layout; the one every tool relies on is three
 * bytes: provider flags, scanner state (0x1n on, 0x0n off, 0x2n snoozed, 0x3n expired) and
 * signature state (0x00 up to date, 0x10 out of date). E.g. 397568 = 0x061100: on, up to date.
 *
 * @param enabled          the product's protection is on
 * @param upToDate         signatures are up to date (meaningful for antivirus products)
 * @param scannerState     the raw scanner nibble: 0 off, 1 on, 2 snoozed, 3 expired
 */
public record SecurityCenterState(boolean enabled, boolean upToDate, int scannerState) {

    public static SecurityCenterState decode(long productState) {
        int scanner = (int) ((productState >> 12) & 0xF);
        boolean upToDate = (productState & 0xF0) == 0;
        return new SecurityCenterState(scanner == 1, upToDate, scanner);
    }
}
