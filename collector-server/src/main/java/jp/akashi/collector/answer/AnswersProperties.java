package jp.akashi.collector.answer;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.List;

/**
 * People's answers ({@code akashi.answers.*}); the defaults are here and only here (docs/CONFIGURATION.md).
 *
 * @param defaultValidity  how long an answer is valid when it gives no end ({@link AnswerService})
 * @param reviewFrameworks frameworks whose answers need a second person's review (ids of the catalog); empty: none
 */
@ConfigurationProperties("akashi.answers")
public record AnswersProperties(
        @Bindable(defaultValue = "P365D") Duration defaultValidity,
        @Bindable(defaultValue = "") List<String> reviewFrameworks) {
    public AnswersProperties {
        if (defaultValidity.isNegative() || defaultValidity.isZero()) {
            throw new IllegalArgumentException("akashi.answers.default-validity: must be positive, not " + defaultValidity);
        }
        reviewFrameworks = reviewFrameworks == null ? List.of()
                : reviewFrameworks.stream().filter(f -> f != null && !f.isBlank()).map(String::strip).toList();
    }
}
