package jp.akashi.agent.cli;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

import jp.akashi.agent.AgentMain;
import jp.akashi.agent.config.AgentConfig;
import jp.akashi.agent.config.AgentPaths;
import jp.akashi.agent.spool.Spool;

/** Options every command that touches configuration or state shares. */
public final class CommonOptions {
    @Option(names = "--config-dir", description = "Configuration directory (default: /etc/akashi as root, ~/.config/akashi otherwise; C:\\ProgramData\\Akashi on Windows).")
    Path configDir;

    @Option(names = "--state-dir", description = "State directory with the spool (default: /var/lib/akashi as root, ~/.local/state/akashi otherwise).")
    Path stateDir;

    @Option(names = "--spool-max-files", defaultValue = "1000", description = "Most reports kept while the collector is unreachable (default: ${DEFAULT-VALUE}).")
    int spoolMaxFiles;

    @Option(names = {"-v", "--verbose"}, description = "Print progress on standard error.")
    boolean verbose;

    AgentPaths paths() {
        return AgentPaths.resolve(configDir, stateDir, System.getenv(), AgentPaths.runningPrivileged());
    }

    Spool spool(AgentPaths p) {
        return new Spool(p.spoolDir(), spoolMaxFiles, 200L * 1024 * 1024);
    }

    /** The enrolled configuration, or a {@link NotEnrolled} saying how to enroll. */
    AgentConfig requireConfig(AgentPaths p) throws IOException {
        return AgentConfig.load(p.configFile()).orElseThrow(() -> new NotEnrolled(p.configFile()));
    }

    /** Thrown when a command needs enrollment first. */
    public static final class NotEnrolled extends RuntimeException {
        NotEnrolled(Path file) {
            super("not enrolled (no " + file + "); run: akashi-agent enroll --server URL --token TOKEN --fingerprint sha256:…");
        }

        public int exitCode() {
            return AgentMain.EXIT_NOT_ENROLLED;
        }
    }
}
