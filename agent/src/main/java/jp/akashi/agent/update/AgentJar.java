package jp.akashi.agent.update;

import java.nio.file.Path;
import java.util.Optional;

import jp.akashi.agent.AgentMain;

/** The agent jar this JVM runs from (the shaded akashi-agent.jar), if it runs from a jar at all. */
public final class AgentJar {
    private AgentJar() {
    }

    public static Optional<Path> running() {
        try {
            Path p = Path.of(AgentMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return p.toString().endsWith(".jar") ? Optional.of(p.toAbsolutePath().normalize()) : Optional.empty();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The installation the jar belongs to ({@code /opt/akashi-agent} for {@code /opt/akashi-agent/lib/akashi-agent.jar}). */
    public static Optional<Path> installDir() {
        return running().map(Path::getParent).map(Path::getParent);
    }
}
