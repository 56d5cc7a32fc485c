package jp.akashi.collector.catalog;

import java.util.Arrays;
import java.util.Optional;

/** How a framework weighs its criteria; decides which weight fields a criterion must carry. */
public enum ScoringKind {
    /** METI: criteria carry a level (★3/★4); a level is reached when all its criteria are met. */
    METI_LEVELS("meti-levels"),
    /** Kubota: criteria are 必須 (required) or 任意 (optional). */
    REQUIRED_OPTIONAL("required-optional"),
    /** 安全・安心マーク: criteria are 必須 or carry points; pass needs all 必須 and enough points. */
    POINTS("points");

    private final String id;

    ScoringKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<ScoringKind> parse(String id) {
        return Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst();
    }
}
