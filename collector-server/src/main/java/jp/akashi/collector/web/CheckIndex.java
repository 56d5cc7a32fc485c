package jp.akashi.collector.web;

import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.evaluate.CheckDefinition;
import jp.akashi.collector.evaluate.ComplianceService;

/**
 * The check library as the console shows it: each check's title and the criteria it serves.
 * The library and the catalog are fixed while the collector runs, so which criteria a check
 * serves is worked out once instead of on every page.
 */
@Singleton
public class CheckIndex {
    private final ComplianceService compliance;
    private final Map<String, List<Criterion>> criteria = new HashMap<>();

    public CheckIndex(ComplianceService compliance, Catalog catalog) {
        this.compliance = compliance;
        for (CheckDefinition c : compliance.library().checks()) {
            criteria.put(c.id(), compliance.criteriaOf(c.id()).stream().map(catalog::criterion)
                    .flatMap(Optional::stream).toList());
        }
    }

    public List<CheckDefinition> checks() {
        return compliance.library().checks();
    }

    public Optional<CheckDefinition> check(String id) {
        return compliance.library().check(id);
    }

    /** The criteria (latest versions) that name this check. */
    public List<Criterion> criteria(String checkId) {
        return criteria.getOrDefault(checkId, List.of());
    }

    /** The check's title in the page's language; the id for a check the library no longer has. */
    public String title(String checkId, String lang) {
        return check(checkId).map(c -> c.title().in(lang)).orElse(checkId);
    }
}
