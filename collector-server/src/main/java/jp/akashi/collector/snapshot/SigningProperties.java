package jp.akashi.collector.snapshot;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The snapshot signing key ({@code akashi.signing.*}); the default is here and only here (docs/CONFIGURATION.md).
 *
 * @param replaceRecordedKey accept a signing key other than the one the database recorded (and record it,
 *                           audit-logged); without it such a start is refused ({@link SigningKeyRecord})
 */
@ConfigurationProperties("akashi.signing")
public record SigningProperties(
        @Bindable(defaultValue = "false") boolean replaceRecordedKey) {
}
