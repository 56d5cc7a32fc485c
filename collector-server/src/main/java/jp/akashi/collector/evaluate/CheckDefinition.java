package jp.akashi.collector.evaluate;

import java.util.List;
import java.util.Set;

import dev.cel.runtime.CelRuntime;

/**
 * One check from the check library (checks/*.yaml), compiled.
 *
 * <p>A check is a decision list of rules. Rules are tried in order; a rule whose facts are all
 * available decides: a rule with {@code when} decides {@code result} when {@code when} is true
 * (and otherwise passes the decision on), a rule with {@code expr} decides PASS or FAIL by its
 * value. When no rule can decide because facts are missing, the check is UNKNOWN and says which
 * facts and why. This lets "≥ 8 characters with lockout, else ≥ 10 with complexity" be data.
 *
 * @param applies      which assets it applies to
 * @param detail       optional CEL expression explaining a failure (string or list), e.g. the offending ports
 * @param pass         message template when it passes
 * @param fail         message template when it fails; {@code {fact.key}}, {@code {params.name}} and {@code {detail}} are filled in
 * @param version      hash of the check's definition, so stored results know which definition produced them
 * @param remediation  why it matters and what to do per platform (null only in test libraries; the
 *                     shipped library has one for every platform the check applies to, RemediationCoverageTest)
 */
public record CheckDefinition(String id, String file, Text title, Text description, Applicability applies,
                              List<Rule> rules, CelRuntime.Program detail, Text pass, Text fail,
                              List<String> facts, String version, Remediation remediation, String severity) {

    /** How much a failure matters, most first: it orders "fix first" after what a fix unblocks. */
    public static final List<String> SEVERITIES = List.of("high", "medium", "low");
    public static final String DEFAULT_SEVERITY = "medium";

    /** 0 for high, 1 medium, 2 low (sorting). */
    public int severityRank() {
        int i = SEVERITIES.indexOf(severity);
        return i < 0 ? SEVERITIES.size() : i;
    }

    /** The remediation platforms this check applies to, from {@code applies} (kinds and os). */
    public List<String> platforms() {
        return Remediation.platformsFor(applies);
    }

    /** Where a check applies; empty sets mean "any". Roles match when the asset has at least one of them. */
    public record Applicability(Set<String> kinds, Set<String> osFamilies, Set<String> roles, Set<String> excludeRoles) {
    }

    /**
     * @param facts  the facts the rule needs; if any is unavailable the rule cannot decide
     * @param when   decides {@code result} when true (null for expression rules)
     * @param expr   decides PASS (true) or FAIL (false) (null for when-rules)
     * @param source  the rule's expression text, for messages
     * @param message the reason shown when this when-rule decides, instead of the check's pass/fail
     *                template (null: the check's), for a rule that decides for a reason of its own
     * @param detail  this rule's own {@code {detail}} expression (null: the check's), for a rule that reads
     *                facts of one platform
     */
    public record Rule(List<String> facts, CelRuntime.Program when, CheckStatus result, CelRuntime.Program expr, String source,
                       Text message, CelRuntime.Program detail) {
    }
}
