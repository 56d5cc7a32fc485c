package jp.akashi.collector.exception;

/**
 * An exception was granted or revoked: results and verdicts must be derived again. Published by
 * {@link ExceptionService} for whoever judges (the evaluator listens), so exceptions need not know the evaluator.
 */
public record ExceptionsChanged(String exceptionId) {
}
