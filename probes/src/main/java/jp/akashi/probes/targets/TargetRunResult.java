package jp.akashi.probes.targets;

import java.time.Instant;
import java.util.List;

import jp.akashi.probes.model.Report;

/**
 * What one run of a target produced: one report per address, and per probe whether it worked.
 * A failed probe is a result with a code and a message an administrator can act on, never an exception.
 *
 * @param hostKey              SSH host key fingerprint the host presented, when the handshake got that far
 * @param hostKeyAuthenticated the SSH login succeeded with that key, so a trust-on-first-use caller may pin it
 */
public record TargetRunResult(Outcome outcome, List<ProbeResult> probes, List<AddressReport> reports, String hostKey,
                              boolean hostKeyAuthenticated, Instant startedAt, Instant finishedAt) {

    public enum Outcome {
        /** every probe worked */
        OK,
        /** some probes worked, others failed (see {@link #probes}) */
        PARTIAL,
        /** nothing could be collected */
        FAILED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param code {@code OK} or why the probe failed: the SSH outcome ({@code AUTH_FAILED}, {@code HOST_KEY_REJECTED} …),
     *             {@code NO_ANSWER}, {@code NO_CREDENTIALS}, {@code ERROR}
     */
    public record ProbeResult(ProbeKind probe, String code, String message) {
        public static final String OK = "OK";

        public boolean ok() {
            return OK.equals(code);
        }
    }

    /**
     * @param collected at least one probe actually collected something for this address; a report
     *                  with only error facts is worth storing only for an asset that already exists
     */
    public record AddressReport(String address, Report report, boolean collected) {
    }

    /** The failures in one line each, for the target's status and the run history; empty when all worked. */
    public String message() {
        return String.join("\n", probes.stream().filter(p -> !p.ok()).map(p -> p.probe().wire() + ": " + p.code() + ": " + p.message()).toList());
    }
}
