package jp.akashi.collector.api;

import io.micronaut.http.HttpStatus;

import jp.akashi.collector.Refusal;

/**
 * A {@link Refusal} thrown by the HTTP layers themselves with an explicit status (controllers and
 * the console's pages). Domain code throws {@link Refusal}, whose kind gives the status; the
 * ArchitectureTest keeps domain packages from using this class. {@link ApiErrors} answers both alike.
 */
public class ApiException extends Refusal {
    private final HttpStatus status;

    public ApiException(HttpStatus status, String message) {
        this(status, message, null);
    }

    public ApiException(HttpStatus status, String message, String ja) {
        super(RefusalStatus.kind(status), message, ja);
        this.status = status;
    }

    public HttpStatus httpStatus() {
        return status;
    }

    @Override
    public int status() {
        return status.getCode();
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
