package jp.akashi.collector.evaluate;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * When the evaluator runs ({@code akashi.evaluation.*}); defaults here only (docs/CONFIGURATION.md).
 *
 * @param periodic   a full evaluation of every asset at least this often (freshness, expiries)
 * @param batchDelay how long the evaluator gathers reports before judging them in one batch
 *                   (docs/BENCHMARKS.md: fewer, larger batches under a burst of reports)
 */
@ConfigurationProperties("akashi.evaluation")
public record EvaluationProperties(
        @Bindable(defaultValue = "PT10M") Duration periodic,
        @Bindable(defaultValue = "PT0.5S") Duration batchDelay) {
}
