package jp.akashi.probes.host;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The host as one collection sees it: a command line or a file that several probes ask for (the
 * package list, the process list, PAM files, /etc/shadow) runs or is read once, and every probe
 * gets that result; probes running at the same time wait for the first. Over SSH each call is a
 * round trip, locally a process start. A command that timed out is run again for a caller that
 * allows it longer. Stats and listings are not kept (cheap, and a probe may look for a change).
 * Lives for one collection only.
 */
public final class SharedHostAccess implements HostAccess {
    private record Run(Duration timeout, CompletableFuture<CommandResult> result) {
    }

    private record Read(int maxBytes, CompletableFuture<FileRead> result) {
    }

    private final HostAccess host;
    private final ConcurrentMap<List<String>, Run> runs = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Read> reads = new ConcurrentHashMap<>();

    public SharedHostAccess(HostAccess host) {
        this.host = host;
    }

    @Override
    public CommandResult exec(List<String> argv, Duration timeout) {
        List<String> key = List.copyOf(argv);
        while (true) {
            Run mine = new Run(timeout, new CompletableFuture<>());
            Run seen = runs.putIfAbsent(key, mine);
            if (seen == null) {
                return complete(mine.result(), () -> host.exec(key, timeout));
            }
            CommandResult r = seen.result().join();
            if (!(r.timedOut() && timeout.compareTo(seen.timeout()) > 0)) {
                return r;
            }
            // it ran out of a shorter time than this caller allows: run it again, once, for everyone after
            if (runs.replace(key, seen, mine)) {
                return complete(mine.result(), () -> host.exec(key, timeout));
            }
        }
    }

    /**
     * The first read of a path answers a later one with another limit when it would be the same:
     * the whole file within the new limit, or the file missing or denied. Otherwise that later read
     * goes to the host.
     */
    @Override
    public FileRead read(String path, int maxBytes) {
        Read mine = new Read(maxBytes, new CompletableFuture<>());
        Read seen = reads.putIfAbsent(path, mine);
        if (seen == null) {
            return complete(mine.result(), () -> host.read(path, maxBytes));
        }
        FileRead r = seen.result().join();
        boolean same = seen.maxBytes() == maxBytes || !r.ok()
                || (!r.truncated() && r.content().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= maxBytes);
        return same ? r : host.read(path, maxBytes);
    }

    private static <T> T complete(CompletableFuture<T> f, java.util.function.Supplier<T> work) {
        try {
            T v = work.get();
            f.complete(v);
            return v;
        } catch (RuntimeException | Error e) {
            f.completeExceptionally(e);
            throw e;
        }
    }

    @Override
    public String describe() {
        return host.describe();
    }

    @Override
    public Optional<FileEntry> stat(String path) {
        return host.stat(path);
    }

    @Override
    public List<FileEntry> list(String dir) {
        return host.list(dir);
    }

    @Override
    public boolean privileged() {
        return host.privileged();
    }

    @Override
    public boolean hasCommand(String name) {
        return host.hasCommand(name);
    }

    @Override
    public boolean concurrent() {
        return host.concurrent();
    }

    @Override
    public void close() {
        host.close();
    }
}
