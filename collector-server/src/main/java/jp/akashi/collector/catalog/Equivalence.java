package jp.akashi.collector.catalog;

import java.util.List;

/**
 * A group of requirements from several frameworks that ask about one topic, so one answer or
 * check can serve them all.
 *
 * @param id      topic id (antivirus, backup …)
 * @param title   topic title
 * @param rationale why the members ask the same thing (or how they differ), in Japanese and English
 * @param members the criteria and how each relates to the topic; members of frameworks that are
 *                not loaded are left out
 */
public record Equivalence(String id, LocalizedText title, LocalizedText rationale, List<Member> members) {

    /** One criterion in a group, by global id. */
    public record Member(String criterion, Relation relation) {
    }
}
