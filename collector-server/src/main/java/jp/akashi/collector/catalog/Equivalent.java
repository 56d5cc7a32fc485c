package jp.akashi.collector.catalog;

/**
 * A criterion that shares a topic with another one.
 *
 * @param group    the equivalence group they share
 * @param relation how the criterion asked about relates to the topic
 * @param other    the other criterion (global id) and how it relates to the topic
 */
public record Equivalent(Equivalence group, Relation relation, Equivalence.Member other) {

    /** Both ask the same thing, so an answer to one can be offered for the other. */
    public boolean sameQuestion() {
        return relation == Relation.EQUAL && other.relation() == Relation.EQUAL;
    }
}
