package jp.akashi.probes.host;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@link HostAccess} for a root file system that is not running: a mounted VM image, a container
 * layer, a restored backup. Only files are read, and always inside the root: absolute symbolic
 * links are resolved against the image (an image's {@code /etc/localtime -> /usr/share/zoneinfo/…}
 * names the image's file, never the collecting machine's), and {@code ..} stops at the root.
 *
 * <p>Nothing of the image is executed, and what only a running system has ({@code /proc},
 * {@code /sys}, {@code /run}, {@code /dev}, commands) answers with an error whose problem starts
 * with {@link #OFFLINE}; the probes turn that into error facts, and {@link OfflineFacts} marks
 * those facts unsupported. Every such use is recorded for the probe that made it.
 */
public final class ImageHostAccess implements HostAccess {

    /** Prefix of every refusal, so that facts made from it can be told apart. */
    public static final String OFFLINE = "offline image";

    private static final List<String> LIVE_ONLY = List.of("/proc", "/sys", "/run", "/dev");
    private static final List<String> PATH_DIRS = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");
    /** As the kernel's ELOOP limit: more links than this in one path is a loop. */
    private static final int MAX_LINKS = 40;

    private final Path root;
    private final Map<String, String> liveUses = new LinkedHashMap<>();
    private String currentProbe = "";

    /** @param root the directory that stands for {@code /} of the image; it must exist */
    public ImageHostAccess(Path root) throws IOException {
        this.root = root.toRealPath();
        if (!Files.isDirectory(this.root)) {
            throw new IOException(root + " is not a directory");
        }
    }

    @Override
    public String describe() {
        return "image:" + root;
    }

    /** The probe whose reads follow (for {@link #liveUses()}). */
    public void beginProbe(String probeId) {
        currentProbe = probeId == null ? "" : probeId;
    }

    /** Per probe id, the first thing it asked for that only a running system has. */
    public Map<String, String> liveUses() {
        return Map.copyOf(liveUses);
    }

    private String refuse(String what) {
        liveUses.putIfAbsent(currentProbe, what);
        return OFFLINE + ": " + what + " needs the running system";
    }

    @Override
    public CommandResult exec(List<String> argv, Duration timeout) {
        String shown = String.join(" ", argv);
        return new CommandResult(shown, -1, "", "", false, Duration.ZERO, refuse("the command " + (argv.isEmpty() ? "" : argv.get(0))));
    }

    @Override
    public FileRead read(String path, int maxBytes) {
        if (liveOnly(path)) {
            return FileRead.error(path, code("host.read_offline", path), refuse(path));
        }
        Path p;
        try {
            p = resolve(path);
        } catch (IOException e) {
            return FileRead.error(path, code("fact.file_unreadable", path, e.getMessage()), e.getMessage());
        }
        if (p == null) {
            return FileRead.notFound(path);
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return FileRead.error(path, code("host.read_is_directory", path), "is a directory");
        }
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            // a FIFO or device node in an image would block or read the collecting machine's device
            return FileRead.error(path, code("host.read_not_regular", path), "not a regular file");
        }
        return FileRead.of(p, path, maxBytes, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public Optional<FileEntry> stat(String path) {
        if (liveOnly(path)) {
            refuse(path);
            return Optional.empty();
        }
        try {
            Path p = resolve(path);
            return p == null ? Optional.empty() : Optional.of(entry(path, p));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<FileEntry> list(String dir) {
        if (liveOnly(dir)) {
            refuse(dir);
            return List.of();
        }
        List<FileEntry> out = new ArrayList<>();
        try {
            Path d = resolve(dir);
            if (d == null || !Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                return List.of();
            }
            String base = dir.endsWith("/") ? dir : dir + "/";
            try (Stream<Path> s = Files.list(d)) {
                for (Path child : (Iterable<Path>) s::iterator) {
                    String shown = base + child.getFileName();
                    // an entry that is a link shows what it points to inside the image
                    try {
                        Path target = resolve(shown);
                        if (target != null) {
                            out.add(entry(shown, target));
                        }
                    } catch (IOException e) {
                        // a link loop or a dangling link is no entry to judge
                    }
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    private static FileEntry entry(String shownPath, Path real) throws IOException {
        BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String name = shownPath.endsWith("/") && shownPath.length() > 1 ? shownPath.substring(0, shownPath.length() - 1) : shownPath;
        int slash = name.lastIndexOf('/');
        return new FileEntry(shownPath, slash >= 0 && name.length() > 1 ? name.substring(slash + 1) : "/", a.size(),
                a.lastModifiedTime().toInstant(), a.isDirectory(), Files.isReadable(real));
    }

    /** The collecting process's rights decide what it can read of the image. */
    @Override
    public boolean privileged() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** Whether the image has the program installed (it is never run). */
    @Override
    public boolean hasCommand(String name) {
        if (name.contains("/")) {
            return false;
        }
        for (String dir : PATH_DIRS) {
            try {
                Path p = resolve(dir + "/" + name);
                if (p != null && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    return true;
                }
            } catch (IOException e) {
                // a link loop is not an installed program
            }
        }
        return false;
    }

    private static boolean liveOnly(String path) {
        String p = path.replace('\\', '/');
        return LIVE_ONLY.stream().anyMatch(l -> p.equals(l) || p.startsWith(l + "/"));
    }

    /**
     * The real path of an image path, every link followed inside the image; null when a part
     * does not exist.
     *
     * @throws IOException for a link loop
     */
    Path resolve(String path) throws IOException {
        Deque<String> todo = new ArrayDeque<>();
        push(todo, path);
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            Path here;
            try {
                here = join(done).resolve(part);
            } catch (java.nio.file.InvalidPathException e) {
                throw new IOException("not a valid path: " + path);
            }
            if (Files.isSymbolicLink(here)) {
                if (++links > MAX_LINKS) {
                    throw new IOException("too many levels of symbolic links: " + path);
                }
                String target = Files.readSymbolicLink(here).toString();
                if (target.startsWith("/")) {
                    done.clear();
                }
                push(todo, target);
                continue;
            }
            if (!Files.exists(here, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            done.add(part);
        }
        return join(done);
    }

    /** Puts the parts of {@code path} in front of what is still to do, in order. */
    private static void push(Deque<String> todo, String path) {
        String[] parts = path.replace('\\', '/').split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            todo.push(parts[i]);
        }
    }

    private Path join(List<String> parts) {
        Path p = root;
        for (String s : parts) {
            p = p.resolve(s);
        }
        return p;
    }
}
