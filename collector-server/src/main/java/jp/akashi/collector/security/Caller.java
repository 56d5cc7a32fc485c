package jp.akashi.collector.security;

/**
 * Who is calling: a person (with a role) or an enrolled agent.
 *
 * @param sessionHash SHA-256 of the bearer token or session cookie that authenticated the call
 * @param csrfToken   the browser session's CSRF token (null for bearer-token callers)
 */
public record Caller(Kind kind, String id, String name, Role role, String sessionHash, String csrfToken) {

    public enum Kind { USER, AGENT }

    public static Caller agent(String agentId) {
        return new Caller(Kind.AGENT, agentId, "agent:" + agentId, null, null, null);
    }

    public boolean isAgent() {
        return kind == Kind.AGENT;
    }

    public boolean isUser() {
        return kind == Kind.USER;
    }

    /** How the audit log names this caller. */
    public String actor() {
        return isAgent() ? "agent:" + id : "user:" + name;
    }
}
