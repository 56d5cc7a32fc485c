package jp.akashi.collector.evaluate;

import java.util.Map;

/**
 * One check's verdict on one asset, with the reason in words and the facts it was decided on
 * (key → "status: value or message"), so every verdict traces back to its evidence.
 */
public record CheckResult(String checkId, CheckStatus status, Text reason, Map<String, Object> facts, String reportId) {
}
