package jp.akashi.probes.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** {@link HostAccess} for the machine the JVM runs on. */
public final class LocalHostAccess implements HostAccess {

    /** Output beyond this is dropped (the command keeps running to its end or its timeout). */
    static final int MAX_OUTPUT = 16 * 1024 * 1024;

    /** sbin directories are often missing from a service account's PATH but hold the tools we need. */
    private static final List<String> EXTRA_PATH = List.of("/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/local/bin", "/usr/bin", "/bin");

    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");

    private final Path root;

    public LocalHostAccess() {
        this(Path.of("/"));
    }

    /**
     * @param root a directory that stands in for {@code /} for file reads (tests point it at a
     *             fixture tree); commands always run on the real host
     */
    public LocalHostAccess(Path root) {
        this.root = root;
    }

    @Override
    public String describe() {
        return "local";
    }

    /** Each call is its own process or file read; nothing is shared between calls. */
    @Override
    public boolean concurrent() {
        return true;
    }

    @Override
    public CommandResult exec(List<String> argv, Duration timeout) {
        String shown = String.join(" ", argv);
        long start = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(argv);
        // Locale-independent output: parsers read the C locale's messages and number formats.
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("LANG", "C");
        pb.environment().put("PATH", searchPath());
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            String problem = msg.contains("error=2") ? "not found" : "could not start (" + msg + ")";
            return new CommandResult(shown, -1, "", "", false, since(start), problem);
        }
        try {
            p.getOutputStream().close();
        } catch (IOException ignored) {
            // stdin closed early on purpose: commands must never wait for input
        }
        CompletableFuture<byte[]> out = drain(p.getInputStream());
        CompletableFuture<byte[]> err = drain(p.getErrorStream());
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            return new CommandResult(shown, -1, text(out), text(err), true, since(start), null);
        }
        return new CommandResult(shown, p.exitValue(), text(out), text(err), false, since(start), null);
    }

    private static String searchPath() {
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(java.io.File.pathSeparator)));
        }
        if (!WINDOWS) {
            dirs.addAll(EXTRA_PATH);
        }
        dirs.remove("");
        return String.join(java.io.File.pathSeparator, dirs);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                byte[] chunk = new byte[8192];
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    if (buf.size() < MAX_OUTPUT) {
                        buf.write(chunk, 0, Math.min(n, MAX_OUTPUT - buf.size()));
                    }
                }
                f.complete(buf.toByteArray());
            } catch (IOException e) {
                f.complete(new byte[0]);
            }
        }, "akashi-exec-drain");
        t.setDaemon(true);
        t.start();
        return f;
    }

    private static String text(CompletableFuture<byte[]> f) {
        try {
            return new String(f.get(2, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        } catch (Exception e) {
            // A killed process's grandchildren may still hold the pipe open: give up on the rest.
            return "";
        }
    }

    private Path resolve(String path) {
        if (root.toString().equals("/")) {
            return Path.of(path);
        }
        String rel = path.startsWith("/") ? path.substring(1) : path;
        return root.resolve(rel);
    }

    @Override
    public FileRead read(String path, int maxBytes) {
        return FileRead.of(resolve(path), path, maxBytes);
    }

    @Override
    public Optional<FileEntry> stat(String path) {
        Path p = resolve(path);
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return Optional.of(entry(path, p, a));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static FileEntry entry(String shownPath, Path p, BasicFileAttributes a) {
        Path name = p.getFileName();
        return new FileEntry(shownPath, name == null ? "/" : name.toString(), a.size(),
                a.lastModifiedTime().toInstant(), a.isDirectory(), Files.isReadable(p));
    }

    @Override
    public List<FileEntry> list(String dir) {
        Path d = resolve(dir);
        List<FileEntry> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(d)) {
            s.forEach(p -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    String shown = (dir.endsWith("/") ? dir : dir + "/") + p.getFileName();
                    out.add(entry(shown, p, a));
                } catch (IOException e) {
                    // vanished between list and stat (log rotation): skip it
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    @Override
    public boolean privileged() {
        if (WINDOWS) {
            // elevated tokens carry the High (S-1-16-12288) or System (S-1-16-16384) integrity level SID,
            // whatever the display language
            CommandResult r = exec(List.of("whoami", "/groups", "/fo", "csv", "/nh"), Duration.ofSeconds(10));
            return r.succeeded() && (r.stdout().contains("S-1-16-12288") || r.stdout().contains("S-1-16-16384"));
        }
        // /proc/self belongs to the process's effective uid
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    @Override
    public boolean hasCommand(String name) {
        for (String dir : searchPath().split(java.io.File.pathSeparator)) {
            for (String candidate : WINDOWS ? List.of(name, name + ".exe", name + ".cmd") : List.of(name)) {
                Path p = Path.of(dir, candidate);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return true;
                }
            }
        }
        return false;
    }
}
