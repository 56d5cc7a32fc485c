package jp.akashi.collector.exception;

import java.util.List;

/**
 * An accepted deviation (例外): a check on some assets, or a whole criterion, is treated as
 * accepted until {@code expiresAt}, with who approved it and why. One person requests it, another
 * (admin or security role, never the requester) approves or rejects it; only an approved,
 * unrevoked, unexpired exception covers anything, and verdicts show the exception they relied on.
 *
 * @param targetType {@code check} or {@code criterion}
 * @param assetIds   for checks: the assets it covers; empty = every asset
 * @param approver   who approved it: the deciding user, a name typed before approvals existed
 *                   (then {@code decidedBy} is null), or null while requested or when rejected
 * @param status     {@link #REQUESTED}, {@link #APPROVED} or {@link #REJECTED}
 */
public record ComplianceException(String id, String targetType, String targetId, List<String> assetIds,
                                  String justification, String approver, String createdBy, long createdAt,
                                  long expiresAt, Long revokedAt, String revokedBy, String status, String decidedBy,
                                  Long decidedAt, String decisionNote) {

    public static final String CHECK = "check";
    public static final String CRITERION = "criterion";
    public static final String REQUESTED = "requested";
    public static final String APPROVED = "approved";
    public static final String REJECTED = "rejected";

    /** Whether it covers verdicts at {@code now}: approved, not revoked, not expired. */
    public boolean activeAt(long now) {
        return APPROVED.equals(status) && revokedAt == null && expiresAt > now;
    }

    /**
     * What the lists show: {@code requested}, {@code active}, {@code expired}, {@code rejected} or
     * {@code revoked} (a withdrawn request is revoked too). A request whose expiry passed
     * undecided is expired: it can no longer be approved.
     */
    public String state(long now) {
        if (revokedAt != null) {
            return "revoked";
        }
        if (REJECTED.equals(status)) {
            return "rejected";
        }
        if (expiresAt <= now) {
            return "expired";
        }
        return REQUESTED.equals(status) ? "requested" : "active";
    }

    public boolean covers(String assetId) {
        return assetIds.isEmpty() || assetIds.contains(assetId);
    }
}
