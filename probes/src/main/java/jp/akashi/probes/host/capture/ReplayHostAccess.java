package jp.akashi.probes.host.capture;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.FileEntry;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;

/**
 * Answers from a {@link HostCapture}: the probes see the captured host as it was. What the
 * capture does not hold did not happen there, so it is answered as absent — a command "not
 * found", a file that does not exist — and a probe reports it as such rather than guessing.
 */
public final class ReplayHostAccess implements HostAccess {
    private final HostCapture capture;
    private final Map<List<String>, HostCapture.Command> commands = new HashMap<>();
    private final Map<String, FileRead> files = new HashMap<>();
    private final Map<String, HostCapture.Stat> stats = new HashMap<>();
    private final Map<String, List<FileEntry>> listings = new HashMap<>();

    public ReplayHostAccess(HostCapture capture) {
        this.capture = capture;
        // the first answer wins, as the probes saw it first
        capture.commands().forEach(c -> commands.putIfAbsent(c.argv(), c));
        capture.files().forEach(f -> files.putIfAbsent(f.path(), f));
        capture.stats().forEach(s -> stats.putIfAbsent(s.path(), s));
        capture.listings().forEach(l -> listings.putIfAbsent(l.dir(), l.entries()));
    }

    @Override
    public String describe() {
        return "capture of " + capture.host() + " at " + capture.capturedAt();
    }

    @Override
    public CommandResult exec(List<String> argv, Duration timeout) {
        String line = String.join(" ", argv);
        HostCapture.Command c = commands.get(argv);
        if (c == null) {
            return new CommandResult(line, 127, "", "", false, Duration.ZERO, "not found (not in the capture)");
        }
        return new CommandResult(line, c.exitCode(), c.stdout(), c.stderr(), c.timedOut(),
                c.elapsedMillis() == null ? Duration.ZERO : Duration.ofMillis(c.elapsedMillis()), c.problem());
    }

    @Override
    public FileRead read(String path, int maxBytes) {
        FileRead f = files.get(path);
        if (f == null) {
            return FileRead.notFound(path);
        }
        if (f.ok() && f.content().length() > maxBytes) {
            return FileRead.ok(path, f.content().substring(0, maxBytes), true);
        }
        return f;
    }

    @Override
    public Optional<FileEntry> stat(String path) {
        HostCapture.Stat s = stats.get(path);
        return s == null ? Optional.empty() : Optional.ofNullable(s.entry());
    }

    @Override
    public List<FileEntry> list(String dir) {
        return listings.getOrDefault(dir, List.of());
    }

    @Override
    public boolean privileged() {
        return capture.privileged();
    }

    @Override
    public boolean hasCommand(String name) {
        return capture.commandNames().getOrDefault(name, false);
    }
}
