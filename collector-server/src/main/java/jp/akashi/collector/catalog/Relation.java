package jp.akashi.collector.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a member of an equivalence group relates to the group's topic. */
public enum Relation {
    /** Asks the same thing: an answer to one equal member is offered for the others. */
    EQUAL,
    /** Asks part of the topic. */
    SUBSET,
    /** Asks more than the topic. */
    SUPERSET,
    /** Overlaps with the topic. */
    INTERSECT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Relation> parse(String id) {
        return Arrays.stream(values()).filter(v -> v.id().equals(id)).findFirst();
    }
}
