package jp.akashi.collector.security;

/**
 * The role names of micronaut-security's {@code @Secured} rules: the three roles of people
 * ({@link Role#wire()}) and {@link #AGENT} for enrolled agents. An agent never has a person's
 * role and a person never has {@link #AGENT}, so a rule names exactly the callers it lets in.
 * Anonymous access is {@code SecurityRule.IS_ANONYMOUS}; a route with no {@code @Secured} at all
 * is refused (micronaut-security rejects a request that no rule allows).
 */
public final class Roles {
    public static final String ADMIN = "admin";
    public static final String SECURITY = "security";
    public static final String AUDITOR = "auditor";
    public static final String AGENT = "agent";

    private Roles() {
    }
}
