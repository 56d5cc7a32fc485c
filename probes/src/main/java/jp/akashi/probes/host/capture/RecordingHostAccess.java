package jp.akashi.probes.host.capture;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.FileEntry;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;

/**
 * Passes every call through to a real host and keeps what came back, for {@link #capture}.
 * Password hashes never enter a capture: the hash field of shadow files is replaced by what the
 * probes need to know of it (empty, locked, or set).
 */
public final class RecordingHostAccess implements HostAccess {
    private final HostAccess host;
    private final Instant started;
    private final List<HostCapture.Command> commands = new ArrayList<>();
    private final List<FileRead> files = new ArrayList<>();
    private final List<HostCapture.Stat> stats = new ArrayList<>();
    private final List<HostCapture.Listing> listings = new ArrayList<>();
    private final Map<String, Boolean> commandNames = new LinkedHashMap<>();

    public RecordingHostAccess(HostAccess host, Clock clock) {
        this.host = host;
        this.started = clock.instant();
    }

    /** What was recorded so far, as one capture of a host of {@code osFamily}. */
    public synchronized HostCapture capture(String osFamily) {
        return new HostCapture(HostCapture.FORMAT, started, osFamily, host.describe(), host.privileged(),
                List.copyOf(commands), List.copyOf(files), List.copyOf(stats), List.copyOf(listings), Map.copyOf(commandNames));
    }

    @Override
    public String describe() {
        return host.describe();
    }

    @Override
    public CommandResult exec(List<String> argv, Duration timeout) {
        CommandResult r = host.exec(argv, timeout);
        keep(commands, new HostCapture.Command(List.copyOf(argv), r.exitCode(), r.stdout(), r.stderr(), r.timedOut(), r.problem(),
                r.elapsed().toMillis()));
        return r;
    }

    @Override
    public FileRead read(String path, int maxBytes) {
        FileRead r = host.read(path, maxBytes);
        FileRead kept = r.ok() && Redaction.isShadowFile(path)
                ? FileRead.ok(path, Redaction.shadow(r.content()), r.truncated()) : r;
        keep(files, kept);
        return r;
    }

    @Override
    public Optional<FileEntry> stat(String path) {
        Optional<FileEntry> e = host.stat(path);
        keep(stats, new HostCapture.Stat(path, e.orElse(null)));
        return e;
    }

    @Override
    public List<FileEntry> list(String dir) {
        List<FileEntry> l = host.list(dir);
        keep(listings, new HostCapture.Listing(dir, List.copyOf(l)));
        return l;
    }

    private synchronized <T> void keep(List<T> list, T item) {
        list.add(item);
    }

    @Override
    public boolean privileged() {
        return host.privileged();
    }

    @Override
    public boolean hasCommand(String name) {
        boolean has = host.hasCommand(name);
        synchronized (this) {
            commandNames.put(name, has);
        }
        return has;
    }

    @Override
    public void close() {
        host.close();
    }
}
