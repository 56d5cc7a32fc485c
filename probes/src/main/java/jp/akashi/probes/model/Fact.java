package jp.akashi.probes.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Objects;

/**
 * One observed value about an asset.
 *
 * <p>{@code value} is a JSON-compatible Java value whose type the fact registry fixes for the key:
 * {@code String}, {@code Long}, {@code Double}, {@code Boolean}, an ISO-8601 timestamp string,
 * a {@code List} or a {@code Map}. A fact whose status is not {@link FactStatus#OK} has no value
 * and a message that says why — a probe never guesses. {@code code} names that message in the
 * probe message catalog so that it can be shown in the reader's language; it is null for a
 * message that has no catalog entry (older agents, free text).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Fact(String key, FactStatus status, Object value, String message,
                   Instant collectedAt, String probe, Evidence evidence,
                   @JsonProperty("messageCode") MessageCode code) {

    public Fact {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(status, "status");
        if (status != FactStatus.OK && value != null) {
            throw new IllegalArgumentException("fact " + key + " is " + status.wire() + " but carries a value");
        }
        if (code != null && message == null) {
            throw new IllegalArgumentException("fact " + key + " has a message code but no message");
        }
    }

    public Fact(String key, FactStatus status, Object value, String message, Instant collectedAt, String probe,
                Evidence evidence) {
        this(key, status, value, message, collectedAt, probe, evidence, null);
    }

    public boolean ok() {
        return status == FactStatus.OK;
    }
}
