package jp.akashi.collector.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.freeze.FreezingArchRule;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/ARCHITECTURE.md ("Package map and the enforced rules"), checked on the
 * compiled classes of probes, agent and collector. Dependencies that existed when the rules came in
 * and are not yet broken are frozen (src/test/resources/archunit-frozen): they may go, none may be added.
 */
class ArchitectureTest {
    static final String C = "jp.akashi.collector.";
    /** The collector's domain: everything but the HTTP layers ({@code api}, {@code web}) and the start ({@code cli}, root). */
    static final String[] DOMAIN = {C + "answer..", C + "catalog..", C + "config..", C + "digest..", C + "enroll..", C + "evaluate..",
            C + "exception..", C + "export..", C + "health..", C + "ingest..", C + "metrics..", C + "retention..",
            C + "security..", C + "snapshot..", C + "store..", C + "targets.."};

    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("jp.akashi");
    }

    @Test
    void probesDependOnNothingOfTheAgentOrTheCollector() {
        noClasses().that().resideInAPackage("jp.akashi.probes..")
                .should().dependOnClassesThat().resideInAnyPackage("jp.akashi.agent..", "jp.akashi.collector..")
                .check(classes);
    }

    @Test
    void theAgentDependsOnNothingOfTheCollector() {
        noClasses().that().resideInAPackage("jp.akashi.agent..")
                .should().dependOnClassesThat().resideInAPackage("jp.akashi.collector..")
                .check(classes);
    }

    @Test
    void domainPackagesDoNotUseTheHttpLayers() {
        ArchRule rule = noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage(C + "api..", C + "web..")
                .as("no domain package depends on api or web");
        FreezingArchRule.freeze(rule).check(classes);
    }

    /**
     * The collector's top-level packages, lowest first: each may use those before it, none after it.
     * A cycle needs at least one dependency against this order, so "none against the order" is
     * "no cycles" (and faster to check than listing every cycle). {@code cli} and the root package
     * (CollectorMain, Refusal, StartRefused) start the application and are outside the order.
     */
    static final List<String> ORDER = List.of("config", "store", "health", "catalog", "security", "enroll", "ingest",
            "answer", "exception", "evaluate", "task", "metrics", "snapshot", "export", "digest", "retention", "targets", "api", "web", "cli");

    @Test
    void noCyclesBetweenTheCollectorsPackages() {
        List<ArchRule> rules = new ArrayList<>();
        for (int i = 0; i < ORDER.size() - 1; i++) {
            String[] later = ORDER.subList(i + 1, ORDER.size()).stream().map(p -> C + p + "..").toArray(String[]::new);
            rules.add(noClasses().that().resideInAPackage(C + ORDER.get(i) + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(later));
        }
        FreezingArchRule.freeze(CompositeArchRule.of(rules).as("no cycles between the collector's top-level packages "
                + "(each depends only on packages before it in " + ORDER + ")")).check(classes);
    }

    @Test
    void everyTopLevelPackageHasItsPlaceInTheOrder() {
        java.util.Set<String> packages = new java.util.TreeSet<>();
        for (var c : classes) {
            String p = c.getPackageName();
            if (p.startsWith(C)) {
                packages.add(p.substring(C.length()).split("\\.")[0]);
            }
        }
        assertThat(ORDER).as("a new top-level package needs its place in ORDER and docs/ARCHITECTURE.md")
                .containsAll(packages);
    }

    /** The cycles issue #17 names, broken by events and small interfaces: they stay broken (not frozen). */
    @Test
    void namedCyclesStayBroken() {
        noClasses().that().resideInAPackage(C + "answer..").should().dependOnClassesThat().resideInAPackage(C + "evaluate..")
                .because("answers notify the evaluator by an event (AnswersChanged)").check(classes);
        noClasses().that().resideInAPackage(C + "exception..").should().dependOnClassesThat().resideInAPackage(C + "evaluate..")
                .because("exceptions notify the evaluator by an event (ExceptionsChanged) and ask KnownChecks").check(classes);
        String[] domainButSecurity = java.util.Arrays.stream(DOMAIN).filter(p -> !p.equals(C + "security..")).toArray(String[]::new);
        noClasses().that().resideInAnyPackage(domainButSecurity).should().dependOnClassesThat()
                .areAssignableTo("jp.akashi.collector.api.ApiException")
                .because("domain code refuses with jp.akashi.collector.Refusal; only security (being moved to micronaut-security) "
                        + "still throws ApiException")
                .check(classes);
    }
}
