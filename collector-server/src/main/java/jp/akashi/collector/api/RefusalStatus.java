package jp.akashi.collector.api;

import io.micronaut.http.HttpStatus;

import jp.akashi.collector.Refusal;

/** The HTTP status of each kind of {@link Refusal}: the one place the domain's refusals meet HTTP. */
public final class RefusalStatus {
    private RefusalStatus() {
    }

    public static HttpStatus of(Refusal.Kind kind) {
        return switch (kind) {
            case BAD_INPUT -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case GONE -> HttpStatus.GONE;
            case TOO_LARGE -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
            case LIMIT_REACHED -> HttpStatus.UNPROCESSABLE_ENTITY;
            case TOO_MANY_ATTEMPTS -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /** The status {@code e} is answered with: its own where the HTTP layer gave one, else its kind's. */
    public static HttpStatus of(Refusal e) {
        return e instanceof ApiException a ? a.status() : of(e.kind());
    }

    /** The kind of a status an HTTP layer refuses with (a status without its own kind counts as bad input). */
    static Refusal.Kind kind(HttpStatus status) {
        for (Refusal.Kind k : Refusal.Kind.values()) {
            if (of(k) == status) {
                return k;
            }
        }
        return Refusal.Kind.BAD_INPUT;
    }
}
