package jp.akashi.collector.targets;

import java.util.List;
import java.util.Map;

/**
 * One finished run of a target.
 *
 * @param trigger  schedule or manual
 * @param outcome  ok, partial or failed
 * @param probes   per probe: {probe, code, message}
 * @param assetIds the assets whose facts the run stored
 */
public record TargetRunRecord(String id, String targetId, String trigger, long startedAt, long finishedAt, String outcome,
                              String message, List<Map<String, Object>> probes, List<String> assetIds) {
    public static final String SCHEDULE = "schedule";
    public static final String MANUAL = "manual";
}
