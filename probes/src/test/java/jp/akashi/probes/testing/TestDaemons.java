package jp.akashi.probes.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Shared plumbing for tests that start real daemons on loopback: ports, commands, stopping by PID. */
public final class TestDaemons {
    public static final String INSTALL_HINT = "run scripts/install-test-deps.sh (installs openssh-server, snmpd and snmp)";

    private TestDaemons() {
    }

    /** Fails the test (not skips it) when a required program is missing. */
    public static void require(String program, String what) {
        if (!Files.isExecutable(Path.of(program))) {
            throw new AssertionError(what + " is not installed (" + program + " missing): " + INSTALL_HINT);
        }
    }

    /** A TCP or UDP port on 127.0.0.1 that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a helper command to completion (ssh-keygen, useradd …) and fails loudly on error. */
    public static String run(List<String> argv, Path dir) {
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().put("LC_ALL", "C");
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", argv));
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", argv) + " exited " + p.exitValue() + ": " + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits until something accepts TCP connections on 127.0.0.1:port, or the process died. */
    public static void awaitTcp(Process p, int port, Duration limit, Path log) {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (!p.isAlive()) {
                throw new AssertionError("daemon exited with " + p.exitValue() + ": " + readLog(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException e) {
                sleep(50);
            }
        }
        stop(p);
        throw new AssertionError("daemon did not listen on port " + port + " within " + limit + ": " + readLog(log));
    }

    /** Waits until the daemon's log contains {@code marker}. */
    public static void awaitLog(Process p, Path log, String marker, Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (readLog(log).contains(marker)) {
                return;
            }
            if (!p.isAlive()) {
                throw new AssertionError("daemon exited with " + p.exitValue() + ": " + readLog(log));
            }
            sleep(50);
        }
        stop(p);
        throw new AssertionError("daemon did not log '" + marker + "' within " + limit + ": " + readLog(log));
    }

    public static String readLog(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Stops the daemon by its PID (children first: per-connection processes), then waits for it. */
    public static void stop(Process p) {
        if (p == null) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Removes a temporary directory and everything in it (best effort). */
    public static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // cleanup of a temp dir is best effort
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
