package jp.akashi.collector.evaluate;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.catalog.Framework;
import jp.akashi.collector.catalog.FrameworkVersion;

/**
 * Every check id a catalog criterion names must exist in the check library: a typo would leave
 * the criterion without its automated evidence, so it stops startup, reported as
 * {@code file:line: criterion …: check … is not in the check library}.
 */
final class CatalogCheckMapping {

    private CatalogCheckMapping() {
    }

    /** The problems, one line each (empty when every named check exists). */
    static List<String> problems(Catalog catalog, CheckLibrary library) {
        List<String> problems = new ArrayList<>();
        for (Framework f : catalog.frameworks()) {
            for (FrameworkVersion v : f.versions()) {
                CheckFile file = null;
                for (Criterion c : v.criteria()) {
                    for (String check : c.checks()) {
                        if (library.check(check).isEmpty()) {
                            if (file == null) {
                                file = readOrNull(v.file());
                            }
                            String at = file == null ? v.file() : file.at(pointerOf(file.root(), "", c.id(), check));
                            problems.add(at + ": criterion " + c.id() + ": check " + check + " is not in the check library");
                        }
                    }
                }
            }
        }
        return problems;
    }

    private static CheckFile readOrNull(String resource) {
        try {
            return CheckFile.read(resource);
        } catch (CheckLibrary.CheckLibraryException e) {
            return null; // not a classpath file here: the problem is still reported, by file name only
        }
    }

    /** The JSON pointer of {@code check} in the {@code checks} list of the mapping whose id is {@code criterion}. */
    static String pointerOf(JsonNode node, String pointer, String criterion, String check) {
        if (node.isObject()) {
            JsonNode checks = node.get("checks");
            if (criterion.equals(node.path("id").asText(null)) && checks != null && checks.isArray()) {
                for (int i = 0; i < checks.size(); i++) {
                    if (check.equals(checks.get(i).asText())) {
                        return pointer + "/checks/" + i;
                    }
                }
                return pointer + "/checks";
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String found = pointerOf(e.getValue(), pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), criterion, check);
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = pointerOf(node.get(i), pointer + "/" + i, criterion, check);
                if (found != null) {
                    return found;
                }
            }
        }
        return pointer.isEmpty() ? "" : null;
    }
}
