package jp.akashi.collector.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a criterion is evidenced (docs/CATALOG.md). */
public enum EvidenceType {
    /** Decided by checks over collected facts alone. */
    AUTO,
    /** Checks decide the technical part; a person confirms the rest. */
    HYBRID,
    /** Answered through the form with evidence files. */
    MANUAL;

    /** The id used in catalog files and the API. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EvidenceType> parse(String id) {
        return Arrays.stream(values()).filter(v -> v.id().equals(id)).findFirst();
    }
}
