package jp.akashi.collector.security;

/** A person who can log in. The password hash never leaves the store package's callers. */
public record User(String id, String username, String displayName, Role role, String passwordHash,
                   boolean mustChangePassword, boolean disabled, String locale, long createdAt,
                   long passwordChangedAt) {
}
