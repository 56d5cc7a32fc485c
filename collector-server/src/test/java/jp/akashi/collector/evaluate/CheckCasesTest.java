package jp.akashi.collector.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import jp.akashi.collector.ingest.CompactFacts;
import jp.akashi.probes.api.FactRegistry;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.util.Json;

/**
 * Every check's own test cases, kept as data in {@code check-cases/*.yaml} (facts in → expected
 * status and reason), run through the real evaluator and the shipped library. A check without a
 * PASS, a FAIL and an UNKNOWN case fails the build; so does a case naming an unknown check or fact,
 * or a fact value of the wrong type.
 */
class CheckCasesTest {
    static final List<String> FILES = List.of("check-cases/hosts.yaml", "check-cases/network.yaml",
            "check-cases/system-logging.yaml", "check-cases/ssh-accounts.yaml");
    private static final Map<Map<String, Object>, CheckLibrary> LIBRARIES = new ConcurrentHashMap<>();

    record Case(String file, String at, String check, String name, String kind, String os, List<String> roles,
                Map<String, Object> params, Map<String, CompactFacts.Value> facts, CheckStatus expect,
                String reason, String reasonJa) {
        @Override
        public String toString() {
            return check + ": " + name + " (" + file + ")";
        }
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        Map<String, String> derived = DerivedFacts.TYPES;
        for (String file : FILES) {
            CheckFile f = CheckFile.read(file);
            f.keys(f.root(), "", "", "schema", "cases");
            for (Iterator<Map.Entry<String, JsonNode>> it = f.root().path("cases").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                int i = 0;
                for (JsonNode c : e.getValue()) {
                    String at = "/cases/" + e.getKey() + "/" + i++;
                    out.add(parse(f, at, e.getKey(), c, derived));
                }
            }
        }
        return out;
    }

    private static Case parse(CheckFile f, String at, String check, JsonNode c, Map<String, String> derived) {
        f.keys(c, at, "case", "name", "kind", "os", "roles", "params", "facts", "error", "unsupported", "expect", "reason", "reason_ja");
        String where = "case " + check + " '" + c.path("name").asText() + "'";
        if (c.path("name").asText("").isBlank() || c.path("reason").asText("").isBlank()) {
            throw f.problem(at, where + ": name and reason (a fragment of the English reason) are required");
        }
        Map<String, CompactFacts.Value> facts = new HashMap<>();
        long t = EvalFixtures.NOW.toEpochMilli();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.path("facts").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> fact = it.next();
            Object v = longs(Json.mapper().convertValue(fact.getValue(), Object.class));
            String type = derived.containsKey(fact.getKey()) ? derived.get(fact.getKey())
                    : FactRegistry.get().contains(fact.getKey()) ? FactRegistry.get().entry(fact.getKey()).type() : null;
            if (type == null) {
                throw f.problem(at + "/facts/" + fact.getKey(), where + ": unknown fact " + fact.getKey());
            }
            if (!new FactRegistry.Entry(fact.getKey(), type, null, List.of(), "", "", false, true).accepts(v)) {
                throw f.problem(at + "/facts/" + fact.getKey(), where + ": " + fact.getKey() + " is a " + type + ", not " + v);
            }
            facts.put(fact.getKey(), new CompactFacts.Value(FactStatus.OK, v, t, null, "case"));
        }
        for (String status : new String[]{"error", "unsupported"}) {
            for (Iterator<Map.Entry<String, JsonNode>> it = c.path(status).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> fact = it.next();
                if (!derived.containsKey(fact.getKey()) && !FactRegistry.get().contains(fact.getKey())) {
                    throw f.problem(at + "/" + status + "/" + fact.getKey(), where + ": unknown fact " + fact.getKey());
                }
                if (facts.put(fact.getKey(), new CompactFacts.Value(FactStatus.valueOf(status.toUpperCase()), null, t,
                        fact.getValue().asText(), "case")) != null) {
                    throw f.problem(at + "/" + status + "/" + fact.getKey(), where + ": " + fact.getKey() + " is given twice");
                }
            }
        }
        CheckStatus expect;
        try {
            expect = CheckStatus.valueOf(c.path("expect").asText("").toUpperCase());
        } catch (IllegalArgumentException e) {
            throw f.problem(at + "/expect", where + ": expect must be pass, fail, unknown or not_applicable");
        }
        String os = c.path("os").asText("linux");
        String kind = c.path("kind").asText("network-os".equals(os) ? "network-device" : "host");
        List<String> roles = new ArrayList<>();
        c.path("roles").forEach(r -> roles.add(r.asText()));
        Map<String, Object> params = new TreeMap<>();
        c.path("params").fields().forEachRemaining(p -> params.put(p.getKey(), p.getValue().asText()));
        return new Case(f.name(), f.at(at), check, c.path("name").asText(), kind, os, List.copyOf(roles), params, facts, expect,
                c.path("reason").asText(), c.path("reason_ja").asText(null));
    }

    private static Object longs(Object v) {
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(CheckCasesTest::longs).toList();
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, longs(x)));
            return out;
        }
        return v;
    }

    static Stream<Case> everyCase() {
        return cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCase")
    void theCheckDecidesAsItsCaseSays(Case c) {
        CheckLibrary library = LIBRARIES.computeIfAbsent(c.params(), p -> CheckLibrary.load("checks", p));
        CheckDefinition check = library.check(c.check()).orElseThrow(
                () -> new AssertionError(c.at() + ": no check " + c.check() + " in the library"));
        AssetSnapshot asset = new AssetSnapshot("a1", "case", c.kind(), c.os(), c.roles(), false,
                EvalFixtures.NOW.toEpochMilli(), "r1", c.facts());
        CheckResult r = new AssetEvaluator(library).evaluate(asset).stream()
                .filter(x -> x.checkId().equals(check.id())).findFirst().orElseThrow();
        assertThat(r.status()).as(c.at() + ": " + r.reason().en()).isEqualTo(c.expect());
        assertThat(r.reason().en()).as(c.at()).contains(c.reason());
        if (c.reasonJa() != null) {
            assertThat(r.reason().ja()).as(c.at()).contains(c.reasonJa());
        }
        assertThat(r.reason().ja()).as(c.at() + ": a reason in Japanese").isNotBlank().doesNotContain("{");
    }

    @Test
    void everyCheckHasAPassAFailAndAnUnknownCaseAndNoCaseNamesAnUnknownCheck() {
        CheckLibrary library = CheckLibrary.load("checks", Map.of());
        Map<String, Set<CheckStatus>> seen = new TreeMap<>();
        for (Case c : cases()) {
            assertThat(library.check(c.check())).as(c.at() + ": a case for an unknown check").isPresent();
            seen.computeIfAbsent(c.check(), k -> new TreeSet<>()).add(c.expect());
        }
        List<String> missing = new ArrayList<>();
        for (CheckDefinition d : library.checks()) {
            Set<CheckStatus> s = seen.getOrDefault(d.id(), Set.of());
            for (CheckStatus need : List.of(CheckStatus.PASS, CheckStatus.FAIL, CheckStatus.UNKNOWN)) {
                if (!s.contains(need)) {
                    missing.add(d.id() + " has no " + need + " case");
                }
            }
        }
        assertThat(missing).as("checks without their cases (check-cases/*.yaml)").isEmpty();
    }
}
