package jp.akashi.probes.macos.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.probes.util.PlistXml;

/**
 * Pure: the global account policy that {@code pwpolicy getaccountpolicies} prints as an XML
 * property list (categories policyCategoryPasswordContent, policyCategoryAuthentication,
 * policyCategoryPasswordChange, each a list of {policyIdentifier, policyContent,
 * policyParameters}). Settings are read from the parameters, which name the limits
 * (minimumLength, policyAttributeMaximumFailedAuthentications, autoEnableInSeconds,
 * policyAttributeExpiresEveryNDays, policyAttributePasswordHistoryDepth, minimum…Characters).
 * Where several policies set the same parameter the strictest counts.
 */
public record PwPolicy(long minLength, long complexityClasses, long maxAgeDays, long history, long lockoutThreshold,
                       Long lockoutSeconds, int policies) {

    /** Throws {@link IllegalArgumentException} for output that is neither a policy plist nor "no policies". */
    public static PwPolicy parse(String text) {
        if (!text.contains("<plist")) {
            if (text.contains("No global policies") || text.contains("no policies")) {
                return new PwPolicy(0, 0, 0, 0, 0, null, 0);
            }
            throw new IllegalArgumentException("pwpolicy printed no property list");
        }
        Map<String, Object> root = PlistXml.parseDict(text);
        Map<String, Long> max = new LinkedHashMap<>();
        Map<String, Long> min = new LinkedHashMap<>();
        int n = 0;
        for (Object cat : root.values()) {
            if (!(cat instanceof List<?> policies)) {
                continue;
            }
            for (Object p : policies) {
                if (!(p instanceof Map<?, ?> policy) || !(policy.get("policyParameters") instanceof Map<?, ?> params)) {
                    continue;
                }
                n++;
                for (Map.Entry<?, ?> e : params.entrySet()) {
                    if (e.getValue() instanceof Long v) {
                        max.merge(String.valueOf(e.getKey()), v, Math::max);
                        min.merge(String.valueOf(e.getKey()), v, Math::min);
                    }
                }
            }
        }
        long mixed = positive(max.get("minimumMixedCaseCharacters"));
        long alpha = positive(max.get("minimumAlphaCharacters"));
        long classes = (mixed > 0 ? 2 : alpha > 0 ? 1 : 0) + (positive(max.get("minimumNumericCharacters")) > 0 ? 1 : 0)
                + (positive(max.get("minimumSymbols")) > 0 ? 1 : 0);
        long threshold = positive(min.get("policyAttributeMaximumFailedAuthentications"));
        Long lockSeconds = threshold == 0 ? null : Long.valueOf(positive(max.get("autoEnableInSeconds")));
        long age = positive(min.get("policyAttributeExpiresEveryNDays"));
        if (age == 0) {
            age = positive(min.get("policyAttributeDaysUntilExpiration"));
        }
        return new PwPolicy(positive(max.get("minimumLength")), classes, age, positive(max.get("policyAttributePasswordHistoryDepth")),
                threshold, lockSeconds, n);
    }

    private static long positive(Long v) {
        return v == null || v < 0 ? 0 : v;
    }
}
