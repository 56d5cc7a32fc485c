package jp.akashi.agent.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import jp.akashi.probes.HostProbes;
import jp.akashi.probes.api.ProbeContext;

/**
 * Where the agent keeps its configuration (server, credential, pinned certificate) and its
 * state (spool, last run). Platform defaults for a service installation; a user's home
 * directory when not running as root/Administrator; overridable by flags or environment.
 */
public record AgentPaths(Path configDir, Path stateDir) {

    public Path configFile() {
        return configDir.resolve("agent.json");
    }

    public Path spoolDir() {
        return stateDir.resolve("spool");
    }

    public Path stateFile() {
        return stateDir.resolve("state.json");
    }

    public static AgentPaths resolve(Path configDirFlag, Path stateDirFlag, Map<String, String> env, boolean privileged) {
        Path config = configDirFlag != null ? configDirFlag
                : env.containsKey("AKASHI_AGENT_CONFIG_DIR") ? Path.of(env.get("AKASHI_AGENT_CONFIG_DIR"))
                : defaultConfigDir(env, privileged);
        Path state = stateDirFlag != null ? stateDirFlag
                : env.containsKey("AKASHI_AGENT_STATE_DIR") ? Path.of(env.get("AKASHI_AGENT_STATE_DIR"))
                : configDirFlag != null ? configDirFlag.resolve("state")
                : defaultStateDir(env, privileged);
        return new AgentPaths(config.toAbsolutePath().normalize(), state.toAbsolutePath().normalize());
    }

    private static Path defaultConfigDir(Map<String, String> env, boolean privileged) {
        String os = HostProbes.localOsFamily();
        if (ProbeContext.WINDOWS.equals(os)) {
            return Path.of(env.getOrDefault("ProgramData", "C:\\ProgramData"), "Akashi");
        }
        if (!privileged) {
            return home(env).resolve(".config").resolve("akashi");
        }
        return ProbeContext.MACOS.equals(os) ? Path.of("/Library/Application Support/Akashi") : Path.of("/etc/akashi");
    }

    private static Path defaultStateDir(Map<String, String> env, boolean privileged) {
        String os = HostProbes.localOsFamily();
        if (ProbeContext.WINDOWS.equals(os)) {
            return Path.of(env.getOrDefault("ProgramData", "C:\\ProgramData"), "Akashi", "state");
        }
        if (!privileged) {
            return home(env).resolve(".local").resolve("state").resolve("akashi");
        }
        return ProbeContext.MACOS.equals(os) ? Path.of("/Library/Application Support/Akashi/state") : Path.of("/var/lib/akashi");
    }

    private static Path home(Map<String, String> env) {
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
    }

    public static boolean runningPrivileged() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            // Administrators can write the machine-wide ProgramData folder
            return java.nio.file.Files.isWritable(Path.of(System.getenv().getOrDefault("ProgramData", "C:\\ProgramData")));
        }
        return new jp.akashi.probes.host.LocalHostAccess().privileged();
    }
}
