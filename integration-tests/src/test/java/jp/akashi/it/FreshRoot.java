package jp.akashi.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A fresh minimal Debian system in a directory (unpacked from the debootstrap tree that
 * scripts/install-test-deps.sh makes once), in which commands run with {@code chroot} as on a
 * real host: its own dpkg database, maintainer scripts, {@code /opt}, {@code /etc} and
 * {@code /var}. {@code /proc} and {@code /dev} are mounted inside a private mount namespace
 * ({@code unshare -m}) that ends with the command, so nothing stays mounted on the test machine.
 * The network is the host's: the collector on localhost is reachable.
 */
final class FreshRoot implements AutoCloseable {
    static final Path ROOT_TAR = Path.of(System.getProperty("akashi.testRootTar", "/var/cache/akashi-test/debian-root.tar"));

    record Result(int exit, String out) {
    }

    final Path dir;

    private FreshRoot(Path dir) {
        this.dir = dir;
    }

    /** Whether this machine can run the package tests (root, unshare, chroot, the root tree). */
    static String unavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "needs root (chroot, mount namespaces, dpkg into a root tree)";
        }
        if (!Files.isRegularFile(ROOT_TAR)) {
            return ROOT_TAR + " is missing: run scripts/install-test-deps.sh";
        }
        return null;
    }

    static FreshRoot unpack(Path parent) throws IOException, InterruptedException {
        Path dir = parent.resolve("root");
        Files.createDirectories(dir);
        FreshRoot root = new FreshRoot(dir);
        Result r = host(List.of("tar", "--numeric-owner", "-xf", ROOT_TAR.toString(), "-C", dir.toString()), 300);
        if (r.exit() != 0) {
            throw new IllegalStateException("cannot unpack " + ROOT_TAR + ": " + r.out());
        }
        // every real host has these; debootstrap leaves them to the installer
        Files.writeString(dir.resolve("etc/hosts"), "127.0.0.1 localhost\n::1 localhost\n");
        Files.writeString(dir.resolve("etc/hostname"), "package-test\n");
        return root;
    }

    /** The file at an absolute path inside the root. */
    Path path(String absolute) {
        return dir.resolve(absolute.substring(1));
    }

    Result run(String... cmd) throws IOException, InterruptedException {
        return host(inRoot(Map.of(), List.of(cmd)), 600);
    }

    /** Starts a long-running command in the root; its output goes to {@code log} (a host path). */
    Process start(Path log, Map<String, String> env, List<String> cmd) throws IOException {
        return new ProcessBuilder(inRoot(env, cmd)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Runs a host command with proc and dev mounted in the root (e.g. rpm --root, which chroots itself). */
    Result withMounts(String... cmd) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of("unshare", "-m", "sh", "-c",
                "mount -t proc proc \"$0/proc\" && mount --rbind /dev \"$0/dev\" && shift && exec \"$@\"", dir.toString(), "-"));
        c.addAll(List.of(cmd));
        return host(c, 600);
    }

    private List<String> inRoot(Map<String, String> env, List<String> cmd) {
        List<String> c = new ArrayList<>(List.of("unshare", "-m", "sh", "-c",
                "mount -t proc proc \"$0/proc\" && mount --rbind /dev \"$0/dev\" && exec chroot \"$0\" \"$@\"", dir.toString(),
                "/usr/bin/env", "-i", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8"));
        env.forEach((k, v) -> c.add(k + "=" + v));
        c.addAll(cmd);
        return c;
    }

    static Result host(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("fresh-root", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", cmd));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Deletes the tree, unless something is still mounted below it (then it is left for inspection). */
    @Override
    public void close() throws IOException {
        String prefix = dir.toRealPath().toString() + "/";
        boolean mounted = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .map(l -> l.split(" ")[4]).anyMatch(m -> m.startsWith(prefix));
        if (mounted) {
            throw new IllegalStateException("something is still mounted under " + dir + "; not deleting it");
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
