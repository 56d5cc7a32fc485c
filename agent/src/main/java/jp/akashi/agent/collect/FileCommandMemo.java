package jp.akashi.agent.collect;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jp.akashi.agent.spool.FileSafety;
import jp.akashi.probes.host.CommandMemo;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.util.Hashes;
import jp.akashi.probes.util.Json;

/**
 * The agent's {@link CommandMemo}: one owner-only JSON file per command in {@code <state>/memo/},
 * written atomically. The file name mixes in the agent's environment, which the commands inherit
 * (APT_CONFIG, LANG, PATH …): another environment is another entry. A file that is too large,
 * not JSON, or for another command is removed and counts as absent, so a damaged memo costs one
 * run of the command and nothing else.
 */
public final class FileCommandMemo implements CommandMemo {
    /** Larger outputs are not kept (apt's list of pending updates is a few KB; this is far above it). */
    static final int MAX_OUTPUT_CHARS = 2 * 1024 * 1024;
    static final int MAX_FILE_BYTES = 3 * MAX_OUTPUT_CHARS + 64 * 1024;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Stored(String key, String stamp, String ranAt, String command, int exitCode, String stdout, String stderr, long elapsedMs) {
    }

    private final Path dir;
    private final String environment;

    public FileCommandMemo(Path dir, Map<String, String> environment) {
        this.dir = dir;
        this.environment = Hashes.sha256Hex(String.valueOf(new TreeMap<>(environment)).getBytes(StandardCharsets.UTF_8));
    }

    /** The memo of an agent whose state lives in {@code stateDir}, for commands run with this process's environment. */
    public static FileCommandMemo in(Path stateDir) {
        return new FileCommandMemo(stateDir.resolve("memo"), System.getenv());
    }

    private Path file(String key) {
        return dir.resolve(Hashes.sha256Hex((environment + "\n" + key).getBytes(StandardCharsets.UTF_8)).substring(0, 32) + ".json");
    }

    @Override
    public Optional<Entry> recall(String key) {
        Path f = file(key);
        try (InputStream in = Files.newInputStream(f)) {
            byte[] data = in.readNBytes(MAX_FILE_BYTES + 1);
            if (data.length > MAX_FILE_BYTES) {
                throw new IOException("larger than " + MAX_FILE_BYTES + " bytes");
            }
            Stored s = Json.mapper().readValue(data, Stored.class);
            if (!key.equals(s.key()) || s.stamp() == null || s.ranAt() == null || s.command() == null || s.stdout() == null) {
                throw new IOException("not an entry for this command");
            }
            return Optional.of(new Entry(s.stamp(), Instant.parse(s.ranAt()), new CommandResult(s.command(), s.exitCode(),
                    s.stdout(), s.stderr() == null ? "" : s.stderr(), false, Duration.ofMillis(Math.max(0, s.elapsedMs())), null)));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException | RuntimeException damaged) {
            forget(f);
            return Optional.empty();
        }
    }

    @Override
    public void remember(String key, Entry e) {
        CommandResult r = e.result();
        if (r.stdout().length() > MAX_OUTPUT_CHARS || (r.stderr() != null && r.stderr().length() > MAX_OUTPUT_CHARS)) {
            forget(file(key));
            return;
        }
        Stored s = new Stored(key, e.stamp(), e.ranAt().toString(), r.command(), r.exitCode(), r.stdout(), r.stderr(),
                r.elapsed() == null ? 0 : r.elapsed().toMillis());
        try {
            FileSafety.writeAtomically(file(key), Json.mapper().writeValueAsBytes(s), true);
        } catch (IOException | RuntimeException notKept) {
            // a full or read-only disk: the command runs again next time, the collection goes on
            forget(file(key));
        }
    }

    private static void forget(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException | RuntimeException ignored) {
            // an entry that cannot be removed is overwritten or refused again next time
        }
    }
}
