package jp.akashi.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jdbi.v3.core.statement.PreparedBatch;

import jp.akashi.collector.answer.Answer;
import jp.akashi.collector.answer.AnswerStore;
import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.catalog.EvidenceType;
import jp.akashi.collector.catalog.Framework;
import jp.akashi.collector.catalog.FrameworkVersion;
import jp.akashi.collector.evaluate.CheckDefinition;
import jp.akashi.collector.evaluate.CheckLibraryProvider;
import jp.akashi.collector.evaluate.CriterionVerdict;
import jp.akashi.collector.evaluate.CriterionVerdictStore;
import jp.akashi.collector.evaluate.EvaluationService;
import jp.akashi.collector.evaluate.ScoreCalculator;
import jp.akashi.collector.evaluate.Verdict;
import jp.akashi.collector.exception.ExceptionService;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.Role;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.Ids;

/**
 * Response times of the web console with a large fleet and a year of history (goal: p95 under
 * 200 ms for dashboard and list pages). Seeds N assets through the ingest path (default 10,000),
 * adds a year of history directly in the database — a score per framework version and
 * application type for each of the last 365 days, check transitions (about ten per asset) and
 * criterion transitions spread over the year — plus answers (some expiring within 30 days) and
 * exceptions, then logs in through the login form and times each page over a number of
 * sequential requests with the session cookie.
 *
 * <pre>java -cp akashi-bench.jar jp.akashi.bench.WebBench [assets] [requests per page]</pre>
 * ({@code BENCH_PAGES=regex} in the environment: only the pages whose names match)
 */
public final class WebBench {
    static final ZoneId JST = ZoneId.of("Asia/Tokyo");
    static final String PASSWORD = "bench-password-123";
    static final int WARMUP = 5;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path dir = Files.createTempDirectory("akashi-web-bench-");
        int port = EvaluationBench.freePort();
        Random rnd = new Random(11);
        try (Fleet empty = Fleet.start(dir, port)) {
            System.out.printf("seeding %,d assets through the ingest path...%n", n);
            Fleet fleet = empty.seed(n, 0, rnd);
            EvaluationService eval = fleet.ctx.getBean(EvaluationService.class);
            eval.awaitIdle(Duration.ofMinutes(10));
            long t0 = System.nanoTime();
            History h = new History(fleet, rnd);
            h.scores();
            h.checkTransitions(10);
            h.criterionTransitions(30);
            h.answersAndExceptions();
            h.tasks(500);
            eval.awaitIdle(Duration.ofMinutes(5));
            System.out.printf("history added in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, h.counts());

            Client web = new Client("http://127.0.0.1:" + port);
            web.login("admin", PASSWORD);
            String past = LocalDate.now(JST).minusDays(100).toString();
            List<String> assets = fleet.ctx.getBean(Database.class).read(x -> x.createQuery(
                    "SELECT id FROM assets ORDER BY id LIMIT 50").mapTo(String.class).list());
            Map<String, List<String>> pages = new LinkedHashMap<>();
            pages.put("dashboard /", List.of("/"));
            pages.put("asset list, first page", List.of("/assets"));
            pages.put("asset list, middle page, OS filter", List.of("/assets?os=linux&page=" + (n / 100)));
            pages.put("asset list, search", List.of("/assets?q=host-0&page=2"));
            pages.put("asset page", assets.stream().map(a -> "/assets/" + a).toList());
            pages.put("framework METI", List.of("/frameworks/meti-scs"));
            pages.put("framework Kubota 必須 open", List.of("/frameworks/kubota?required=true&verdict=open"));
            pages.put("framework ISP renewal", List.of("/frameworks/jaipa-isp?application=renewal"));
            pages.put("framework METI at a past date", List.of("/frameworks/meti-scs?at=" + past));
            pages.put("criterion auto (failing assets)", List.of("/criteria/meti-scs:4-4-5-1"));
            pages.put("criterion manual graded", List.of("/criteria/jaipa-isp:3-1-7"));
            pages.put("checks", List.of("/checks"));
            pages.put("check results, middle page", List.of("/checks/av.installed?page=" + Math.max(1, n / 100)));
            pages.put("exceptions", List.of("/exceptions"));
            // the security team's daily pages (issue 19): the change feed, tasks, the audit log, snapshots, notifications
            pages.put("changes since yesterday", List.of("/changes"));
            pages.put("changes over 30 days", List.of("/changes?since=dates&from=" + LocalDate.now(JST).minusDays(30) + "&to=" + LocalDate.now(JST)));
            pages.put("tasks, mine", List.of("/tasks"));
            pages.put("tasks, all open", List.of("/tasks?view=open"));
            pages.put("audit log", List.of("/audit"));
            pages.put("snapshots", List.of("/snapshots"));
            pages.put("notifications", List.of("/notifications"));
            pages.put("report settings", List.of("/report-settings"));

            System.out.printf("%nweb console, %,d assets, %d requests per page after %d warm-up (sequential, one session), ms:%n",
                    n, requests, WARMUP);
            System.out.printf("%-38s %8s %8s %8s %8s %8s %8s%n", "page", "first", "p50", "p95", "max", "KiB", "cpu/req");
            // BENCH_PAGES=regex measures only the pages whose names match (for profiling one page)
            java.util.regex.Pattern only = java.util.regex.Pattern.compile(System.getenv().getOrDefault("BENCH_PAGES", ".*"));
            for (Map.Entry<String, List<String>> p : pages.entrySet()) {
                if (!only.matcher(p.getKey()).find()) {
                    continue;
                }
                web.measure(p.getKey(), p.getValue(), requests);
            }
            System.out.printf("load average: %s%n", loadAverage());
        }
        deleteTree(dir);
        // the server's request threads do not all end with the context; the figures are printed, so end here
        System.exit(0);
    }

    /** The 1, 5 and 15 minute load averages (the machine is shared; figures move with them), or "?" off Linux. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A year of history and some people's work, written straight into the database. */
    static final class History {
        final Fleet fleet;
        final Random rnd;
        final Database db;
        final Catalog catalog;
        final Map<String, Long> counts = new LinkedHashMap<>();
        final long now = System.currentTimeMillis();

        History(Fleet fleet, Random rnd) {
            this.fleet = fleet;
            this.rnd = rnd;
            this.db = fleet.ctx.getBean(Database.class);
            this.catalog = fleet.ctx.getBean(Catalog.class);
        }

        String counts() {
            return counts.toString();
        }

        /** One score per framework version and application type for each of the last 365 days, improving over the year. */
        void scores() {
            CriterionVerdictStore store = fleet.ctx.getBean(CriterionVerdictStore.class);
            LocalDate today = LocalDate.now(JST);
            long rows = 0;
            for (Framework f : catalog.frameworks()) {
                for (FrameworkVersion v : f.versions()) {
                    rows += db.write(h -> {
                        long written = 0;
                        for (int back = 365; back >= 1; back--) {
                            LocalDate day = today.minusDays(back);
                            Map<String, CriterionVerdict> verdicts = dayVerdicts(v, day, 0.2 + 0.6 * (365 - back) / 365.0);
                            long at = day.atTime(23, 50).atZone(JST).toInstant().toEpochMilli();
                            for (String app : ScoreCalculator.applications(v)) {
                                store.putScore(h, ScoreCalculator.score(v, app, verdicts), day.toString(), at);
                                written++;
                            }
                        }
                        return written;
                    });
                }
            }
            counts.put("score_history", rows);
        }

        /** Each criterion met with probability {@code share}, the same draw for the same day. */
        static Map<String, CriterionVerdict> dayVerdicts(FrameworkVersion v, LocalDate day, double share) {
            Map<String, CriterionVerdict> verdicts = new HashMap<>();
            Random dayRnd = new Random(day.toEpochDay());
            for (Criterion c : v.criteria()) {
                Verdict vd = dayRnd.nextDouble() < share ? Verdict.MET : Verdict.NOT_MET;
                verdicts.put(c.globalId(), new CriterionVerdict(c.globalId(), vd, List.of(), List.of(), null, null,
                        c.points() == null ? null : vd == Verdict.MET ? c.points() : 0));
            }
            return verdicts;
        }

        /** About {@code perAsset} status changes per asset, spread over the year, in past days only. */
        void checkTransitions(int perAsset) {
            List<String> assets = db.read(h -> h.createQuery("SELECT id FROM assets").mapTo(String.class).list());
            List<String> checks = fleet.ctx.getBean(CheckLibraryProvider.class).get().checks().stream().map(CheckDefinition::id).toList();
            long total = 0;
            for (int i = 0; i < assets.size(); i += 500) {
                List<String> part = assets.subList(i, Math.min(assets.size(), i + 500));
                total += db.write(h -> {
                    PreparedBatch b = h.prepareBatch("INSERT INTO check_transitions (id, asset_id, check_id, at, from_status, "
                            + "to_status, reason_ja) VALUES (:id, :a, :c, :at, :f, :t, :r)");
                    long rows = 0;
                    for (String a : part) {
                        for (int k = 0; k < perAsset; k++) {
                            boolean fails = rnd.nextBoolean();
                            b.bind("id", Ids.next()).bind("a", a).bind("c", checks.get(rnd.nextInt(checks.size())))
                                    .bind("at", pastInstant()).bind("f", fails ? "PASS" : "FAIL").bind("t", fails ? "FAIL" : "PASS")
                                    .bind("r", fails ? "過去の不適合（ベンチマーク用の履歴）" : "過去の適合（ベンチマーク用の履歴）").add();
                            rows++;
                        }
                    }
                    b.execute();
                    return rows;
                });
            }
            counts.put("check_transitions", total);
        }

        /** About {@code perCriterion} verdict changes per criterion over the year. */
        void criterionTransitions(int perCriterion) {
            List<String> ids = new ArrayList<>();
            catalog.frameworks().forEach(f -> f.versions().forEach(v -> v.criteria().forEach(c -> ids.add(c.globalId()))));
            long total = db.write(h -> {
                PreparedBatch b = h.prepareBatch("INSERT INTO criterion_transitions (id, criterion_id, at, from_verdict, to_verdict, "
                        + "reason) VALUES (:id, :c, :at, :f, :t, :r)");
                long rows = 0;
                for (String c : ids) {
                    long[] times = new long[perCriterion];
                    for (int k = 0; k < perCriterion; k++) {
                        times[k] = pastInstant();
                    }
                    Arrays.sort(times);
                    for (int k = 0; k < perCriterion; k++) {
                        boolean met = k % 2 == 1;
                        b.bind("id", Ids.next()).bind("c", c).bind("at", times[k]).bind("f", met ? "NOT_MET" : "MET")
                                .bind("t", met ? "MET" : "NOT_MET").bind("r", "ベンチマーク用の履歴").add();
                        rows++;
                    }
                }
                b.execute();
                return rows;
            });
            counts.put("criterion_transitions", total);
        }

        /** Answers to the manual criteria (a tenth of them valid for less than 30 more days) and a few exceptions. */
        void answersAndExceptions() {
            AnswerStore answers = fleet.ctx.getBean(AnswerStore.class);
            List<Criterion> manual = new ArrayList<>();
            catalog.frameworks().forEach(f -> f.latest().criteria().stream()
                    .filter(c -> c.evidence() == EvidenceType.MANUAL && c.scoring() == null).forEach(manual::add));
            long day = Duration.ofDays(1).toMillis();
            long written = db.write(h -> {
                long rows = 0;
                for (int i = 0; i < manual.size(); i += 2) {
                    Criterion c = manual.get(i);
                    long answeredAt = now - (i % 10 == 0 ? 340 : 30) * day;
                    answers.insert(h, new Answer(Ids.next(), c.globalId(), Answer.MET, null, null, "規程を確認済み（ベンチマーク）",
                            "bench", answeredAt, answeredAt + 365 * day, null, List.of(), c.version()));
                    rows++;
                }
                return rows;
            });
            counts.put("answers", written);
            ExceptionService exceptions = fleet.ctx.getBean(ExceptionService.class);
            Caller admin = new Caller(Caller.Kind.USER, "bench", "bench", Role.ADMIN, null, null);
            List<String> someAssets = db.read(h -> h.createQuery("SELECT id FROM assets ORDER BY id LIMIT 20").mapTo(String.class).list());
            Caller approver = new Caller(Caller.Kind.USER, "bench-approver", "bench-approver", Role.SECURITY, null, null);
            for (String check : List.of("av.installed", "firewall.host_enabled", "patch.auto_update")) {
                String id = exceptions.create(admin, new ExceptionService.NewException("check", check, someAssets,
                        "検証環境の端末（ベンチマーク）", now + 90 * day)).id();
                exceptions.approve(approver, id, "ベンチマーク");
            }
            // one request stays pending: the page shows its decision form
            exceptions.create(admin, new ExceptionService.NewException("criterion", "kubota:136", List.of(),
                    "代替の対策で運用（ベンチマーク）", now + 180 * day));
            counts.put("exceptions", 4L);
        }

        /** Open tasks owned by the admin on failing check results (the "my tasks" and "open" lists), a tenth overdue. */
        void tasks(int n) {
            jp.akashi.collector.task.TaskService tasks = fleet.ctx.getBean(jp.akashi.collector.task.TaskService.class);
            Caller admin = new Caller(Caller.Kind.USER, "admin", "admin", Role.ADMIN, null, null);
            List<String[]> failing = db.read(h -> h.createQuery("SELECT asset_id, check_id FROM check_results WHERE status = 'FAIL' "
                    + "ORDER BY asset_id, check_id LIMIT :n").bind("n", n).map((rs, ctx) -> new String[]{rs.getString(1), rs.getString(2)}).list());
            LocalDate today = LocalDate.now(JST);
            int i = 0;
            for (String[] f : failing) {
                String due = today.plusDays(i % 10 == 0 ? 0 : 1 + i % 30).toString();
                tasks.create(admin, new jp.akashi.collector.task.TaskService.NewTask("check", f[1], f[0], "admin", due, "ベンチマーク"));
                i++;
            }
            counts.put("tasks", (long) i);
        }

        /** A random instant in the last 365 days before today (Japan time). */
        long pastInstant() {
            long start = LocalDate.now(JST).minusDays(365).atStartOfDay(JST).toInstant().toEpochMilli();
            long end = LocalDate.now(JST).atStartOfDay(JST).toInstant().toEpochMilli();
            return start + (long) (rnd.nextDouble() * (end - start));
        }
    }

    /** A browser-like client: one session cookie, the login form with its CSRF token. */
    static final class Client {
        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"");
        final String base;
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        Client(String base) {
            this.base = base;
        }

        void login(String user, String password) throws Exception {
            String form = get("/login").body();
            Matcher m = CSRF.matcher(form);
            if (!m.find()) {
                throw new IllegalStateException("no CSRF token on the login page");
            }
            String body = "_csrf=" + enc(m.group(1)) + "&username=" + enc(user) + "&password=" + enc(password);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 303) {
                throw new IllegalStateException("login failed: " + r.statusCode());
            }
        }

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        void measure(String name, List<String> paths, int requests) throws Exception {
            long first = 0;
            long bytes = 0;
            double[] ms = new double[requests];
            long cpu0 = 0;
            for (int i = -WARMUP; i < requests; i++) {
                if (i == 0) {
                    cpu0 = requestThreadsCpuNanos();
                }
                String path = paths.get(Math.floorMod(i, paths.size()));
                long t0 = System.nanoTime();
                HttpResponse<String> r = get(path);
                long took = System.nanoTime() - t0;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
                }
                if (i == -WARMUP) {
                    first = took;
                }
                if (i >= 0) {
                    ms[i] = took / 1e6;
                    bytes = r.body().getBytes(StandardCharsets.UTF_8).length;
                }
            }
            double cpuPerRequest = (requestThreadsCpuNanos() - cpu0) / 1e6 / requests;
            Arrays.sort(ms);
            System.out.printf("%-38s %8.1f %8.1f %8.1f %8.1f %8d %8.1f%n", name, first / 1e6, percentile(ms, 50), percentile(ms, 95),
                    ms[ms.length - 1], bytes / 1024, cpuPerRequest);
        }

        /**
         * CPU time of the collector's request threads (the I/O executor and Netty's event loops).
         * On a shared machine a page's wall-clock figures move with the load; its CPU per request
         * much less, so A/B runs compare that. The JIT compiler's and the client's threads are left out.
         */
        static long requestThreadsCpuNanos() {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long sum = 0;
            for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (t != null && (t.getThreadName().startsWith("io-executor") || t.getThreadName().contains("eventLoop"))) {
                    sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
                }
            }
            return sum;
        }

        static double percentile(double[] sorted, int p) {
            int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
        }

        static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
