package jp.akashi.collector.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

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
     * openapi.yml agrees with the table: an operation is open ({@code security: []}) exactly when
     * anonymous callers may call it, and the roles its summary names, e.g. "(admin, security)",
     * are the table's (for operations that need a login).
     */
    @Test
    void theApiDocumentNamesTheSameRoles() throws IOException {
        Map<String, Set<Kind>> table = table();
        JsonNode doc;
        try (InputStream in = RouteRoleTableTest.class.getResourceAsStream("/openapi.yml")) {
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        Pattern roles = Pattern.compile("\\(((?:admin|security|auditor|agents)(?:, (?:admin|security|auditor))*)[;)]");
        List<String> wrong = new ArrayList<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
            String key = op.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey();
            if (!table.containsKey(key)) {
                return; // OpenApiDocumentTest compares the document's paths with the routes
            }
            JsonNode security = op.getValue().get("security");
            boolean openInDoc = security != null && security.isArray() && security.isEmpty();
            boolean openInTable = table.get(key).contains(Kind.ANONYMOUS);
            if (openInDoc != openInTable) {
                wrong.add(key + ": openapi.yml " + (openInDoc ? "has" : "lacks") + " security: [], route-roles.tsv "
                        + (openInTable ? "lets anonymous callers in" : "does not"));
            }
            JsonNode summary = op.getValue().get("summary");
            Matcher m = summary == null ? null : roles.matcher(summary.asText());
            if (m == null || !m.find() || openInTable) {
                return;
            }
            Set<Kind> named = EnumSet.noneOf(Kind.class);
            for (String r : m.group(1).split(", ")) {
                named.add(r.equals("agents") ? Kind.AGENT : Kind.valueOf(r.toUpperCase(Locale.ROOT)));
            }
            Set<Kind> inTable = EnumSet.copyOf(table.get(key).isEmpty() ? EnumSet.noneOf(Kind.class) : table.get(key));
            inTable.remove(Kind.ANONYMOUS);
            if (!named.equals(inTable)) {
                wrong.add(key + ": openapi.yml says " + named + ", route-roles.tsv " + inTable);
            }
        }));
        assertThat(wrong).isEmpty();
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
