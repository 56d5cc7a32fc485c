package jp.akashi.collector.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Limits on what an agent may send ({@code akashi.ingest.*}); the defaults are here and only here
 * (docs/CONFIGURATION.md lists them, {@code ConfigurationDocumentedTest} keeps the two in step).
 *
 * @param maxBodyBytes             largest report body as sent (compressed), bytes; larger is 413
 * @param maxDecompressedBytes     largest report body after gzip decoding, bytes; larger is 413
 * @param maxScannedAssetsPerAgent network assets one agent may report from its scans; more is 422
 * @param maxFacts                 facts in one report
 * @param maxKeyLength             characters of a fact key
 * @param maxStringLength          characters of a string fact value
 * @param maxExcerptLength         characters of a fact's excerpt (the raw output it came from)
 * @param maxMessageLength         characters of a fact's error message
 * @param maxClockSkew             how far ahead of the collector's clock a report's times may be
 *                                 (startedAt, finishedAt, collectedAt)
 */
@ConfigurationProperties("akashi.ingest")
public record IngestProperties(
        @Bindable(defaultValue = "8388608") int maxBodyBytes,
        @Bindable(defaultValue = "33554432") int maxDecompressedBytes,
        @Bindable(defaultValue = "256") int maxScannedAssetsPerAgent,
        @Bindable(defaultValue = "5000") int maxFacts,
        @Bindable(defaultValue = "128") int maxKeyLength,
        @Bindable(defaultValue = "65536") int maxStringLength,
        @Bindable(defaultValue = "16384") int maxExcerptLength,
        @Bindable(defaultValue = "4096") int maxMessageLength,
        @Bindable(defaultValue = "PT5M") Duration maxClockSkew) {
}
