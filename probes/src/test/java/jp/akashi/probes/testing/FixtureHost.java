package jp.akashi.probes.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.FileEntry;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;

/**
 * A {@link HostAccess} that answers from captured files and command outputs, so probes can be
 * tested on what real systems of each kind produce. Anything not registered does not exist
 * (files) or is not installed (commands).
 */
public final class FixtureHost implements HostAccess {
    private final Map<String, FileRead> files = new HashMap<>();
    private final Map<String, FileEntry> entries = new HashMap<>();
    private final Map<String, CommandResult> commands = new HashMap<>();
    private final Set<String> commandNames = new HashSet<>();
    private boolean privileged = true;
    private final List<String> executed = new ArrayList<>();

    /** Reads a classpath resource (fixture) as UTF-8. */
    public static String resource(String path) {
        try (InputStream in = FixtureHost.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("fixture not found: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FixtureHost file(String path, String content) {
        return file(path, content, Instant.parse("2026-11-01T00:00:00Z"));
    }

    public FixtureHost file(String path, String content, Instant modified) {
        files.put(path, FileRead.ok(path, content, false));
        String name = path.substring(path.lastIndexOf('/') + 1);
        entries.put(path, new FileEntry(path, name, content.getBytes(StandardCharsets.UTF_8).length, modified, false, true));
        return this;
    }

    /** A directory with its own modification time (others are implied by the files under them). */
    public FixtureHost directory(String path, Instant modified) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        entries.put(path, new FileEntry(path, name, 0, modified, true, true));
        return this;
    }

    /** Takes a file, directory or command line away again (a variant of a shared fixture). */
    public FixtureHost remove(String pathOrCommand) {
        files.remove(pathOrCommand);
        entries.remove(pathOrCommand);
        if (commands.remove(pathOrCommand) != null) {
            String name = pathOrCommand.split(" ")[0];
            if (commands.keySet().stream().noneMatch(c -> c.split(" ")[0].equals(name))) {
                commandNames.remove(name);
            }
        }
        return this;
    }

    /** A file that exists but cannot be read without root. */
    public FixtureHost deniedFile(String path) {
        files.put(path, FileRead.denied(path));
        String name = path.substring(path.lastIndexOf('/') + 1);
        entries.put(path, new FileEntry(path, name, 0, Instant.parse("2026-11-01T00:00:00Z"), false, false));
        return this;
    }

    /** Registers the output of a command line (arguments joined by single spaces). */
    public FixtureHost command(String argvLine, int exit, String stdout) {
        return command(argvLine, exit, stdout, "");
    }

    public FixtureHost command(String argvLine, int exit, String stdout, String stderr) {
        commands.put(argvLine, new CommandResult(argvLine, exit, stdout, stderr, false, Duration.ofMillis(1), null));
        commandNames.add(argvLine.split(" ")[0]);
        return this;
    }

    /** A command that hangs until its timeout. */
    public FixtureHost hangingCommand(String argvLine) {
        commands.put(argvLine, new CommandResult(argvLine, -1, "", "", true, Duration.ofSeconds(20), null));
        commandNames.add(argvLine.split(" ")[0]);
        return this;
    }

    public FixtureHost unprivileged() {
        this.privileged = false;
        return this;
    }

    /** Command lines the probe ran, in order (to assert, e.g., that no network refresh ran). */
    public List<String> executed() {
        return executed;
    }

    @Override
    public String describe() {
        return "fixture";
    }

    @Override
    public CommandResult exec(List<String> argv, Duration timeout) {
        String line = String.join(" ", argv);
        executed.add(line);
        CommandResult r = commands.get(line);
        if (r != null) {
            return r;
        }
        return new CommandResult(line, 127, "", "", false, Duration.ZERO, "not found");
    }

    @Override
    public FileRead read(String path, int maxBytes) {
        FileRead f = files.get(path);
        if (f == null) {
            return entries.containsKey(path) ? FileRead.error(path, "is a directory") : FileRead.notFound(path);
        }
        if (f.ok() && f.content().length() > maxBytes) {
            return FileRead.ok(path, f.content().substring(0, maxBytes), true);
        }
        return f;
    }

    @Override
    public Optional<FileEntry> stat(String path) {
        FileEntry e = entries.get(path);
        if (e != null) {
            return Optional.of(e);
        }
        String dir = path.endsWith("/") ? path : path + "/";
        boolean isDir = entries.keySet().stream().anyMatch(p -> p.startsWith(dir));
        return isDir ? Optional.of(new FileEntry(path, path.substring(path.lastIndexOf('/') + 1), 0,
                Instant.parse("2026-11-01T00:00:00Z"), true, true)) : Optional.empty();
    }

    @Override
    public List<FileEntry> list(String dir) {
        String prefix = dir.endsWith("/") ? dir : dir + "/";
        Map<String, FileEntry> children = new java.util.TreeMap<>();
        for (FileEntry e : entries.values()) {
            if (!e.path().startsWith(prefix)) {
                continue;
            }
            String rest = e.path().substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                children.put(rest, e);
            } else {
                String sub = rest.substring(0, slash);
                children.putIfAbsent(sub, new FileEntry(prefix + sub, sub, 0, e.modified(), true, true));
            }
        }
        return new ArrayList<>(children.values());
    }

    @Override
    public boolean privileged() {
        return privileged;
    }

    @Override
    public boolean hasCommand(String name) {
        return commandNames.contains(name);
    }
}
