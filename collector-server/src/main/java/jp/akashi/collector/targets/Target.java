package jp.akashi.collector.targets;

import jp.akashi.probes.targets.TargetSpec;

/**
 * A registered target with its schedule, credential reference, pinned SSH host key and the
 * outcome of its last run.
 *
 * @param hostKeyFingerprint SSH host key pinned on the first successful login (trust on first use); null until then
 * @param assetId            the asset the last run fed (single-address targets)
 * @param lastOutcome        ok, partial or failed; null before the first run
 */
public record Target(String id, TargetSpec spec, int intervalSeconds, String credentialId, boolean enabled,
                     String hostKeyFingerprint, Long hostKeyPinnedAt, String assetId, String createdBy, long createdAt,
                     long updatedAt, long nextRunAt, Long lastRunAt, String lastOutcome, String lastMessage) {

    public String name() {
        return spec.name();
    }
}
