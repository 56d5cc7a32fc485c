package jp.akashi.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the agent jar as a separate process, as an administrator would. */
final class AgentProcess {
    record Result(int exit, String out) {
    }

    private final Path configDir;
    private final Path jar;

    AgentProcess(Path configDir) {
        this(configDir, Jars.agent());
    }

    /** @param jar the agent jar to run (a copy the agent may replace, for the self-update tests) */
    AgentProcess(Path configDir, Path jar) {
        this.configDir = configDir;
        this.jar = jar;
    }

    Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Jars.java().toString(), "-Xmx64m", "-XX:+UseSerialGC", "-jar",
                jar.toString()));
        cmd.addAll(List.of(args));
        if (!List.of(args).contains("collect")) {
            cmd.add("--config-dir");
            cmd.add(configDir.toString());
        }
        Path out = Files.createTempFile(configDir.getParent(), "agent-out", ".txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("agent did not finish: " + String.join(" ", args));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    long spooled() throws IOException {
        Path spool = configDir.resolve("state").resolve("spool");
        if (!Files.isDirectory(spool)) {
            return 0;
        }
        try (var s = Files.list(spool)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json.gz")).count();
        }
    }
}
