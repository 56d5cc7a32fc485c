package jp.akashi.probes.host.ssh;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

import com.hierynomus.sshj.common.KeyDecryptionFailedException;

import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.FileEntry;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.common.SSHException;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordUtils;

/**
 * {@link HostAccess} over SSH (SSHJ), so the Linux probes run unchanged on a remote host.
 *
 * <p>Every command goes through the remote login shell as one string built by
 * {@link ShellQuoting} ({@code env LC_ALL=C}, each argument single-quoted, optionally behind
 * {@code sudo -n}); files are read with {@code head -c}, stats and listings come from GNU
 * {@code find -printf}. A command that outruns its timeout is sent SIGKILL and its channel closed.
 * Failures come back as results, never as exceptions, like {@link jp.akashi.probes.host.LocalHostAccess}.
 */
public final class SshHostAccess implements HostAccess {

    /** Output beyond this is dropped; the stream is still drained so the remote side never blocks. */
    static final int MAX_OUTPUT = 16 * 1024 * 1024;

    private static final Duration SHORT = Duration.ofSeconds(10);

    /** Probes at once over one connection, each command in its own channel. */
    public static final int SESSIONS = 3;

    /** A refused channel is asked for again this often (25 ms doubling: 1.6 s in all). */
    private static final int REFUSED_RETRIES = 6;

    /** The remote {@code timeout} fires this much after the local one, so a timeout reads as a timeout, not exit 137. */
    private static final Duration REMOTE_KILL_GRACE = Duration.ofMillis(500);

    private final SSHClient client;
    private final SshTarget target;
    private final SshSettings settings;
    private final String hostKeyFingerprint;
    private final String hostKeyType;
    private final String serverVersion;
    private final Map<String, Boolean> commands = new ConcurrentHashMap<>();
    private volatile Boolean privileged;
    private volatile boolean remoteKill;
    /** Channels open at once (sshd allows 10 per connection by default; probes run three at a time). */
    private final Semaphore sessions = new Semaphore(SESSIONS);
    /** Set once the server refused a further channel (a lower MaxSessions): one channel at a time from then on. */
    private volatile boolean oneAtATime;
    private final ReentrantLock single = new ReentrantLock();

    private SshHostAccess(SSHClient client, SshTarget target, SshSettings settings, HostKeyCheck check) {
        this.client = client;
        this.target = target;
        this.settings = settings;
        this.hostKeyFingerprint = check.seenFingerprint();
        this.hostKeyType = check.seenType();
        this.serverVersion = client.getTransport().getServerVersion();
    }

    /**
     * Connects, verifies the host key by {@code target.hostKeyPolicy()} before sending credentials,
     * and authenticates. Every step is bounded by {@code settings}.
     *
     * @throws SshConnectException with the failed step and a message an administrator can act on
     */
    public static SshHostAccess connect(SshTarget target, SshSettings settings) throws SshConnectException {
        HostKeyCheck check = HostKeyCheck.of(target.hostKeyPolicy());
        SSHClient client = new SSHClient(Config.INSTANCE);
        int protocolMs = (int) settings.protocolTimeout().toMillis();
        client.setConnectTimeout((int) settings.connectTimeout().toMillis());
        client.setTimeout(protocolMs); // the server banner is read with a plain socket timeout
        client.getTransport().setTimeoutMs(protocolMs);
        client.getConnection().setTimeoutMs(protocolMs);
        client.addHostKeyVerifier(check);
        String step = "connect";
        try {
            client.connect(target.host(), target.port());
            step = "authentication";
            authenticate(client, target.credentials());
            // From here on commands bound themselves; an idle socket must not kill the session.
            client.getSocket().setSoTimeout(0);
            SshHostAccess access = new SshHostAccess(client, target, settings, check);
            access.remoteKill = access.hasCommand("timeout");
            if (target.sudo()) {
                access.checkSudo();
            }
            return access;
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
            throw classify(e, step, target, settings, check);
        }
    }

    /** With sudo configured, every command depends on it: fail the connection clearly rather than every fact. */
    private void checkSudo() throws SshConnectException {
        Output o = run(List.of("true"), SHORT, 1024);
        if (!o.ok()) {
            close();
            String why = o.timedOut ? "timed out" : o.problem != null ? o.problem
                    : text(o.stderr).strip().lines().findFirst().orElse("exit " + o.exitCode);
            throw new SshConnectException(SshConnectException.Kind.SUDO_FAILED, "sudo -n does not work for "
                    + target.credentials().username() + " on " + target.host() + ":" + target.port() + ": " + why
                    + " (needs sudo installed and a NOPASSWD rule)", hostKeyFingerprint, null);
        }
    }

    private static void authenticate(SSHClient client, SshCredentials c) throws IOException {
        if (c.usesKey()) {
            KeyProvider key = client.loadKeys(c.privateKeyPem(), null,
                    c.passphrase() == null ? null : PasswordUtils.createOneOff(c.passphrase().toCharArray()));
            client.authPublickey(c.username(), key);
        } else {
            client.authPassword(c.username(), c.password());
        }
    }

    private static SshConnectException classify(Exception e, String step, SshTarget t, SshSettings s, HostKeyCheck check) {
        String where = t.host() + ":" + t.port();
        String seen = check.seenFingerprint();
        if (e instanceof SSHException sshe && sshe.getDisconnectReason() == DisconnectReason.HOST_KEY_NOT_VERIFIABLE) {
            String why = check.rejection() != null ? check.rejection() : "host key of " + where + " was not accepted";
            return new SshConnectException(SshConnectException.Kind.HOST_KEY_REJECTED, "refused " + where + ": " + why, seen, e);
        }
        if (has(e, UnknownHostException.class)) {
            return new SshConnectException(SshConnectException.Kind.UNREACHABLE, "unknown host " + t.host(), seen, e);
        }
        if (has(e, ConnectException.class) || has(e, NoRouteToHostException.class)) {
            return new SshConnectException(SshConnectException.Kind.UNREACHABLE, "cannot connect to " + where + ": " + rootMessage(e), seen, e);
        }
        if (has(e, SocketTimeoutException.class) || has(e, TimeoutException.class)) {
            boolean tcp = step.equals("connect") && seen == null && rootMessage(e).toLowerCase(java.util.Locale.ROOT).contains("connect timed out");
            String phase = step.equals("authentication") ? "authentication"
                    : tcp ? "TCP connect" : seen != null ? "key exchange" : "the SSH handshake (no server banner)";
            Duration limit = tcp ? s.connectTimeout() : s.protocolTimeout();
            return new SshConnectException(SshConnectException.Kind.TIMEOUT,
                    where + " did not answer in time during " + phase + " (limit " + limit.toMillis() + " ms)", seen, e);
        }
        if (has(e, KeyDecryptionFailedException.class)) {
            return new SshConnectException(SshConnectException.Kind.AUTH_FAILED, "private key for " + t.credentials().username()
                    + " cannot be decrypted (wrong or missing passphrase)", seen, e);
        }
        if (e instanceof UserAuthException) {
            return new SshConnectException(SshConnectException.Kind.AUTH_FAILED, "authentication as " + t.credentials().username()
                    + " with " + (t.credentials().usesKey() ? "private key" : "password") + " refused by " + where, seen, e);
        }
        if (step.equals("authentication")) {
            return new SshConnectException(SshConnectException.Kind.AUTH_FAILED, "cannot authenticate as " + t.credentials().username()
                    + " on " + where + ": " + rootMessage(e), seen, e);
        }
        return new SshConnectException(SshConnectException.Kind.PROTOCOL, "SSH with " + where + " failed: " + rootMessage(e), seen, e);
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    /** SHA256:… of the host key this session verified (pin it after a trust-on-first-use connection). */
    public String hostKeyFingerprint() {
        return hostKeyFingerprint;
    }

    public String hostKeyType() {
        return hostKeyType;
    }

    /** The server's identification string, e.g. {@code SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3}. */
    public String serverVersion() {
        return serverVersion;
    }

    public SshTarget target() {
        return target;
    }

    @Override
    public String describe() {
        return target.describe();
    }

    @Override
    public CommandResult exec(List<String> argv, Duration timeout) {
        Output o = run(argv, timeout, MAX_OUTPUT);
        return o.toResult(String.join(" ", argv));
    }

    @Override
    public FileRead read(String path, int maxBytes) {
        if (!path.startsWith("/")) {
            return FileRead.error(path, code("host.read_not_absolute", path), "path must be absolute");
        }
        Output o = run(RemoteFiles.readCommand(path, maxBytes), settings.fileTimeout(), maxBytes + 1);
        if (o.timedOut) {
            long s = settings.fileTimeout().toSeconds();
            return FileRead.error(path, code("host.read_timeout", path, s), "read timed out after " + s + " s");
        }
        if (o.problem != null) {
            return FileRead.error(path, code("fact.file_unreadable", path, o.problem), o.problem);
        }
        if (o.exitCode != 0) {
            return RemoteFiles.readFailure(path, o.exitCode, text(o.stderr));
        }
        boolean truncated = o.stdout.length > maxBytes;
        byte[] data = truncated ? Arrays.copyOf(o.stdout, maxBytes) : o.stdout;
        return FileRead.ok(path, new String(data, StandardCharsets.UTF_8), truncated);
    }

    @Override
    public Optional<FileEntry> stat(String path) {
        if (!path.startsWith("/")) {
            return Optional.empty();
        }
        Output o = run(RemoteFiles.statCommand(path), settings.fileTimeout(), 64 * 1024);
        return o.ok() ? RemoteFiles.parseStat(text(o.stdout), path) : Optional.empty();
    }

    @Override
    public List<FileEntry> list(String dir) {
        if (!dir.startsWith("/")) {
            return List.of();
        }
        Output o = run(RemoteFiles.listCommand(dir), settings.fileTimeout(), MAX_OUTPUT);
        // find exits 1 when some entry vanished or was unreadable yet still lists the rest
        return o.timedOut || o.problem != null ? List.of() : RemoteFiles.parseEntries(text(o.stdout), dir);
    }

    @Override
    public boolean privileged() {
        Boolean p = privileged;
        if (p == null) {
            Output o = run(List.of("id", "-u"), SHORT, 1024);
            p = o.ok() && text(o.stdout).strip().equals("0");
            privileged = p;
        }
        return p;
    }

    @Override
    public boolean hasCommand(String name) {
        if (!name.matches("[A-Za-z0-9_][A-Za-z0-9._+-]*")) {
            return false;
        }
        Boolean known = commands.get(name);
        if (known != null) {
            return known;
        }
        // outside computeIfAbsent: probes run at once, and a remote round trip must not hold the map's
        // lock for other names (two probes asking for the same new name both ask; the answers agree)
        // command -v is a shell builtin; run it in sh so PATH holds the extra sbin directories too
        Output o = run(List.of("sh", "-c", "command -v \"$1\"", "sh", name), SHORT, 4096);
        boolean found = o.ok() && !text(o.stdout).isBlank();
        if (!o.timedOut && o.problem == null) {
            commands.putIfAbsent(name, found);   // a failed channel or a timeout is no answer: asked again next time
        }
        return found;
    }

    @Override
    public void close() {
        closeQuietly(client);
    }

    private static void closeQuietly(SSHClient c) {
        try {
            c.disconnect();
        } catch (IOException | RuntimeException ignored) {
            // nothing left to do with a connection that will not close cleanly
        }
    }

    /**
     * Several probes at once, each command in its own channel of the one connection (a collection
     * is mostly waiting for the host). A server that refuses a further channel (MaxSessions lower
     * than {@link #SESSIONS}) gets one at a time from then on, and the refused command runs again.
     */
    @Override
    public boolean concurrent() {
        return true;
    }

    private Output run(List<String> argv, Duration timeout, int maxStdout) {
        try {
            sessions.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Output(-1, new byte[0], new byte[0], false, "interrupted", Duration.ZERO);
        }
        try {
            for (int attempt = 0; ; attempt++) {
                Output o;
                if (oneAtATime) {
                    single.lock();
                    try {
                        o = runInChannel(argv, timeout, maxStdout);
                    } finally {
                        single.unlock();
                    }
                } else {
                    o = runInChannel(argv, timeout, maxStdout);
                }
                if (!o.channelRefused() || attempt >= REFUSED_RETRIES) {
                    return o;
                }
                // the server may not have closed the previous channel yet: wait a little, one at a time
                oneAtATime = true;
                try {
                    Thread.sleep(25L << attempt);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return o;
                }
            }
        } finally {
            sessions.release();
        }
    }

    /** Runs one command in its own channel; bytes as they came, bounded to {@code maxStdout}. */
    private Output runInChannel(List<String> argv, Duration timeout, int maxStdout) {
        String line = ShellQuoting.commandLine(argv, target.sudo(), remoteKill ? timeout.plus(REMOTE_KILL_GRACE) : null);
        long start = System.nanoTime();
        Session session = null;
        Session.Command cmd = null;
        try {
            session = client.startSession();
            cmd = session.exec(line);
            cmd.getOutputStream().close(); // commands must never wait for input
            CompletableFuture<byte[]> out = drain(cmd.getInputStream(), maxStdout);
            CompletableFuture<byte[]> err = drain(cmd.getErrorStream(), 1024 * 1024);
            boolean finished = awaitClose(cmd, timeout);
            long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(finished ? 2 : 1);
            if (!finished) {
                kill(cmd);
                return new Output(-1, collected(out, drainDeadline), collected(err, drainDeadline), true, null, since(start));
            }
            byte[] stdout = collected(out, drainDeadline);
            byte[] stderr = collected(err, drainDeadline);
            Integer status = cmd.getExitStatus();
            if (status != null) {
                return new Output(status, stdout, stderr, false, null, since(start));
            }
            Signal sig = cmd.getExitSignal();
            return new Output(-1, stdout, stderr, false, sig != null ? "killed by signal " + sig : "no exit status from the server", since(start));
        } catch (IOException | RuntimeException e) {
            if (has(e, OpenFailException.class)) {
                return new Output(-1, new byte[0], new byte[0], false, "ssh channel refused (" + rootMessage(e) + ")", since(start));
            }
            return new Output(-1, new byte[0], new byte[0], false, "ssh channel failed (" + rootMessage(e) + ")", since(start));
        } finally {
            if (session != null) {
                try {
                    session.close();
                } catch (IOException | RuntimeException ignored) {
                    // channel already gone
                }
            }
        }
    }

    private static boolean awaitClose(Session.Command cmd, Duration timeout) throws IOException {
        try {
            cmd.join(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (net.schmizz.sshj.connection.ConnectionException e) {
            if (has(e, TimeoutException.class)) {
                return false;
            }
            throw e;
        }
    }

    private static void kill(Session.Command cmd) {
        try {
            cmd.signal(Signal.KILL);
        } catch (IOException | RuntimeException ignored) {
            // closing the channel below is the fallback
        }
        try {
            cmd.close();
        } catch (IOException | RuntimeException ignored) {
            // the server may already have dropped it
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream in, int max) {
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    if (buf.size() < max) {
                        buf.write(chunk, 0, Math.min(n, max - buf.size()));
                    }
                }
            } catch (IOException e) {
                // channel closed under us (timeout kill): keep what arrived
            }
            f.complete(buf.toByteArray());
        }, "akashi-ssh-drain");
        t.setDaemon(true);
        t.start();
        return f;
    }

    private static byte[] collected(CompletableFuture<byte[]> f, long deadlineNanos) {
        try {
            return f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            return new byte[0];
        }
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private record Output(int exitCode, byte[] stdout, byte[] stderr, boolean timedOut, String problem, Duration elapsed) {
        boolean ok() {
            return exitCode == 0 && !timedOut && problem == null;
        }

        /** The server would not open another channel (over its MaxSessions): nothing ran. */
        boolean channelRefused() {
            return problem != null && problem.startsWith("ssh channel refused");
        }

        CommandResult toResult(String shown) {
            return new CommandResult(shown, exitCode, text(stdout), text(stderr), timedOut, elapsed, problem);
        }
    }

    /** One SSHJ configuration for every connection: building it registers algorithms, which is slow. */
    private static final class Config {
        static final DefaultConfig INSTANCE = new DefaultConfig();
    }
}
