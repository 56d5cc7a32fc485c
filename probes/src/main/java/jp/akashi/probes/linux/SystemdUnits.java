package jp.akashi.probes.linux;

import java.util.Optional;

import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.HostAccess;

/**
 * Whether a systemd unit is enabled, from {@code systemctl is-enabled} (which reads unit files and
 * works even where systemd is not running, e.g. in a container).
 */
public final class SystemdUnits {
    private SystemdUnits() {
    }

    /** The unit's state; empty when systemctl is unavailable or gave no answer. */
    public static Optional<State> state(HostAccess h, String unit) {
        if (!h.hasCommand("systemctl")) {
            return Optional.empty();
        }
        CommandResult r = Sources.run(h, Sources.QUICK, "systemctl", "is-enabled", unit);
        String word = r.stdout().strip().split("\\R", 2)[0].strip();
        if (r.timedOut()) {
            return Optional.empty();
        }
        if (word.isEmpty()) {
            // "Failed to get unit file state for x: No such file or directory" (on stderr, exit 1)
            return r.stderr().contains("No such file") ? Optional.of(new State(unit, "not-found", r)) : Optional.empty();
        }
        return Optional.of(new State(unit, word, r));
    }

    /** One answer of {@code systemctl is-enabled}. */
    public record State(String unit, String word, CommandResult source) {
        /** enabled, enabled-runtime, alias, indirect or generated: the unit starts by itself. */
        public boolean enabled() {
            return word.startsWith("enabled") || word.equals("alias") || word.equals("indirect") || word.equals("generated");
        }

        /** For evidence excerpts: {@code dnf-automatic.timer: enabled}. */
        public String line() {
            return unit + ": " + word;
        }
    }
}
