package jp.akashi.collector.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

import jp.akashi.probes.util.Hashes;
import jp.akashi.probes.util.Json;

/**
 * The check library: checks/*.yaml (listed in checks/index.yaml), each check compiled with CEL
 * and type-checked against the fact registry at load. Any problem — unknown fact, type error,
 * bad applicability, duplicate id — stops startup with the file, the check and the reason.
 */
public final class CheckLibrary {
    static final Set<String> KINDS = Set.of("host", "network-device");
    static final CelOptions OPTIONS = CelOptions.current().enableHeterogeneousNumericComparisons(true).build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

    private final List<CheckDefinition> checks;
    private final Map<String, CheckDefinition> byId;
    private final Map<String, Object> params;
    private final String version;

    private CheckLibrary(List<CheckDefinition> checks, Map<String, Object> params, String version) {
        this.checks = List.copyOf(checks);
        Map<String, CheckDefinition> m = new LinkedHashMap<>();
        checks.forEach(c -> m.put(c.id(), c));
        this.byId = Collections.unmodifiableMap(m);
        this.params = Collections.unmodifiableMap(params);
        this.version = version;
    }

    public List<CheckDefinition> checks() {
        return checks;
    }

    public Optional<CheckDefinition> check(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Parameters (defaults from the files, overridden by configuration). */
    public Map<String, Object> params() {
        return params;
    }

    /** Hash of every definition and parameter: when it changes, everything is re-evaluated. */
    public String version() {
        return version;
    }

    /** Loads {@code root}/index.yaml and the files it lists; {@code overrides} replace parameter defaults. */
    public static CheckLibrary load(String root, Map<String, Object> overrides) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode index = read(yaml, root + "/index.yaml");
        Map<String, Object> params = new TreeMap<>();
        List<JsonNode> docs = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (JsonNode f : index.path("files")) {
            String file = root + "/" + f.asText();
            JsonNode doc = read(yaml, file);
            if (doc.path("schema").asInt() != 1) {
                throw new CheckLibraryException(file + ": schema must be 1");
            }
            doc.path("params").fields().forEachRemaining(e -> {
                if (params.put(e.getKey(), plain(e.getValue())) != null) {
                    throw new CheckLibraryException(file + ": parameter " + e.getKey() + " is defined twice");
                }
            });
            docs.add(doc);
            files.add(file);
        }
        for (Map.Entry<String, Object> o : overrides.entrySet()) {
            if (!params.containsKey(o.getKey())) {
                throw new CheckLibraryException("akashi.checks.params." + o.getKey() + ": no check uses a parameter of that name");
            }
            params.put(o.getKey(), normalise(o.getValue()));
        }
        Map<String, CelType> types = FactTypes.all();
        List<CheckDefinition> checks = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        StringBuilder all = new StringBuilder();
        for (int d = 0; d < docs.size(); d++) {
            for (JsonNode c : docs.get(d).path("checks")) {
                CheckDefinition def = compile(files.get(d), c, types);
                if (!ids.add(def.id())) {
                    throw new CheckLibraryException(files.get(d) + ": check " + def.id() + " is defined twice");
                }
                checks.add(def);
                all.append(def.version());
            }
        }
        if (checks.isEmpty()) {
            throw new CheckLibraryException(root + "/index.yaml lists no checks");
        }
        try {
            all.append(Json.mapper().writeValueAsString(params));
        } catch (IOException e) {
            throw new CheckLibraryException("parameters are not serialisable: " + e.getMessage());
        }
        return new CheckLibrary(checks, params, Hashes.sha256Hex(all.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static CheckDefinition compile(String file, JsonNode c, Map<String, CelType> types) {
        String id = c.path("id").asText(null);
        if (id == null || !id.matches("[a-z0-9_]+(\\.[a-z0-9_]+)*")) {
            throw new CheckLibraryException(file + ": check id '" + id + "' must be dotted lower-case words");
        }
        String where = file + ": check " + id;
        Text title = text(where, c, "title", true);
        Text fail = text(where, c, "fail", true);
        Text pass = text(where, c, "pass", false);
        Text description = text(where, c, "description", false);
        CheckDefinition.Applicability applies = applicability(where, c.path("applies"));
        List<CheckDefinition.Rule> rules = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        JsonNode ruleNodes = c.has("rules") ? c.path("rules") : null;
        if (ruleNodes == null) {
            rules.add(rule(where + ": ", c, types, used));
        } else {
            if (c.has("expr") || c.has("facts")) {
                throw new CheckLibraryException(where + ": give either facts+expr or rules, not both");
            }
            int i = 1;
            for (JsonNode r : ruleNodes) {
                rules.add(rule(where + ": rule " + i++ + ": ", r, types, used));
            }
            if (rules.isEmpty()) {
                throw new CheckLibraryException(where + ": rules is empty");
            }
        }
        CelRuntime.Program detail = null;
        if (c.hasNonNull("detail")) {
            // a detail only explains a failure, so it may read any registered fact (unavailable ones leave it empty)
            detail = program(where + ": detail: ", c.path("detail").asText(), new ArrayList<>(types.keySet()), types, null);
        }
        // facts a message shows without deciding anything (e.g. the product names) are recorded as evidence too
        List<Text> messages = new ArrayList<>(java.util.Arrays.asList(fail, pass));
        rules.forEach(r -> messages.add(r.message()));
        for (Text t : messages) {
            if (t != null) {
                used.addAll(shownFacts(where, t, types));
            }
        }
        return new CheckDefinition(id, file, title, description, applies, List.copyOf(rules), detail, pass, fail,
                List.copyOf(used), Hashes.sha256Hex(c.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static CheckDefinition.Rule rule(String where, JsonNode r, Map<String, CelType> types, Set<String> used) {
        List<String> facts = new ArrayList<>();
        r.path("facts").forEach(f -> facts.add(f.asText()));
        if (facts.isEmpty()) {
            throw new CheckLibraryException(where + "facts must list the facts the rule needs");
        }
        for (String f : facts) {
            if (!types.containsKey(f)) {
                throw new CheckLibraryException(where + "unknown fact " + f + " (not in the fact registry)");
            }
        }
        used.addAll(facts);
        boolean hasWhen = r.hasNonNull("when");
        boolean hasExpr = r.hasNonNull("expr");
        CelRuntime.Program detail = r.hasNonNull("detail")
                ? program(where + "detail: ", r.path("detail").asText(), new ArrayList<>(types.keySet()), types, null) : null;
        if (hasWhen == hasExpr) {
            throw new CheckLibraryException(where + "needs exactly one of when (with result) or expr");
        }
        if (hasWhen) {
            String res = r.path("result").asText("");
            CheckStatus result = switch (res) {
                case "pass" -> CheckStatus.PASS;
                case "fail" -> CheckStatus.FAIL;
                default -> throw new CheckLibraryException(where + "result must be pass or fail, not '" + res + "'");
            };
            String src = r.path("when").asText();
            return new CheckDefinition.Rule(List.copyOf(facts), program(where + "when: ", src, facts, types, SimpleType.BOOL),
                    result, null, src, text(where, r, "message", false), detail);
        }
        if (r.has("message")) {
            throw new CheckLibraryException(where + "message is for when-rules (an expr rule uses the check's pass and fail)");
        }
        String src = r.path("expr").asText();
        return new CheckDefinition.Rule(List.copyOf(facts), null, null, program(where + "expr: ", src, facts, types, SimpleType.BOOL), src, null, detail);
    }

    private static CelRuntime.Program program(String where, String expr, List<String> facts, Map<String, CelType> types, CelType result) {
        CelCompilerBuilder b = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVar("params", MapType.create(SimpleType.STRING, SimpleType.DYN));
        for (String f : facts) {
            b.addVar(f, types.get(f));
        }
        CelCompiler compiler = b.build();
        CelValidationResult res = compiler.compile(expr);
        if (res.hasError()) {
            throw new CheckLibraryException(where + res.getErrorString().replace('\n', ' ')
                    + (res.getErrorString().contains("undeclared reference") ? " (list every fact the expression uses under facts)" : ""));
        }
        try {
            if (result != null && !res.getAst().getResultType().equals(result) && !res.getAst().getResultType().equals(SimpleType.DYN)) {
                throw new CheckLibraryException(where + "must be a boolean expression, not " + res.getAst().getResultType());
            }
            return RUNTIME.createProgram(res.getAst());
        } catch (dev.cel.common.CelValidationException | CelEvaluationException e) {
            throw new CheckLibraryException(where + e.getMessage());
        }
    }

    private static CheckDefinition.Applicability applicability(String where, JsonNode a) {
        Set<String> kinds = strings(a.path("kinds"));
        for (String k : kinds) {
            if (!KINDS.contains(k)) {
                throw new CheckLibraryException(where + ": applies.kinds: unknown kind " + k + " (known: " + KINDS + ")");
            }
        }
        Set<String> roles = strings(a.path("roles"));
        Set<String> exclude = strings(a.path("exclude_roles"));
        for (String r : union(roles, exclude)) {
            if (!jp.akashi.collector.store.AssetRoles.ALL.contains(r)) {
                throw new CheckLibraryException(where + ": applies: unknown role " + r + " (known: " + jp.akashi.collector.store.AssetRoles.ALL + ")");
            }
        }
        return new CheckDefinition.Applicability(kinds, strings(a.path("os")), roles, exclude);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return s;
    }

    private static Set<String> strings(JsonNode n) {
        Set<String> s = new LinkedHashSet<>();
        n.forEach(v -> s.add(v.asText()));
        return Set.copyOf(s);
    }

    private static List<String> shownFacts(String where, Text t, Map<String, CelType> types) {
        List<String> shown = new ArrayList<>();
        for (String s : new String[]{t.ja(), t.en()}) {
            for (String p : MessageTemplate.placeholders(s)) {
                if (p.equals("detail") || p.startsWith("params.")) {
                    continue;
                }
                if (!types.containsKey(p)) {
                    throw new CheckLibraryException(where + ": message placeholder {" + p + "} is not a registered fact");
                }
                shown.add(p);
            }
        }
        return shown;
    }

    private static Text text(String where, JsonNode c, String field, boolean required) {
        JsonNode n = c.path(field);
        if (n.isMissingNode() || n.isNull()) {
            if (required) {
                throw new CheckLibraryException(where + ": " + field + " (ja and en) is required");
            }
            return null;
        }
        String ja = n.path("ja").asText(null);
        String en = n.path("en").asText(null);
        if (ja == null || en == null) {
            throw new CheckLibraryException(where + ": " + field + " needs both ja and en");
        }
        return new Text(ja, en);
    }

    private static JsonNode read(ObjectMapper yaml, String resource) {
        try (InputStream in = CheckLibrary.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new CheckLibraryException(resource + ": missing");
            }
            return yaml.readTree(in);
        } catch (IOException e) {
            throw new CheckLibraryException(resource + ": " + e.getMessage());
        }
    }

    private static Object plain(JsonNode n) {
        return normalise(Json.mapper().convertValue(n, Object.class));
    }

    /** Integers as Long, as CEL expects. */
    static Object normalise(Object v) {
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(CheckLibrary::normalise).toList();
        }
        if (v instanceof String s && s.matches("-?\\d{1,18}")) {
            return Long.parseLong(s);
        }
        return v;
    }

    /** A check file problem; its message names the file, the check and the reason. */
    public static final class CheckLibraryException extends RuntimeException {
        public CheckLibraryException(String message) {
            super(message);
        }
    }
}
