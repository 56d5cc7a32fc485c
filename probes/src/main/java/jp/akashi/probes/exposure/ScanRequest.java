package jp.akashi.probes.exposure;

import java.time.Duration;
import java.util.List;

import jp.akashi.probes.model.AssetIdentity;

/**
 * What to scan and how gently.
 *
 * @param targets        addresses, host names, CIDR blocks, IPv4 ranges (see {@link ScanTargets})
 * @param ports          port specification (see {@link PortList}), e.g. {@code common} or {@code 1-1024,3389}
 * @param scannedFrom    the vantage point to record ({@code collector}, {@code agent:web01}, {@code internet}):
 *                       exposure depends on where it is measured from
 * @param connectTimeout how long one connection attempt may take before the port counts as filtered
 * @param bannerTimeout  how long to wait for an open port to speak first (SSH, FTP, SMTP); zero disables it
 * @param concurrency    connection attempts in flight at once
 * @param ratePerSecond  connection attempts started per second, across all threads
 * @param maxAddresses   refuse target lists that expand to more addresses
 * @param maxProbes      refuse scans of more address × port pairs
 * @param assetKind      asset kind of the reports ({@code host} unless the caller knows better)
 */
public record ScanRequest(List<String> targets, String ports, String scannedFrom, Duration connectTimeout, Duration bannerTimeout,
                          int concurrency, double ratePerSecond, int maxAddresses, long maxProbes, String assetKind) {

    public ScanRequest {
        targets = List.copyOf(targets);
        if (scannedFrom == null || scannedFrom.isBlank()) {
            throw new IllegalArgumentException("scannedFrom is required: exposure means nothing without the vantage point");
        }
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero() || connectTimeout.toSeconds() > 60) {
            throw new IllegalArgumentException("connect timeout must be between 1 ms and 60 s");
        }
        if (bannerTimeout == null || bannerTimeout.isNegative() || bannerTimeout.toSeconds() > 30) {
            throw new IllegalArgumentException("banner timeout must be between 0 and 30 s");
        }
        if (concurrency < 1 || concurrency > 1024) {
            throw new IllegalArgumentException("concurrency must be 1..1024");
        }
        if (!(ratePerSecond > 0) || ratePerSecond > 100_000) {
            throw new IllegalArgumentException("rate must be between 0 and 100000 connections per second");
        }
        if (maxAddresses < 1 || maxProbes < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (!AssetIdentity.KIND_HOST.equals(assetKind) && !AssetIdentity.KIND_NETWORK_DEVICE.equals(assetKind)) {
            throw new IllegalArgumentException("asset kind must be host or network-device");
        }
    }

    /** Sensible defaults: 1.5 s connect timeout, 64 in flight, 200 connections/s, at most 4096 addresses and 1,000,000 probes. */
    public static ScanRequest of(List<String> targets, String ports, String scannedFrom) {
        return new ScanRequest(targets, ports, scannedFrom, Duration.ofMillis(1500), Duration.ofMillis(500), 64, 200, 4096, 1_000_000,
                AssetIdentity.KIND_HOST);
    }

    public ScanRequest withTiming(Duration connect, Duration banner, int inFlight, double rate) {
        return new ScanRequest(targets, ports, scannedFrom, connect, banner, inFlight, rate, maxAddresses, maxProbes, assetKind);
    }

    public ScanRequest withLimits(int addresses, long probes) {
        return new ScanRequest(targets, ports, scannedFrom, connectTimeout, bannerTimeout, concurrency, ratePerSecond, addresses, probes, assetKind);
    }
}
