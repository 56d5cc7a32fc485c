package jp.akashi.probes.host;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a probe reaches a host: run a command, read a file, list a directory. A local implementation
 * and an SSH implementation provide exactly this, so the same probe code collects locally and
 * agentlessly. Implementations never throw for ordinary failures (missing file, non-zero exit,
 * timeout): they return a result that says so, and the probe turns it into an error fact.
 */
public interface HostAccess extends AutoCloseable {

    /** Default upper bound for one command; probes pass shorter ones where they can. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    /** Default upper bound for one file read. */
    int DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

    /** A short description for evidence and logs: {@code local}, {@code ssh:admin@10.0.0.5}. */
    String describe();

    /**
     * Runs {@code argv} without a shell (arguments are passed as they are) and waits at most
     * {@code timeout}; the process is killed when the time is up.
     */
    CommandResult exec(List<String> argv, Duration timeout);

    default CommandResult exec(String... argv) {
        return exec(List.of(argv), DEFAULT_TIMEOUT);
    }

    /** Reads at most {@code maxBytes} of a file. */
    FileRead read(String path, int maxBytes);

    default FileRead read(String path) {
        return read(path, DEFAULT_MAX_BYTES);
    }

    /** Stats one path; empty when it does not exist or cannot be seen. */
    Optional<FileEntry> stat(String path);

    /** Lists a directory's entries (not recursive); empty when missing or unreadable. */
    List<FileEntry> list(String dir);

    /** Whether the probe runs with root (uid 0) rights on the host. */
    boolean privileged();

    /** Whether a command is available on the host's PATH. */
    boolean hasCommand(String name);

    /**
     * Whether several probes may call this access at the same time. False unless an
     * implementation knows it is safe: one SSH connection, a recording kept in call order and an
     * image that attributes reads to the probe that runs are not.
     */
    default boolean concurrent() {
        return false;
    }

    @Override
    default void close() {
    }
}
