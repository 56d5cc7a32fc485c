package jp.akashi.agent.cli;

import jp.akashi.probes.api.ProbeRunner;

/** Progress lines on standard error for --verbose (standard output stays machine-readable). */
final class Progress {
    private Progress() {
    }

    static ProbeRunner.Progress of(boolean verbose) {
        if (!verbose) {
            return (p, i, n) -> { };
        }
        return (p, i, n) -> System.err.printf("[%d/%d] %s%n", i, n, p.id());
    }
}
