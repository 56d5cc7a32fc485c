package jp.akashi.collector.answer;

/**
 * An answer was stored: criterion verdicts must be derived again. Published by {@link AnswerService}
 * for whoever judges (the evaluator listens), so answers need not know the evaluator.
 */
public record AnswersChanged(String criterionId) {
}
