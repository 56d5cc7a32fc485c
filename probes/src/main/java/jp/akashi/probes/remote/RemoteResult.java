package jp.akashi.probes.remote;

import java.time.Duration;
import java.time.Instant;

import jp.akashi.probes.model.Report;

/**
 * The outcome of collecting one remote target. A failed target is a result, never an exception,
 * so a scheduler can record it (and alert) and carry on with the others.
 *
 * @param target      what was collected, without secrets ({@code ssh:admin@10.0.0.5:22})
 * @param address     the host name or address as configured
 * @param report      the collected report; {@code null} unless {@link Outcome#OK}
 * @param message     why it failed, in words an administrator can act on; {@code null} when OK
 * @param hostKey     SHA256:… fingerprint the host presented, when the handshake got that far
 *                    (after a trust-on-first-use connection: the value to pin)
 */
public record RemoteResult(String target, String address, Outcome outcome, String message, Report report,
                           String hostKey, Instant startedAt, Instant finishedAt) {

    public enum Outcome {
        OK,
        /** refused, no route, unknown host name */
        UNREACHABLE,
        /** connect or a protocol step did not answer in time, or the whole collection exceeded its budget */
        TIMEOUT,
        /** the host key did not match the pin or the known_hosts file: nothing was sent */
        HOST_KEY_REJECTED,
        AUTH_FAILED,
        SUDO_FAILED,
        /** reached, but not an OS family the remote probes support over SSH */
        UNSUPPORTED_OS,
        /** anything else: unusable settings, protocol errors */
        ERROR
    }

    public boolean ok() {
        return outcome == Outcome.OK;
    }

    public Duration elapsed() {
        return Duration.between(startedAt, finishedAt);
    }
}
