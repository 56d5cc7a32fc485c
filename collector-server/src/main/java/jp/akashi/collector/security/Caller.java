package jp.akashi.collector.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;

import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is calling: a person (with a role) or an enrolled agent. A thin view of micronaut-security's
 * {@link Authentication} (its name, its one role, and the attributes below), so that controllers
 * can take a {@code Caller} parameter ({@link CallerBinder}) and services need not know the library.
 *
 * @param sessionHash SHA-256 of the bearer token or session cookie that authenticated the call
 * @param csrfToken   the browser session's CSRF token (null for bearer-token callers)
 */
public record Caller(Kind kind, String id, String name, Role role, String sessionHash, String csrfToken)
        // a Principal, so micronaut-openapi leaves the parameter out of the API document: it is bound
        // from the request's authentication, not sent by the caller
        implements Principal {
    static final String KIND = "akashi.kind";
    static final String ID = "akashi.id";
    static final String SESSION = "akashi.session";
    static final String CSRF = "akashi.csrf";

    public enum Kind { USER, AGENT }

    public static Caller agent(String agentId) {
        return new Caller(Kind.AGENT, agentId, "agent:" + agentId, null, null, null);
    }

    @Override
    public String getName() {
        return name;
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

    /** This caller as micronaut-security sees it: role {@link Roles#AGENT} or the person's role. */
    public Authentication authentication() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(KIND, kind.name());
        attributes.put(ID, id);
        if (sessionHash != null) {
            attributes.put(SESSION, sessionHash);
        }
        if (csrfToken != null) {
            attributes.put(CSRF, csrfToken);
        }
        return Authentication.build(name, List.of(isAgent() ? Roles.AGENT : role.wire()), attributes);
    }

    /** The caller an {@link Authentication} of {@link #authentication()} describes. */
    public static Caller of(Authentication a) {
        Map<String, Object> at = a.getAttributes();
        Kind kind = Kind.valueOf(String.valueOf(at.get(KIND)));
        String id = String.valueOf(at.get(ID));
        if (kind == Kind.AGENT) {
            return agent(id);
        }
        Role role = Role.parse(a.getRoles().iterator().next());
        return new Caller(kind, id, a.getName(), role, (String) at.get(SESSION), (String) at.get(CSRF));
    }

    /** The authenticated caller of a request, as micronaut-security's filter found it (empty when anonymous). */
    public static Optional<Caller> of(HttpRequest<?> request) {
        return request.getUserPrincipal(Authentication.class).filter(a -> a.getAttributes().containsKey(KIND)).map(Caller::of);
    }
}
