package jp.akashi.collector.exception;

import java.util.List;

/**
 * An accepted deviation (例外): a check on some assets, or a whole criterion, is treated as
 * accepted until {@code expiresAt}, with who approved it and why. Expired or revoked exceptions
 * stop applying by themselves; verdicts always show the exception they relied on.
 *
 * @param targetType {@code check} or {@code criterion}
 * @param assetIds   for checks: the assets it covers; empty = every asset
 */
public record ComplianceException(String id, String targetType, String targetId, List<String> assetIds,
                                  String justification, String approver, String createdBy, long createdAt,
                                  long expiresAt, Long revokedAt, String revokedBy) {

    public static final String CHECK = "check";
    public static final String CRITERION = "criterion";

    public boolean activeAt(long now) {
        return revokedAt == null && expiresAt > now;
    }

    public boolean covers(String assetId) {
        return assetIds.isEmpty() || assetIds.contains(assetId);
    }
}
