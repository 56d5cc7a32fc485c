package jp.akashi.agent.update;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jp.akashi.agent.spool.FileSafety;
import jp.akashi.probes.util.Json;

/**
 * The self-update's own state, {@code <state-dir>/update.json}: the collector's latest offer (written
 * by the round that received it, possibly a child process), the outcome of the last attempt (sent
 * with every report), the packages this agent will not try again (refused or rolled back), and the
 * probation of a freshly installed version. Lives in the state directory, so it survives an update
 * and a rollback like the spool and the enrolment.
 *
 * @param holdUntil after a transient refusal (download failed, hash mismatch), the offer is not tried before then
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateState(UpdateOffer offer, Outcome outcome, List<String> declined, Probation probation, String holdUntil) {

    /**
     * @param state {@code updated}, {@code refused} or {@code rolled_back}
     * @param version the version the attempt was about
     * @param from the version before it
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outcome(String state, String version, String from, String detail, String at) {
        public static final String UPDATED = "updated";
        public static final String REFUSED = "refused";
        public static final String ROLLED_BACK = "rolled_back";
    }

    /** A new version installed and not yet seen reporting: rolled back at {@code deadline}. */
    public record Probation(String from, String to, String sha256, String jar, String previous, String deadline) {
    }

    public UpdateState {
        declined = declined == null ? List.of() : List.copyOf(declined);
    }

    public static Path file(Path stateDir) {
        return stateDir.resolve("update.json");
    }

    public static UpdateState load(Path stateDir) {
        Path f = file(stateDir);
        if (!Files.exists(f)) {
            return new UpdateState(null, null, null, null, null);
        }
        try {
            return Json.mapper().readValue(f.toFile(), UpdateState.class);
        } catch (IOException e) {
            // a garbled file must not stop collection; the next offer starts afresh
            return new UpdateState(null, new Outcome(Outcome.REFUSED, null, null, "update state " + f + " unreadable: "
                    + e.getMessage().lines().findFirst().orElse(""), java.time.Instant.now().toString()), null, null, null);
        }
    }

    public void save(Path stateDir) throws IOException {
        FileSafety.writeAtomically(file(stateDir), Json.mapper().writeValueAsBytes(this), true);
    }

    public UpdateState withOffer(UpdateOffer o) {
        return new UpdateState(o, outcome, declined, probation, o == null || !o.equals(offer) ? null : holdUntil);
    }

    public UpdateState withOutcome(Outcome o) {
        return new UpdateState(offer, o, declined, probation, holdUntil);
    }

    public UpdateState withProbation(Probation p) {
        return new UpdateState(offer, outcome, declined, p, holdUntil);
    }

    /** The same state with {@code sha256} never tried again (at most the last 20 kept). */
    public UpdateState declining(String sha256) {
        List<String> d = new ArrayList<>(declined);
        if (!d.contains(sha256)) {
            d.add(sha256);
        }
        return new UpdateState(offer, outcome, d.subList(Math.max(0, d.size() - 20), d.size()), probation, holdUntil);
    }

    public UpdateState holdingUntil(String until) {
        return new UpdateState(offer, outcome, declined, probation, until);
    }

    /** Whether the offer waits after a transient refusal. */
    public boolean held(java.time.Instant now) {
        try {
            return holdUntil != null && now.isBefore(java.time.Instant.parse(holdUntil));
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }
}
