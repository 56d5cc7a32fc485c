package jp.akashi.probes.exposure;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.model.AssetIdentity;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.model.MessageCode;

/**
 * TCP connect scan: which ports of which addresses accept a connection, seen from one vantage
 * point. Bounded concurrency, one global rate limit, a connect timeout per attempt and sanity
 * limits on the size of a scan. Open ports are held only long enough to read a banner the
 * service sends by itself; nothing is ever sent. One {@link Report} per address.
 */
public final class PortScanner {
    public static final String PROBE_ID = "exposure.tcp";
    /** What the scan found; {@code exposure.scanned_from} is recorded besides these in every report. */
    private static final List<String> RESULT_KEYS = List.of("exposure.open_ports", "exposure.services", "exposure.ports_scanned",
            "exposure.closed_port_count", "exposure.filtered_port_count");
    public static final List<String> KEYS = List.of("exposure.open_ports", "exposure.services", "exposure.ports_scanned",
            "exposure.closed_port_count", "exposure.filtered_port_count", "exposure.scanned_from");

    private static final int BANNER_BYTES = 256;

    enum State { OPEN, CLOSED, FILTERED }

    private record Outcome(State state, String banner) {
    }

    private final Clock clock;

    public PortScanner(Clock clock) {
        this.clock = clock;
    }

    /**
     * Scans and returns one report per address, in target order.
     *
     * @throws IllegalArgumentException for malformed targets or ports, or a scan beyond the request's limits
     *                                  (nothing is scanned then)
     */
    public List<Report> scan(ScanRequest req, String source) {
        List<Integer> ports = PortList.parse(req.ports(), 65535);
        List<ScanTargets.Target> targets = ScanTargets.parse(req.targets(), req.maxAddresses());
        long probes = (long) targets.size() * ports.size();
        if (probes > req.maxProbes()) {
            throw new IllegalArgumentException(targets.size() + " addresses × " + ports.size() + " ports = " + probes
                    + " connections exceed the limit of " + req.maxProbes());
        }
        Instant started = clock.instant();
        Outcome[][] results = new Outcome[targets.size()][ports.size()];
        run(req, targets, ports, results);
        Instant finished = clock.instant();
        List<Report> reports = new ArrayList<>();
        for (int t = 0; t < targets.size(); t++) {
            reports.add(report(req, source, targets.get(t), ports, results[t], started, finished));
        }
        return reports;
    }

    /** Ports vary slowest, addresses fastest, so consecutive attempts go to different hosts. */
    private static void run(ScanRequest req, List<ScanTargets.Target> targets, List<Integer> ports, Outcome[][] results) {
        RateLimiter limiter = new RateLimiter(req.ratePerSecond());
        long total = (long) targets.size() * ports.size();
        AtomicLong cursor = new AtomicLong();
        AtomicInteger n = new AtomicInteger();
        int threads = (int) Math.min(req.concurrency(), Math.max(1, total));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, "akashi-portscan-" + n.incrementAndGet());
            th.setDaemon(true);
            return th;
        });
        for (int i = 0; i < threads; i++) {
            pool.execute(() -> {
                long k;
                while ((k = cursor.getAndIncrement()) < total) {
                    int t = (int) (k % targets.size());
                    int p = (int) (k / targets.size());
                    ScanTargets.Target target = targets.get(t);
                    if (target.address() == null) {
                        continue;
                    }
                    if (!limiter.acquire()) {
                        return;
                    }
                    results[t][p] = probe(new InetSocketAddress(target.address(), ports.get(p)), req);
                }
            });
        }
        pool.shutdown();
        try {
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                // every attempt is bounded by its timeouts; keep waiting
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static Outcome probe(InetSocketAddress where, ScanRequest req) {
        try (Socket s = new Socket()) {
            s.connect(where, (int) req.connectTimeout().toMillis());
            return new Outcome(State.OPEN, req.bannerTimeout().isZero() ? null : banner(s, (int) req.bannerTimeout().toMillis()));
        } catch (ConnectException e) {
            // RST: the host is up and nothing listens; "no route"/"unreachable" ICMP also land here
            return new Outcome(String.valueOf(e.getMessage()).toLowerCase().contains("refused") ? State.CLOSED : State.FILTERED, null);
        } catch (SocketTimeoutException e) {
            return new Outcome(State.FILTERED, null);
        } catch (IOException e) {
            return new Outcome(State.FILTERED, null);
        }
    }

    /** What the service says first (SSH, FTP, SMTP greet the client); null when it waits for us or sends binary. */
    private static String banner(Socket s, int timeoutMs) {
        try {
            s.setSoTimeout(timeoutMs);
            InputStream in = s.getInputStream();
            byte[] buf = new byte[BANNER_BYTES];
            int len = in.read(buf);
            return len <= 0 ? null : Banner.text(buf, len);
        } catch (IOException e) {
            return null;
        }
    }

    private Report report(ScanRequest req, String source, ScanTargets.Target target, List<Integer> ports, Outcome[] results,
                          Instant started, Instant finished) {
        FactSink out = new FactSink(clock).forProbe(PROBE_ID);
        String address = target.address() == null ? null : target.address().getHostAddress();
        String header = "scanned from " + req.scannedFrom() + " at " + started + " by a TCP connect scan of " + ports.size()
                + " ports (" + req.ports() + "), connect timeout " + req.connectTimeout().toMillis() + " ms";
        out.ok("exposure.scanned_from", req.scannedFrom(), Evidence.of("scan:tcp:" + target.label(), header));
        if (target.problem() != null) {
            for (String k : RESULT_KEYS) {
                // the only problem a target carries: its name did not resolve
                out.error(k, code("scan.unresolved", target.label()));
            }
        } else {
            record(out, header, "scan:tcp:" + address, ports, results);
        }
        boolean isName = target.address() != null && !target.label().equals(address);
        AssetIdentity id = new AssetIdentity(req.assetKind(), isName ? target.label() : null, null, null, null,
                address != null ? address : target.label(), null);
        return new Report(Report.SCHEMA_VERSION, UUID.randomUUID(), null, null, source, id, started, finished, out.facts());
    }

    private static void record(FactSink out, String header, String source, List<Integer> ports, Outcome[] results) {
        List<Long> open = new ArrayList<>();
        List<Object> services = new ArrayList<>();
        long closed = 0;
        long filtered = 0;
        long notScanned = 0;
        StringBuilder lines = new StringBuilder(header).append('\n');
        for (int p = 0; p < ports.size(); p++) {
            Outcome o = results[p];
            if (o == null) {
                notScanned++;
                continue;
            }
            switch (o.state()) {
                case OPEN -> {
                    int port = ports.get(p);
                    open.add((long) port);
                    Map<String, Object> svc = new LinkedHashMap<>();
                    svc.put("port", (long) port);
                    svc.put("protocol", "tcp");
                    svc.put("service", ServiceNames.tcp(port));
                    if (o.banner() != null) {
                        svc.put("banner", o.banner());
                    }
                    services.add(svc);
                    lines.append("open ").append(port).append('/').append(ServiceNames.tcp(port))
                            .append(o.banner() == null ? "" : " " + o.banner()).append('\n');
                }
                case CLOSED -> closed++;
                case FILTERED -> filtered++;
            }
        }
        lines.append("closed ").append(closed).append(", filtered ").append(filtered).append('\n');
        if (notScanned > 0) {
            MessageCode why = code("scan.interrupted", notScanned, ports.size());
            for (String k : RESULT_KEYS) {
                out.error(k, why, Evidence.of(source, lines.toString()));
            }
            return;
        }
        Evidence ev = Evidence.of(source, lines.toString());
        out.ok("exposure.open_ports", open, ev);
        out.ok("exposure.services", services, ev);
        out.ok("exposure.ports_scanned", (long) ports.size(), ev);
        out.ok("exposure.closed_port_count", closed, ev);
        out.ok("exposure.filtered_port_count", filtered, ev);
    }

    /** Pure decoding of a service's first bytes into one printable line. */
    static final class Banner {
        private Banner() {
        }

        static String text(byte[] buf, int len) {
            String s = new String(buf, 0, len, StandardCharsets.UTF_8);
            int nl = s.indexOf('\n');
            String line = (nl >= 0 ? s.substring(0, nl) : s).replace("\r", "");
            long printable = line.codePoints().filter(c -> !Character.isISOControl(c) && c != 0xFFFD).count();
            if (line.isEmpty() || printable < line.codePointCount(0, line.length()) * 0.9) {
                return null; // binary protocol (TLS alert, RDP, SMB …): no text banner
            }
            return line.codePoints().filter(c -> !Character.isISOControl(c))
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        }
    }
}
