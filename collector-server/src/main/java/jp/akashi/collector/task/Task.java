package jp.akashi.collector.task;

import java.util.List;

/**
 * Work on a failing check result (on one asset, or on every asset the check fails on when
 * {@code assetId} is null) or on an unmet criterion, owned by one person, due on a day of the
 * display zone.
 *
 * @param status        {@code open}, {@code in_progress}, {@code done} or {@code wont_fix}
 * @param closedReason  {@code passed} (the check passed or the criterion was met), {@code not_applicable}
 *                      (the check no longer applies), {@code manual} (marked done) or {@code exception}
 *                      (won't fix: an exception was requested, {@code exceptionId})
 */
public record Task(String id, String targetType, String targetId, String assetId, String owner, String dueDay, String status,
                   String note, String createdBy, long createdAt, long updatedAt, Long closedAt, String closedBy,
                   String closedReason, String exceptionId) {

    public static final String CHECK = "check";
    public static final String CRITERION = "criterion";
    public static final String OPEN = "open";
    public static final String IN_PROGRESS = "in_progress";
    public static final String DONE = "done";
    public static final String WONT_FIX = "wont_fix";
    public static final List<String> STATUSES = List.of(OPEN, IN_PROGRESS, DONE, WONT_FIX);

    public boolean closed() {
        return closedAt != null;
    }

    /** Open past its due day ({@code today} in the display zone, ISO yyyy-mm-dd compares as text). */
    public boolean overdue(String today) {
        return !closed() && dueDay.compareTo(today) < 0;
    }
}
