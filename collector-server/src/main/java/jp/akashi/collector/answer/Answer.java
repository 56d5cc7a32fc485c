package jp.akashi.collector.answer;

import java.util.List;

/**
 * A person's answer to a criterion. Answers are never changed: a new answer supersedes the
 * previous one, and the history stays.
 *
 * @param status     met, not_met or not_applicable
 * @param points     for graded items (安全・安心マーク 3-1-7, 7-0-2, 7-1-1..7-1-3): 0..max
 * @param optionId   the graded option chosen, if any
 * @param validUntil when the answer expires (from the criterion's review interval); null = never
 * @param catalogVersion the catalog version of the criterion when it was answered (its wording then)
 */
public record Answer(String id, String criterionId, String status, Integer points, String optionId, String comment,
                     String answeredBy, long answeredAt, Long validUntil, String supersedes, List<AttachmentRef> attachments,
                     String catalogVersion) {

    public static final String MET = "met";
    public static final String NOT_MET = "not_met";
    public static final String NOT_APPLICABLE = "not_applicable";
    public static final List<String> STATUSES = List.of(MET, NOT_MET, NOT_APPLICABLE);

    public boolean expiredAt(long now) {
        return validUntil != null && validUntil < now;
    }

    /** An evidence file attached to an answer, by content hash. */
    public record AttachmentRef(String sha256, String filename, String contentType, long size) {
    }
}
