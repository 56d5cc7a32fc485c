package jp.akashi.agent.config;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import jp.akashi.agent.spool.FileSafety;
import jp.akashi.probes.util.Json;

/**
 * What the last runs did, for {@code status}. Every save also writes {@code state.json.bak}, so a
 * garbled state file (a damaged disk, a hand edit) does not reset the drop counter: the damaged
 * file is kept aside as {@code state.json.corrupt-<millis>} and the backup's values are used.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentState(String lastCollectionAt, String lastDeliveryAt, String lastError, Integer droppedReports,
                         String droppedOldestAt, String droppedNewestAt, String retryAfterUntil) {

    /**
     * @param droppedOldestAt when the oldest report the spool bound dropped had been collected (ISO-8601), or null
     * @param retryAfterUntil until when the collector asked not to be sent to (its Retry-After, ISO-8601), or null
     */
    public AgentState {
    }

    public AgentState(String lastCollectionAt, String lastDeliveryAt, String lastError, Integer droppedReports,
                      String droppedOldestAt, String droppedNewestAt) {
        this(lastCollectionAt, lastDeliveryAt, lastError, droppedReports, droppedOldestAt, droppedNewestAt, null);
    }

    public AgentState(String lastCollectionAt, String lastDeliveryAt, String lastError, Integer droppedReports) {
        this(lastCollectionAt, lastDeliveryAt, lastError, droppedReports, null, null);
    }

    /** The same counters with other run fields (the drop counter, its range and the collector's Retry-After carry over). */
    public AgentState with(String collectionAt, String deliveryAt, String error) {
        return new AgentState(collectionAt, deliveryAt, error, droppedReports, droppedOldestAt, droppedNewestAt, retryAfterUntil);
    }

    /** The same state with another Retry-After time (null: none). */
    public AgentState withRetryAfterUntil(String until) {
        return new AgentState(lastCollectionAt, lastDeliveryAt, lastError, droppedReports, droppedOldestAt, droppedNewestAt, until);
    }

    /** The time the collector asked the agent to wait for, if it is still ahead of {@code now}. */
    public java.util.Optional<java.time.Instant> waitingUntil(java.time.Instant now) {
        if (retryAfterUntil == null) {
            return java.util.Optional.empty();
        }
        try {
            java.time.Instant t = java.time.Instant.parse(retryAfterUntil);
            return t.isAfter(now) ? java.util.Optional.of(t) : java.util.Optional.empty();
        } catch (java.time.format.DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    public static AgentState load(Path file) {
        if (!Files.exists(file)) {
            // a garbled file moved aside by an earlier load, or a crash between the two writes of save:
            // the backup still holds the counters
            if (Files.exists(backup(file))) {
                try {
                    return read(backup(file));
                } catch (IOException unreadable) {
                    // neither file holds anything: start from nothing
                }
            }
            return new AgentState(null, null, null, null);
        }
        try {
            return read(file);
        } catch (IOException e) {
            String problem = "state file " + file + " unreadable (" + e.getMessage().lines().findFirst().orElse("") + ")";
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + System.currentTimeMillis());
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                problem += ", kept as " + aside;
            } catch (IOException moveFailed) {
                problem += ", and it could not be moved aside: " + moveFailed.getMessage();
            }
            try {
                AgentState b = read(backup(file));
                return new AgentState(b.lastCollectionAt, b.lastDeliveryAt, problem + "; values restored from " + backup(file),
                        b.droppedReports, b.droppedOldestAt, b.droppedNewestAt, b.retryAfterUntil);
            } catch (IOException noBackup) {
                return new AgentState(null, null, problem + "; no readable backup, so earlier counts are unknown", null);
            }
        }
    }

    private static AgentState read(Path file) throws IOException {
        return Json.mapper().readValue(file.toFile(), AgentState.class);
    }

    private static Path backup(Path file) {
        return file.resolveSibling(file.getFileName() + ".bak");
    }

    public void save(Path file) throws IOException {
        byte[] json = Json.mapper().writeValueAsBytes(this);
        FileSafety.writeAtomically(file, json, true);
        FileSafety.writeAtomically(backup(file), json, true);
    }
}
