package jp.akashi.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import jp.akashi.agent.transport.PinnedTrust;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.util.Json;

/**
 * Simulated agents posting ~200-fact reports to a running collector as fast as it takes them.
 * Bodies are prepared before the clock starts, so the figures measure the collector, not the
 * generator. Prints reports/s and latency percentiles.
 *
 * <pre>java -cp akashi-bench.jar jp.akashi.bench.IngestBench URL FINGERPRINT ADMIN_PASSWORD [agents] [reports] [concurrency]</pre>
 */
public final class IngestBench {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        String fp = args[1].isEmpty() ? null : args[1];
        String password = args[2];
        int agents = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        int total = args.length > 4 ? Integer.parseInt(args[4]) : 20_000;
        int concurrency = args.length > 5 ? Integer.parseInt(args[5]) : 16;
        long collectorPid = args.length > 6 ? Long.parseLong(args[6]) : -1;

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(new PinnedTrust(fp).sslContext()).connectTimeout(Duration.ofSeconds(10)).build();
        String admin = post(http, url + "/api/v1/auth/login", null, Map.of("username", "admin", "password", password)).get("token").asText();
        String enroll = post(http, url + "/api/v1/enrollment-tokens", admin, Map.of("maxUses", agents)).get("token").asText();
        String[][] creds = new String[agents][];
        for (int i = 0; i < agents; i++) {
            JsonNode e = post(http, url + "/api/v1/enroll", null, Map.of("token", enroll, "name", "bench-" + i));
            creds[i] = new String[]{e.get("agentId").asText(), e.get("credential").asText()};
        }
        System.out.printf("enrolled %d simulated agents; preparing %d reports%n", agents, total);
        Random rnd = new Random(42);
        List<Object[]> bodies = new ArrayList<>(total);
        long rawBytes = 0;
        long gzBytes = 0;
        int facts = 0;
        for (int i = 0; i < total; i++) {
            int a = i % agents;
            Report r = SyntheticReports.report(creds[a][0], a, i / agents, rnd);
            byte[] json = withAgentHealth(r, rnd);
            byte[] gz = gzip(json);
            rawBytes += json.length;
            gzBytes += gz.length;
            facts = r.facts().size();
            bodies.add(new Object[]{creds[a][1], gz});
        }
        System.out.printf("report: %d facts, %d bytes JSON, %d bytes gzip (average)%n", facts, rawBytes / total, gzBytes / total);

        // warm-up, not measured: until the JIT has compiled the hot paths (on 2 cores that takes
        // some 5,000 reports); a long-running collector spends its life past this point
        int warm = Math.max(1, Math.min(5000, total / 4));
        long w0 = System.nanoTime();
        run(http, url, bodies.subList(0, warm), concurrency);
        System.out.printf("warm-up: %d reports at %.0f reports/s (JIT compiling)%n", warm, warm / ((System.nanoTime() - w0) / 1e9));
        long cpu0 = CpuTime.ofProcess(collectorPid);
        long jit0 = CpuTime.ofCompilerThreads(collectorPid);
        long own0 = CpuTime.ofProcess(ProcessHandle.current().pid());
        long t0 = System.nanoTime();
        long[] lat = run(http, url, bodies.subList(warm, total), concurrency);
        double secs = (System.nanoTime() - t0) / 1e9;
        long cpuMillis = CpuTime.ofProcess(collectorPid) - cpu0;
        long jitMillis = CpuTime.ofCompilerThreads(collectorPid) - jit0;
        long ownMillis = CpuTime.ofProcess(ProcessHandle.current().pid()) - own0;
        Arrays.sort(lat);
        int n = lat.length;
        System.out.printf("ingest: %d reports in %.1f s = %.0f reports/s (%d concurrent clients)%n", n, secs, n / secs, concurrency);
        if (collectorPid > 0) {
            System.out.printf("collector CPU: %.2f ms per report (%.0f reports/s per fully used core; the machine's load: %s)%n",
                    cpuMillis / (double) n, n / (cpuMillis / 1000.0), CpuTime.loadAverage());
            if (jit0 >= 0 && jitMillis >= 0) {
                // a short run is still compiling (a collector that runs for days is not): show both
                System.out.printf("of which JIT compiler threads: %.2f ms per report; without them: %.2f ms per report%n",
                        jitMillis / (double) n, (cpuMillis - jitMillis) / (double) n);
            }
            // on this machine the simulated agents share the collector's cores; say how much they took
            System.out.printf("cores used: collector %.2f, load generator %.2f (of %d)%n", cpuMillis / 1000.0 / secs,
                    ownMillis / 1000.0 / secs, Runtime.getRuntime().availableProcessors());
        }
        System.out.printf("latency: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                lat[n / 2] / 1e6, lat[(int) (n * 0.9)] / 1e6, lat[(int) (n * 0.99)] / 1e6, lat[n - 1] / 1e6);
        if (collectorPid > 0) {
            // the evaluator works beside ingest and may still have queued assets: count its tail too
            long tail0 = System.nanoTime();
            long before = CpuTime.ofProcess(collectorPid);
            while (true) {
                Thread.sleep(250);
                long now = CpuTime.ofProcess(collectorPid);
                if (now - before < 10 || System.nanoTime() - tail0 > 60_000_000_000L) {
                    break;
                }
                before = now;
            }
            long allCpu = CpuTime.ofProcess(collectorPid) - cpu0;
            System.out.printf("evaluation caught up %.1f s after the last report; collector CPU including it: %.2f ms per report%n",
                    Math.max(0, (System.nanoTime() - tail0) / 1e9 - 0.25), allCpu / (double) n);
        }
    }

    /** The report's body as a real agent sends it: with its {@code agentHealth} (docs/INGEST.md). */
    static byte[] withAgentHealth(Report r, Random rnd) throws java.io.IOException {
        com.fasterxml.jackson.databind.node.ObjectNode body = Json.mapper().valueToTree(r);
        com.fasterxml.jackson.databind.node.ObjectNode health = body.putObject("agentHealth");
        com.fasterxml.jackson.databind.node.ObjectNode rt = health.putObject("runtime");
        rt.put("javaVersion", "17.0.13");
        rt.put("javaVendor", "Eclipse Adoptium");
        rt.put("bundled", true);
        health.put("peakRssBytes", 58_000_000L + rnd.nextInt(4_000_000));
        health.put("peakRssSource", "VmHWM");
        health.put("spoolPending", 0);
        return Json.mapper().writeValueAsBytes(body);
    }

    private static long[] run(HttpClient http, String url, List<Object[]> bodies, int concurrency) throws InterruptedException {
        ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < bodies.size(); i++) {
            queue.add(i);
        }
        long[] lat = new long[bodies.size()];
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        URI target = URI.create(url + "/api/v1/reports");
        for (int c = 0; c < concurrency; c++) {
            pool.submit(() -> {
                Integer i;
                while ((i = queue.poll()) != null) {
                    Object[] b = bodies.get(i);
                    long s = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(target)
                                .header("Authorization", "Bearer " + b[0]).header("Content-Type", "application/json")
                                .header("Content-Encoding", "gzip")
                                .POST(HttpRequest.BodyPublishers.ofByteArray((byte[]) b[1])).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 201) {
                            if (failures.incrementAndGet() < 5) {
                                System.err.println("HTTP " + r.statusCode() + ": " + r.body());
                            }
                        }
                    } catch (IOException | InterruptedException e) {
                        failures.incrementAndGet();
                    }
                    lat[i] = System.nanoTime() - s;
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        if (failures.get() > 0) {
            System.err.println(failures.get() + " requests failed");
        }
        return lat;
    }

    static JsonNode post(HttpClient http, String url, String bearer, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body)));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(url + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return Json.mapper().readTree(r.body());
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(data);
        }
        return bos.toByteArray();
    }
}
