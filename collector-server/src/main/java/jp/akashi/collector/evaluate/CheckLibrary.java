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

    /** Keys a check file, a check, its applicability and a rule may have (anything else stops loading). */
    static final String[] FILE_KEYS = {"schema", "params", "checks"};
    static final String[] CHECK_KEYS = {"id", "title", "description", "applies", "facts", "expr", "rules", "pass", "fail", "detail", "remediation", "severity"};
    static final String[] APPLIES_KEYS = {"kinds", "os", "roles", "exclude_roles"};
    static final String[] RULE_KEYS = {"facts", "when", "result", "expr", "message", "detail"};
    /** Values of {@code applies.os}: the asset's OS family ({@code os.family}). */
    static final Set<String> OS_FAMILIES = Set.of("linux", "windows", "macos", "network-os");

    /** Loads {@code root}/index.yaml and the files it lists; {@code overrides} replace parameter defaults. */
    public static CheckLibrary load(String root, Map<String, Object> overrides) {
        CheckFile index = CheckFile.read(root + "/index.yaml");
        index.keys(index.root(), "", "", "schema", "files");
        Map<String, Object> params = new TreeMap<>();
        List<CheckFile> docs = new ArrayList<>();
        int n = 0;
        for (JsonNode f : index.root().path("files")) {
            String pointer = "/files/" + n++;
            if (!f.isTextual()) {
                throw index.problem(pointer, "files must list file names");
            }
            CheckFile doc = CheckFile.read(root + "/" + f.asText());
            doc.keys(doc.root(), "", "", FILE_KEYS);
            if (doc.root().path("schema").asInt() != 1) {
                throw doc.problem("/schema", "schema must be 1");
            }
            doc.root().path("params").fields().forEachRemaining(e -> {
                if (params.put(e.getKey(), plain(e.getValue())) != null) {
                    throw doc.problem("/params/" + e.getKey(), "parameter " + e.getKey() + " is defined twice");
                }
            });
            docs.add(doc);
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
        for (CheckFile doc : docs) {
            int i = 0;
            for (JsonNode c : doc.root().path("checks")) {
                String pointer = "/checks/" + i++;
                CheckDefinition def = new Compiler(doc, types, params.keySet()).check(pointer, c);
                if (!ids.add(def.id())) {
                    throw doc.problem(pointer, "check " + def.id() + " is defined twice");
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

    /** Compiles the checks of one file; every problem names the file and line. */
    private record Compiler(CheckFile file, Map<String, CelType> types, Set<String> params) {

        CheckDefinition check(String at, JsonNode c) {
            String id = c.path("id").asText(null);
            if (id == null || !id.matches("[a-z0-9_]+(\\.[a-z0-9_]+)*")) {
                throw file.problem(at + "/id", "check id '" + id + "' must be dotted lower-case words");
            }
            String where = "check " + id;
            file.keys(c, at, where, CHECK_KEYS);
            Text title = text(at, where, c, "title", true);
            Text fail = text(at, where, c, "fail", true);
            Text pass = text(at, where, c, "pass", false);
            Text description = text(at, where, c, "description", false);
            // absent: medium (the shipped library declares one on every check, SeverityCoverageTest)
            String severity = c.path("severity").asText(CheckDefinition.DEFAULT_SEVERITY);
            if (!CheckDefinition.SEVERITIES.contains(severity)) {
                throw file.problem(at + "/severity", where + ": severity must be one of " + CheckDefinition.SEVERITIES
                        + " (how much a failure matters; it orders what to fix first)");
            }
            CheckDefinition.Applicability applies = applicability(at + "/applies", where, c.path("applies"));
            List<CheckDefinition.Rule> rules = new ArrayList<>();
            Set<String> used = new LinkedHashSet<>();
            if (!c.has("rules")) {
                rules.add(rule(at, where + ": ", c, used));
            } else {
                if (c.has("expr") || c.has("facts")) {
                    throw file.problem(at + "/rules", where + ": give either facts+expr or rules, not both");
                }
                int i = 0;
                for (JsonNode r : c.path("rules")) {
                    String rat = at + "/rules/" + i++;
                    file.keys(r, rat, where + ": rule " + i, RULE_KEYS);
                    rules.add(rule(rat, where + ": rule " + i + ": ", r, used));
                }
                if (rules.isEmpty()) {
                    throw file.problem(at + "/rules", where + ": rules is empty");
                }
            }
            CelRuntime.Program detail = null;
            if (c.hasNonNull("detail")) {
                // a detail only explains a failure, so it may read any registered fact (unavailable ones leave it empty)
                detail = expression(at + "/detail", where + ": detail: ", c.path("detail").asText(), new ArrayList<>(types.keySet()), null);
            }
            // facts a message shows without deciding anything (e.g. the product names) are recorded as evidence too
            for (String field : new String[]{"fail", "pass"}) {
                if (c.hasNonNull(field)) {
                    used.addAll(shownFacts(at + "/" + field, where, c.path(field)));
                }
            }
            CheckDefinition.Applicability a = applies;
            Remediation remediation = c.has("remediation")
                    ? Remediation.parse(file, at + "/remediation", where + ": remediation", c.path("remediation")) : null;
            if (remediation != null) {
                List<String> concerned = Remediation.platformsFor(a);
                for (String platform : remediation.platforms().keySet()) {
                    if (!concerned.contains(platform)) {
                        throw file.problem(at + "/remediation/" + platform, where + ": remediation: " + platform
                                + " is not a platform this check applies to (applies: " + concerned + ")");
                    }
                }
            }
            // remediation and severity decide nothing: editing them must not make every asset be evaluated again
            com.fasterxml.jackson.databind.node.ObjectNode decisive = c.deepCopy();
            decisive.remove("remediation");
            decisive.remove("severity");
            return new CheckDefinition(id, file.name(), title, description, a, List.copyOf(rules), detail, pass, fail,
                    List.copyOf(used), Hashes.sha256Hex(decisive.toString().getBytes(StandardCharsets.UTF_8)), remediation, severity);
        }

        private CheckDefinition.Rule rule(String at, String where, JsonNode r, Set<String> used) {
            List<String> facts = new ArrayList<>();
            int i = 0;
            for (JsonNode f : r.path("facts")) {
                String key = f.asText();
                if (!types.containsKey(key)) {
                    throw file.problem(at + "/facts/" + i, where + "unknown fact " + key + " (not in the fact registry)");
                }
                facts.add(key);
                i++;
            }
            if (facts.isEmpty()) {
                throw file.problem(at, where + "facts must list the facts the rule needs");
            }
            used.addAll(facts);
            boolean hasWhen = r.hasNonNull("when");
            boolean hasExpr = r.hasNonNull("expr");
            CelRuntime.Program detail = r.hasNonNull("detail")
                    ? expression(at + "/detail", where + "detail: ", r.path("detail").asText(), new ArrayList<>(types.keySet()), null) : null;
            if (hasWhen == hasExpr) {
                throw file.problem(at, where + "needs exactly one of when (with result) or expr");
            }
            if (hasWhen) {
                String res = r.path("result").asText("");
                CheckStatus result = switch (res) {
                    case "pass" -> CheckStatus.PASS;
                    case "fail" -> CheckStatus.FAIL;
                    default -> throw file.problem(at + "/result", where + "result must be pass or fail, not '" + res + "'");
                };
                String src = r.path("when").asText();
                Text message = null;
                if (r.hasNonNull("message")) {
                    message = text(at, where.substring(0, where.length() - 2), r, "message", false);
                    used.addAll(shownFacts(at + "/message", where.substring(0, where.length() - 2), r.path("message")));
                }
                return new CheckDefinition.Rule(List.copyOf(facts), expression(at + "/when", where + "when: ", src, facts, SimpleType.BOOL),
                        result, null, src, message, detail);
            }
            if (r.has("message")) {
                throw file.problem(at + "/message", where + "message is for when-rules (an expr rule uses the check's pass and fail)");
            }
            if (r.has("result")) {
                throw file.problem(at + "/result", where + "result is for when-rules (an expr rule decides pass or fail by its value)");
            }
            String src = r.path("expr").asText();
            return new CheckDefinition.Rule(List.copyOf(facts), null, null, expression(at + "/expr", where + "expr: ", src, facts, SimpleType.BOOL),
                    src, null, detail);
        }

        private CelRuntime.Program expression(String at, String where, String expr, List<String> facts, CelType result) {
            try {
                for (String p : PARAM_REFERENCE.matcher(expr).results().map(m -> m.group(1)).toList()) {
                    if (!params.contains(p)) {
                        throw new CheckLibraryException(where + "unknown parameter params." + p + " (defined: " + params + ")");
                    }
                }
                return program(where, expr, facts, types, result);
            } catch (CheckLibraryException e) {
                throw new CheckLibraryException(file.at(at) + ": " + e.getMessage());
            }
        }

        private CheckDefinition.Applicability applicability(String at, String where, JsonNode a) {
            file.keys(a, at, where + ": applies", APPLIES_KEYS);
            Set<String> kinds = strings(a.path("kinds"));
            for (String k : kinds) {
                if (!KINDS.contains(k)) {
                    throw file.problem(at + "/kinds", where + ": applies.kinds: unknown kind " + k + " (known: " + KINDS + ")");
                }
            }
            Set<String> os = strings(a.path("os"));
            for (String o : os) {
                if (!OS_FAMILIES.contains(o)) {
                    throw file.problem(at + "/os", where + ": applies: unknown os " + o + " (known: " + new java.util.TreeSet<>(OS_FAMILIES) + ")");
                }
            }
            Set<String> roles = strings(a.path("roles"));
            Set<String> exclude = strings(a.path("exclude_roles"));
            for (String r : union(roles, exclude)) {
                if (!jp.akashi.collector.store.AssetRoles.ALL.contains(r)) {
                    throw file.problem(at, where + ": applies: unknown role " + r + " (known: " + jp.akashi.collector.store.AssetRoles.ALL + ")");
                }
            }
            return new CheckDefinition.Applicability(kinds, os, roles, exclude);
        }

        private List<String> shownFacts(String at, String where, JsonNode text) {
            List<String> shown = new ArrayList<>();
            for (String lang : new String[]{"ja", "en"}) {
                for (String p : MessageTemplate.placeholders(text.path(lang).asText(""))) {
                    if (p.equals("detail")) {
                        continue;
                    }
                    if (p.startsWith("params.")) {
                        if (!params.contains(p.substring(7))) {
                            throw file.problem(at, where + ": message placeholder {" + p + "}: no parameter " + p.substring(7)
                                    + " (defined: " + params + ")");
                        }
                        continue;
                    }
                    if (!types.containsKey(p)) {
                        throw file.problem(at, where + ": message placeholder {" + p + "} is not a registered fact");
                    }
                    shown.add(p);
                }
            }
            return shown;
        }

        private Text text(String at, String where, JsonNode c, String field, boolean required) {
            return CheckLibrary.text(file, at + "/" + field, where + ": " + field, c.path(field), required);
        }
    }

    private static final java.util.regex.Pattern PARAM_REFERENCE = java.util.regex.Pattern.compile("\\bparams\\.([A-Za-z_][A-Za-z0-9_]*)");

    /** A {@code {ja: …, en: …}} text at {@code at}; both languages are required, nothing else is allowed. */
    static Text text(CheckFile file, String at, String where, JsonNode n, boolean required) {
        if (n.isMissingNode() || n.isNull()) {
            if (required) {
                throw file.problem(at.substring(0, Math.max(0, at.lastIndexOf('/'))), where + " (ja and en) is required");
            }
            return null;
        }
        file.keys(n, at, where, "ja", "en");
        String ja = n.path("ja").asText(null);
        String en = n.path("en").asText(null);
        if (ja == null || en == null || ja.isBlank() || en.isBlank()) {
            throw file.problem(at, where + " needs both ja and en");
        }
        return new Text(ja, en);
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
