package jp.akashi.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The packaged jars under test (built by the reactor before this module). */
final class Jars {
    private Jars() {
    }

    static Path agent() {
        return existing("akashi.agentJar", "agent/target/akashi-agent.jar");
    }

    static Path collector() {
        return existing("akashi.collectorJar", "collector-server/target/akashi-collector.jar");
    }

    private static Path existing(String prop, String fallback) {
        Path p = Path.of(System.getProperty(prop, "../" + fallback)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p + " is missing: run ./mvnw verify (the jars are built in the package phase)");
        }
        return p;
    }

    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    static Path tempDir(String prefix) throws IOException {
        Path base = Path.of(System.getProperty("akashi.buildDir", "target"), "it-tmp");
        Files.createDirectories(base);
        return Files.createTempDirectory(base, prefix);
    }
}
