package jp.akashi.collector.targets;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The key that encrypts the targets' credentials ({@code akashi.credentials.*}); the default is here and
 * only here (docs/CONFIGURATION.md).
 *
 * @param keyFile the key file ({@code AKASHI_CREDENTIALS_KEY_FILE}); empty: {@code <akashi.data-dir>/secrets/credentials.key}
 */
@ConfigurationProperties("akashi.credentials")
public record CredentialsProperties(
        @Bindable(defaultValue = "") String keyFile) {
    public CredentialsProperties {
        keyFile = keyFile == null ? "" : keyFile.strip();
    }
}
