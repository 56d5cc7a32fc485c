package jp.akashi.collector.api;

import io.micronaut.http.HttpStatus;

/**
 * A request that cannot be served, with the status and a message the caller can act on: English,
 * and, for the problems a person meets in the console's forms, Japanese too (shown by the console,
 * and in the API's error body as {@code errorJa}).
 */
public class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String ja;

    public ApiException(HttpStatus status, String message) {
        this(status, message, null);
    }

    public ApiException(HttpStatus status, String message, String ja) {
        super(message);
        this.status = status;
        this.ja = ja;
    }

    public HttpStatus status() {
        return status;
    }

    /** The Japanese message, or null where only English exists. */
    public String ja() {
        return ja;
    }

    /** The message in {@code lang} ("ja" or "en"), English where no Japanese exists. */
    public String message(String lang) {
        return "ja".equals(lang) && ja != null ? ja : getMessage();
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message);
    }

    public static ApiException badRequest(String message, String ja) {
        return new ApiException(HttpStatus.BAD_REQUEST, message, ja);
    }

    public static ApiException conflict(String message, String ja) {
        return new ApiException(HttpStatus.CONFLICT, message, ja);
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(HttpStatus.CONFLICT, message);
    }
}
