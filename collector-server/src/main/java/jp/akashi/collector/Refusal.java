package jp.akashi.collector;

/**
 * A request the collector refuses, for a reason the caller can act on: what kind of refusal, an
 * English message and, for the problems a person meets in the console's forms, a Japanese one.
 * Domain code throws it without knowing HTTP; the API layer ({@code api.ApiErrors}) answers it
 * with the status of its kind and {@code {"error": …, "errorJa": …, "status": …}}, and the console
 * shows the message in the page's language.
 */
public class Refusal extends RuntimeException {

    /** What kind of refusal; the API layer gives each its HTTP status (in brackets). */
    public enum Kind {
        /** The input is malformed or breaks a rule (400). */
        BAD_INPUT(400),
        /** The caller is not who it must be: no or a wrong credential (401). */
        UNAUTHENTICATED(401),
        /** The caller may not do this (403). */
        FORBIDDEN(403),
        /** What is asked for does not exist (404). */
        NOT_FOUND(404),
        /** The request contradicts the current state (409). */
        CONFLICT(409),
        /** It existed, and is gone for good (410). */
        GONE(410),
        /** The input is larger than allowed (413). */
        TOO_LARGE(413),
        /** A limit on how much a caller may own is reached (422). */
        LIMIT_REACHED(422),
        /** Too many attempts; wait before trying again (429). */
        TOO_MANY_ATTEMPTS(429),
        /** The collector cannot serve this now; try again later (503). */
        UNAVAILABLE(503);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        /** The HTTP status the API layer answers this kind with (the one table of it). */
        public int status() {
            return status;
        }
    }

    private final Kind kind;
    private final String ja;

    public Refusal(Kind kind, String message) {
        this(kind, message, null);
    }

    public Refusal(Kind kind, String message, String ja) {
        super(message);
        this.kind = kind;
        this.ja = ja;
    }

    public Kind kind() {
        return kind;
    }

    /** The status this refusal is answered with: its kind's, unless an HTTP layer gave its own ({@code api.ApiException}). */
    public int status() {
        return kind.status();
    }

    /** The Japanese message, or null where only English exists. */
    public String ja() {
        return ja;
    }

    /** The message in {@code lang} ("ja" or "en"), English where no Japanese exists. */
    public String message(String lang) {
        return "ja".equals(lang) && ja != null ? ja : getMessage();
    }

    public static Refusal badRequest(String message) {
        return new Refusal(Kind.BAD_INPUT, message);
    }

    public static Refusal badRequest(String message, String ja) {
        return new Refusal(Kind.BAD_INPUT, message, ja);
    }

    public static Refusal notFound(String message) {
        return new Refusal(Kind.NOT_FOUND, message);
    }

    public static Refusal forbidden(String message) {
        return new Refusal(Kind.FORBIDDEN, message);
    }

    public static Refusal forbidden(String message, String ja) {
        return new Refusal(Kind.FORBIDDEN, message, ja);
    }

    public static Refusal conflict(String message) {
        return new Refusal(Kind.CONFLICT, message);
    }

    public static Refusal conflict(String message, String ja) {
        return new Refusal(Kind.CONFLICT, message, ja);
    }

    public static Refusal tooLarge(String message) {
        return new Refusal(Kind.TOO_LARGE, message);
    }
}
