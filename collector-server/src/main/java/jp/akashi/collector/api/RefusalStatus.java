package jp.akashi.collector.api;

import io.micronaut.http.HttpStatus;

import jp.akashi.collector.Refusal;

/** The HTTP status of each kind of {@link Refusal}: the one place the domain's refusals meet HTTP. */
public final class RefusalStatus {
    private RefusalStatus() {
    }

    public static HttpStatus of(Refusal.Kind kind) {
        return HttpStatus.valueOf(kind.status());
    }

    /** The status {@code e} is answered with: its own where the HTTP layer gave one, else its kind's. */
    public static HttpStatus of(Refusal e) {
        return HttpStatus.valueOf(e.status());
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
