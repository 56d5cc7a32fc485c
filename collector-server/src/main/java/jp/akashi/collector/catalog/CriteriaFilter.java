package jp.akashi.collector.catalog;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which criteria of a framework version to list.
 *
 * @param level    METI: only criteria required to reach this level (levels are cumulative: every
 *                 criterion with a level up to it; criteria whose level the source does not show
 *                 count only for the highest level, which includes every criterion); null = all
 * @param evidence only these evidence types; empty = all
 * @param required only 必須 (true) or only non-必須 (false) items; null = all
 * @param terms    normalised search terms that must all occur in the criterion's text; empty = all
 */
public record CriteriaFilter(Integer level, Set<EvidenceType> evidence, Boolean required, List<String> terms) {
    public static final int MAX_QUERY_LENGTH = 200;
    public static final CriteriaFilter NONE = new CriteriaFilter(null, Set.of(), null, List.of());

    /**
     * Parses request parameters against a framework version.
     *
     * @throws IllegalArgumentException with a message for the user when a value is invalid
     */
    public static CriteriaFilter parse(FrameworkVersion version, String level, String evidence, String required,
                                       String query) {
        return new CriteriaFilter(level(version, level), evidence(evidence), required(version, required),
                query(query));
    }

    public boolean isEmpty() {
        return level == null && evidence.isEmpty() && required == null && terms.isEmpty();
    }

    /**
     * @param searchText the criterion's normalised searchable text (see {@link Catalog})
     * @param topLevel   the highest level of the framework, for criteria without a known level
     */
    public boolean matches(Criterion c, String searchText, Integer topLevel) {
        if (level != null && !(c.level() == null ? level.equals(topLevel) : c.level() <= level)) {
            return false;
        }
        if (!evidence.isEmpty() && !evidence.contains(c.evidence())) {
            return false;
        }
        if (required != null && required != Boolean.TRUE.equals(c.required())) {
            return false;
        }
        return terms.stream().allMatch(searchText::contains);
    }

    private static Integer level(FrameworkVersion version, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        List<Integer> levels = version.scoring().levels().stream().map(Scoring.Level::level).toList();
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("level はレベル(★)で評価するフレームワークにだけ指定できます: "
                    + version.framework());
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (levels.contains(n)) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("level の値 \"" + value + "\" は不正です。指定できる値: " + levels);
    }

    private static Set<EvidenceType> evidence(String value) {
        Set<EvidenceType> out = EnumSet.noneOf(EvidenceType.class);
        if (value == null || value.isBlank()) {
            return out;
        }
        for (String part : value.split(",")) {
            out.add(EvidenceType.parse(part.strip()).orElseThrow(() -> new IllegalArgumentException(
                    "evidence の値 \"" + part.strip() + "\" は不正です。指定できる値: auto, hybrid, manual(カンマ区切りで複数可)")));
        }
        return out;
    }

    private static Boolean required(FrameworkVersion version, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (version.scoring().kind() == ScoringKind.METI_LEVELS) {
            throw new IllegalArgumentException("required は必須・任意のあるフレームワークにだけ指定できます: "
                    + version.framework());
        }
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("required の値 \"" + value + "\" は不正です。指定できる値: true, false");
        };
    }

    private static List<String> query(String value) {
        if (value != null && value.length() > MAX_QUERY_LENGTH) {
            throw new IllegalArgumentException("q は " + MAX_QUERY_LENGTH + " 文字以内で指定してください");
        }
        return SearchText.terms(value);
    }
}
