package jp.akashi.collector.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call a route: role names ({@code admin}, {@code security}, {@code auditor}),
 * {@link #AGENT} for enrolled agents, {@link #PUBLIC} for no authentication, {@link #ANY_USER}
 * for any logged-in person. A route under /api without this annotation is refused (secure by
 * default), so a forgotten annotation cannot open an endpoint.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Allowed {
    String PUBLIC = "public";
    String AGENT = "agent";
    String ANY_USER = "any-user";
    String ADMIN = "admin";
    String SECURITY = "security";
    String AUDITOR = "auditor";

    String[] value();
}
