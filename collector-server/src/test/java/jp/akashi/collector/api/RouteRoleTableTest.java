package jp.akashi.collector.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import io.micronaut.http.MediaType;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.enroll.EnrollmentService;
import jp.akashi.collector.security.AuthService;
import jp.akashi.collector.testing.TestCollector;

/**
 * Every route of the running collector (from Micronaut's {@link Router}, not a list kept here),
 * called by every kind of caller, against the one table {@code route-roles.tsv} that says who may
 * call it. A route without a row, a row without a route, and a caller let in or kept out against
 * the table all fail. "Kept out" means the access rule refused the call: the collector marks
 * those refusals (401, 403, or the redirect to the login page) with the {@value #REFUSAL} header,
 * so they cannot be confused with a handler's own 400, 403 or 404 to the made-up path values and
 * empty bodies sent here.
 */
class RouteRoleTableTest {
    enum Kind { ANONYMOUS, AGENT, AUDITOR, SECURITY, ADMIN }

    static final String REFUSAL = "X-Akashi-Refusal";

    static TestCollector c;
    static final Map<Kind, String> tokens = new EnumMap<>(Kind.class);
    static String agentId;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.targets.scheduler-enabled", false));
        tokens.put(Kind.ADMIN, c.adminToken());
        tokens.put(Kind.SECURITY, c.userToken("route-security", "security"));
        tokens.put(Kind.AUDITOR, c.userToken("route-auditor", "auditor"));
        String[] agent = c.enrollAgent();
        agentId = agent[0];
        tokens.put(Kind.AGENT, agent[1]);
    }

    @AfterAll
    static void stop() throws Exception {
        if (c != null) {
            c.close();
        }
    }

    /** The table: "METHOD path" → who may call it. */
    static Map<String, Set<Kind>> table() throws IOException {
        Map<String, Set<Kind>> rows = new TreeMap<>();
        try (InputStream in = RouteRoleTableTest.class.getResourceAsStream("/route-roles.tsv")) {
            assertThat(in).as("route-roles.tsv in the test resources").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.strip().split("\t+");
                assertThat(f).as("row: " + line).hasSize(3);
                Set<Kind> who = EnumSet.noneOf(Kind.class);
                if (!f[2].equals("none")) {
                    for (String k : f[2].split(",")) {
                        who.add(Kind.valueOf(k.strip().toUpperCase(Locale.ROOT)));
                    }
                }
                assertThat(rows.put(f[0] + " " + f[1], who)).as("duplicate row " + line).isNull();
            }
        }
        return rows;
    }

    static Map<String, UriRouteInfo<?, ?>> routes() {
        Map<String, UriRouteInfo<?, ?>> routes = new TreeMap<>();
        c.bean(Router.class).uriRoutes().forEach(r -> {
            UriRouteInfo<?, ?> info = r;
            if (!"HEAD".equals(info.getHttpMethodName())) {
                routes.put(info.getHttpMethodName() + " " + info.getUriMatchTemplate().toPathString(), info);
            }
        });
        return routes;
    }

    @Test
    void everyRouteHasARowAndEveryRowARoute() throws IOException {
        Set<String> routes = routes().keySet();
        Set<String> rows = table().keySet();
        Set<String> missing = new TreeSet<>(routes);
        missing.removeAll(rows);
        Set<String> stale = new TreeSet<>(rows);
        stale.removeAll(routes);
        assertThat(missing).as("routes without a row in route-roles.tsv (add one: method, path, who may call it)").isEmpty();
        assertThat(stale).as("rows in route-roles.tsv for routes that do not exist").isEmpty();
    }

    @Test
    void everyCallerGetsWhatTheTableSays() throws IOException {
        Map<String, Set<Kind>> table = table();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, UriRouteInfo<?, ?>> e : routes().entrySet()) {
            Set<Kind> allowed = table.get(e.getKey());
            if (allowed == null) {
                continue; // reported by the other test
            }
            for (Kind k : Kind.values()) {
                TestCollector.Response r = call(e.getValue(), k);
                boolean letIn = !"access".equals(r.raw().headers().firstValue(REFUSAL).orElse(""));
                if (letIn != allowed.contains(k)) {
                    wrong.add(e.getKey() + " as " + k.name().toLowerCase(Locale.ROOT) + ": "
                            + (letIn ? "let in (" : "kept out (") + r.status() + ")"
                            + ", table says " + (allowed.contains(k) ? "allowed" : "refused"));
                }
                renewIfEnded(k);
            }
        }
        assertThat(wrong).as("routes whose access differs from route-roles.tsv").isEmpty();
    }

    /**
     * The generated API document ({@link OpenApiController#RESOURCE}, security from the routes'
     * {@code @Secured}) agrees with the table: an operation has no security requirement exactly
     * when anonymous callers may call it, and the roles it names as the bearer scheme's scopes
     * ("admin", "security", "auditor", "agent") are the table's.
     */
    @Test
    void theApiDocumentNamesTheSameRoles() throws IOException {
        Map<String, Set<Kind>> table = table();
        JsonNode doc = OpenApiDocumentTest.generated();
        List<String> wrong = new ArrayList<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
            String key = op.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey();
            if (!table.containsKey(key)) {
                return; // OpenApiDocumentTest compares the document's paths with the routes
            }
            JsonNode security = op.getValue().get("security");
            boolean openInDoc = security == null || security.isEmpty();
            boolean openInTable = table.get(key).contains(Kind.ANONYMOUS);
            if (openInDoc != openInTable) {
                wrong.add(key + ": the API document " + (openInDoc ? "has no" : "has a") + " security requirement, route-roles.tsv "
                        + (openInTable ? "lets anonymous callers in" : "does not"));
            }
            if (openInDoc || openInTable) {
                return;
            }
            Set<Kind> named = EnumSet.noneOf(Kind.class);
            security.forEach(req -> req.path("bearer").forEach(scope ->
                    named.add(Kind.valueOf(scope.asText().toUpperCase(Locale.ROOT)))));
            if (named.isEmpty()) {
                return; // any authenticated caller
            }
            Set<Kind> inTable = table.get(key).isEmpty() ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(table.get(key));
            if (!named.equals(inTable)) {
                wrong.add(key + ": the API document says " + named + ", route-roles.tsv " + inTable);
            }
        }));
        assertThat(wrong).isEmpty();
    }

    /**
     * The page table of docs/WEB-UI.md agrees with route-roles.tsv: for each row, the routes of its
     * "route" column may be opened by the roles of "who may open it", and the routes named in "who
     * may act on it" by the roles after their colon ("everyone" is every caller, "any logged-in
     * person" the three roles).
     */
    @Test
    void theConsoleDocumentNamesTheSameRoles() throws IOException {
        Map<String, Set<Kind>> table = table();
        Map<String, UriRouteInfo<?, ?>> routes = routes();
        List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("..", "docs", "WEB-UI.md"));
        Pattern rolesAfterColon = Pattern.compile(":\\s*((?:\\*\\*)?(?:admin|security|auditor)(?:\\*\\*)?"
                + "(?:,\\s*(?:\\*\\*)?(?:admin|security|auditor)(?:\\*\\*)?)*)");
        List<String> wrong = new ArrayList<>();
        int rows = 0;
        for (String line : lines) {
            String[] cols = line.split("(?<!\\\\)\\|");
            if (cols.length < 5 || !cols[2].contains("`")) {
                continue;
            }
            rows++;
            compare(wrong, table, routes, cols[2], who(cols[3]), line);
            Matcher m = rolesAfterColon.matcher(cols[4]);
            int from = 0;
            while (m.find()) {
                compare(wrong, table, routes, cols[4].substring(from, m.start()), who(m.group(1)), line);
                from = m.end();
            }
        }
        assertThat(rows).as("rows of the page table read from WEB-UI.md").isGreaterThan(20);
        assertThat(wrong).isEmpty();
    }

    private static Set<Kind> who(String text) {
        String t = text.replace("*", "").strip();
        if (t.equals("everyone")) {
            return EnumSet.allOf(Kind.class);
        }
        if (t.equals("any logged-in person")) {
            return EnumSet.of(Kind.AUDITOR, Kind.SECURITY, Kind.ADMIN);
        }
        Set<Kind> s = EnumSet.noneOf(Kind.class);
        for (String r : t.split(",\\s*")) {
            if (r.matches("admin|security|auditor")) {
                s.add(Kind.valueOf(r.toUpperCase(Locale.ROOT)));
            }
        }
        return s;
    }

    /** Checks every backticked route in {@code text} ("`GET /a`, `/b`, `GET/POST /c`") against the table. */
    private static void compare(List<String> wrong, Map<String, Set<Kind>> table, Map<String, UriRouteInfo<?, ?>> routes,
                                String text, Set<Kind> expected, String line) {
        if (expected.isEmpty()) {
            return;
        }
        Matcher item = Pattern.compile("`(?:((?:GET|POST|PATCH|DELETE)(?:/(?:GET|POST|PATCH|DELETE))*) )?(/[^`\\s]*)`").matcher(text);
        List<String> methods = List.of();
        String last = null; // the path of the previous item, for relative ones
        while (item.find()) {
            if (item.group(1) != null) {
                methods = List.of(item.group(1).split("/"));
            }
            String path = item.group(2).replaceAll("\\?.*", "");
            List<String> candidates = item.group(1) == null && last != null && path.indexOf('/', 1) < 0
                    // `/run` after `POST /targets/{id}` (a child), `/enable` after `POST /users/{id}/disable` (a sibling)
                    ? List.of(last + path, last.substring(0, last.lastIndexOf('/')) + path)
                    : List.of(path);
            String resolved = candidates.get(0);
            for (String method : methods) {
                String key = null;
                for (String candidate : candidates) {
                    if (key == null) {
                        key = route(routes, method, candidate);
                        resolved = key == null ? resolved : candidate;
                    }
                }
                if (key == null) {
                    wrong.add("WEB-UI.md names " + method + " " + path + ", which is no route: " + line);
                } else if (!table.get(key).equals(expected)) {
                    wrong.add(key + ": WEB-UI.md says " + expected + ", route-roles.tsv " + table.get(key));
                }
            }
            last = resolved;
        }
    }

    /** The route Micronaut would pick for {@code method} and a path with placeholders: the most literal match. */
    private static String route(Map<String, UriRouteInfo<?, ?>> routes, String method, String path) {
        String concrete = path.replaceAll("\\{[^}]*}", "0");
        return routes.entrySet().stream()
                .filter(e -> e.getValue().getHttpMethodName().equals(method)
                        && e.getValue().getUriMatchTemplate().match(concrete).isPresent())
                .min(java.util.Comparator.comparingInt(e -> e.getValue().getUriMatchTemplate().getVariableNames().size()))
                .map(Map.Entry::getKey).orElse(null);
    }

    /** One call with made-up path values and an empty body of the type the route takes. */
    static TestCollector.Response call(UriRouteInfo<?, ?> route, Kind kind) {
        Map<String, Object> vars = new HashMap<>();
        for (String v : route.getUriMatchTemplate().getVariableNames()) {
            vars.put(v, "0");
        }
        String path = route.getUriMatchTemplate().expand(vars);
        String method = route.getHttpMethodName();
        byte[] body = null;
        Map<String, String> headers = new LinkedHashMap<>();
        if (route.getHttpMethod().permitsRequestBody()) {
            MediaType type = route.getConsumes().stream().filter(t -> !t.equals(MediaType.ALL_TYPE)).findFirst()
                    .orElse(MediaType.APPLICATION_JSON_TYPE);
            if (type.matches(MediaType.MULTIPART_FORM_DATA_TYPE)) {
                headers.put("Content-Type", "multipart/form-data; boundary=b");
                body = "--b--\r\n".getBytes(StandardCharsets.US_ASCII);
            } else if (type.matches(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
                headers.put("Content-Type", MediaType.APPLICATION_FORM_URLENCODED);
                body = new byte[0];
            } else {
                headers.put("Content-Type", type.toString());
                body = "{}".getBytes(StandardCharsets.UTF_8);
            }
        }
        return c.send(method, path, tokens.get(kind), body, headers);
    }

    /** A route may have ended the caller's session (logout) or credential: get a new one. */
    static void renewIfEnded(Kind k) {
        String t = tokens.get(k);
        if (t == null) {
            return;
        }
        if (k == Kind.AGENT) {
            if (c.bean(EnrollmentService.class).authenticateAgent(t).isEmpty()) {
                tokens.put(k, c.enrollAgent()[1]);
            }
        } else if (c.bean(AuthService.class).authenticate(t).isEmpty()) {
            String user = switch (k) {
                case ADMIN -> "admin";
                case SECURITY -> "route-security";
                default -> "route-auditor";
            };
            tokens.put(k, c.login(user, k == Kind.ADMIN ? TestCollector.ADMIN_PASSWORD : "password-of-" + user));
        }
    }
}
