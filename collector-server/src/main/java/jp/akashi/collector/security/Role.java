package jp.akashi.collector.security;

import java.util.Locale;

/** What a person may do. Agents are not people and have no role; see {@link Caller}. */
public enum Role {
    /** Everything, including users and settings. */
    ADMIN,
    /** Answers, exceptions, assets, targets. */
    SECURITY,
    /** Read-only, plus snapshots and their downloads. */
    AUDITOR;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String s) {
        try {
            return Role.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("role must be admin, security or auditor");
        }
    }
}
