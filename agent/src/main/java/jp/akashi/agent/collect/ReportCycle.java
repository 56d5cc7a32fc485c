package jp.akashi.agent.collect;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import jp.akashi.agent.AgentMain;
import jp.akashi.agent.config.AgentConfig;
import jp.akashi.agent.config.AgentPaths;
import jp.akashi.agent.config.AgentState;
import jp.akashi.agent.spool.Spool;
import jp.akashi.agent.transport.CollectorClient;
import jp.akashi.agent.transport.Delivery;
import jp.akashi.agent.health.SelfHealth;
import jp.akashi.agent.update.AgentJar;
import jp.akashi.agent.update.UpdateOffer;
import jp.akashi.agent.update.UpdateState;
import jp.akashi.probes.api.ProbeRunner;
import jp.akashi.probes.host.LocalHostAccess;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.util.Json;

/** One round of the agent's work: collect, write to the spool, deliver what is waiting. */
public final class ReportCycle {
    private final AgentConfig config;
    private final AgentPaths paths;
    private final Spool spool;
    private final CollectorClient client;
    private final Clock clock;
    private final PrintStream log;

    public ReportCycle(AgentConfig config, AgentPaths paths, Spool spool, CollectorClient client, Clock clock, PrintStream log) {
        this.config = config;
        this.paths = paths;
        this.spool = spool;
        this.client = client;
        this.clock = clock;
        this.log = log;
    }

    /**
     * One round: remove temporaries an interrupted write left, deliver what waits (which frees
     * spool space first), collect, and deliver again. When the spool cannot be written (disk
     * full) the new report is sent straight from memory instead of being lost.
     */
    public Delivery.Result round(boolean collect, ProbeRunner.Progress progress) throws IOException {
        int cleaned = spool.cleanTemporaries();
        if (cleaned > 0) {
            log.println("removed " + cleaned + " temporary file(s) left in the spool by an interrupted write");
        }
        Delivery.Result first = deliver();
        if (!collect) {
            return first;
        }
        Report r = build(progress);
        try {
            spoolAndCount(r);
        } catch (IOException e) {
            return sendDirectly(r, first, e);
        }
        if (!first.complete()) {
            return new Delivery.Result(first.delivered(), first.rejected(), first.remaining() + 1, first.stoppedBy(), first.message());
        }
        Delivery.Result second = deliver();
        return new Delivery.Result(first.delivered() + second.delivered(), first.rejected() + second.rejected(),
                second.remaining(), second.stoppedBy(), second.message());
    }

    /** Collects this host's facts into the spool; returns how many old reports the spool had to drop. */
    public int collect(ProbeRunner.Progress progress) throws IOException {
        return spoolAndCount(build(progress));
    }

    private Report build(ProbeRunner.Progress progress) {
        return new ReportBuilder(new LocalHostAccess(), clock, AgentMain.version(), FileCommandMemo.in(paths.stateDir()))
                .collect(config.agentId(), config.interval(), Map.of(), progress);
    }

    /** This process's health as of now: measured after the collection, so the peak includes it. */
    private SelfHealth health() {
        Integer pending;
        try {
            pending = spool.pending().size();
        } catch (IOException e) {
            pending = null;
        }
        return SelfHealth.now(AgentJar.installDir().orElse(null), pending, UpdateState.load(paths.stateDir()).outcome());
    }

    private int spoolAndCount(Report r) throws IOException {
        AgentState s = AgentState.load(paths.stateFile());
        int dropped = spool.put(r, body(r, s, null, health()));
        if (dropped > 0) {
            log.println("spool full: dropped the " + dropped + " oldest undelivered report(s)");
        }
        Instant[] range = spool.lastDropped();
        String oldest = s.droppedOldestAt();
        String newest = s.droppedNewestAt();
        if (range != null) {
            oldest = oldest == null ? range[0].toString() : oldest;
            newest = range[1].toString();
        }
        new AgentState(clock.instant().toString(), s.lastDeliveryAt(), s.lastError(),
                (s.droppedReports() == null ? 0 : s.droppedReports()) + dropped, oldest, newest, s.retryAfterUntil())
                .save(paths.stateFile());
        return dropped;
    }

    /**
     * The report's JSON with {@code spoolDrops}: how many reports this host's spool bound has
     * dropped so far and when the oldest and newest of them were collected (docs/INGEST.md).
     * Cumulative, so a lost carrier report loses no information; the collector diffs the totals.
     */
    static byte[] body(Report r, AgentState s) throws IOException {
        return body(r, s, null);
    }

    /**
     * As {@link #body(Report, AgentState)}, with {@code spoolProblem: {"error": …}} when the spool
     * could not be written for this report (it is sent from memory): the collector shows the
     * condition on the agent's pages while the agent's latest report says so.
     */
    static byte[] body(Report r, AgentState s, String spoolProblem) throws IOException {
        return body(r, s, spoolProblem, null);
    }

    /** As {@link #body(Report, AgentState, String)}, with the agent's own {@code agentHealth} when given. */
    static byte[] body(Report r, AgentState s, String spoolProblem, SelfHealth health) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode tree = Json.mapper().valueToTree(r);
        if (health != null) {
            tree.set("agentHealth", health.json());
        }
        if (spoolProblem != null) {
            tree.putObject("spoolProblem").put("error", printable(spoolProblem, 500));
        }
        if (s.droppedReports() != null && s.droppedReports() > 0) {
            com.fasterxml.jackson.databind.node.ObjectNode d = tree.putObject("spoolDrops");
            d.put("total", s.droppedReports());
            if (s.droppedOldestAt() != null) {
                d.put("oldestCollectedAt", s.droppedOldestAt());
                d.put("newestCollectedAt", s.droppedNewestAt());
            }
        }
        return Json.mapper().writeValueAsBytes(tree);
    }

    /** {@code s} without control or bidirectional formatting characters (the collector refuses them in a name or message), at most {@code max} characters. */
    static String printable(String s, int max) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(max).forEach(c -> b.appendCodePoint(Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.SURROGATE ? '?' : c));
        return b.toString();
    }

    private Delivery.Result sendDirectly(Report r, Delivery.Result first, IOException spoolError) throws IOException {
        String why = "the spool " + paths.spoolDir() + " cannot be written (" + spoolError.getMessage() + ")";
        if (!first.complete()) {
            log.println(why + " and the collector cannot take reports now: this report is lost");
            recordError(why + "; a report was lost");
            return new Delivery.Result(first.delivered(), first.rejected(), first.remaining(), first.stoppedBy(), first.message());
        }
        log.println(why + ": sending this report directly");
        CollectorClient.Outcome o = client.postReport(config.credential(), Spool.gzip(body(r, AgentState.load(paths.stateFile()),
                "cannot write to " + paths.spoolDir() + " (" + spoolError.getMessage() + ")", health())));
        if (o.kind() == CollectorClient.Outcome.Kind.OK) {
            recordError(why + "; the last report was sent without spooling");
            return new Delivery.Result(first.delivered() + 1, first.rejected(), 0, null, null);
        }
        recordError(why + "; a report was lost: " + o.message());
        return new Delivery.Result(first.delivered(), first.rejected(), 0, o.kind(), "report lost: " + why + "; the collector said: " + o.message());
    }

    /** Best effort: the state file may sit on the same full disk. */
    private void recordError(String error) {
        try {
            AgentState s = AgentState.load(paths.stateFile());
            s.with(clock.instant().toString(), s.lastDeliveryAt(), error).save(paths.stateFile());
        } catch (IOException e) {
            log.println("cannot update " + paths.stateFile() + ": " + e.getMessage());
        }
    }

    /**
     * Delivers the spool and records the outcome in the state file. While the collector's last
     * Retry-After (a 503 or 429 with that header: disk full, database down) has not passed, the
     * collector is not contacted at all; the reports wait in the spool.
     */
    public Delivery.Result deliver() throws IOException {
        AgentState before = AgentState.load(paths.stateFile());
        java.util.Optional<java.time.Instant> waiting = before.waitingUntil(clock.instant());
        if (waiting.isPresent()) {
            int pending = spool.pending().size();
            if (pending == 0) {
                return new Delivery.Result(0, 0, 0, null, null);
            }
            return new Delivery.Result(0, 0, pending, CollectorClient.Outcome.Kind.TRANSIENT,
                    "the collector asked to wait until " + waiting.get() + " (Retry-After); not sent before then",
                    java.time.Duration.between(clock.instant(), waiting.get()));
        }
        Delivery delivery = new Delivery(spool, client, config.agentId(), config.credential(), log);
        Delivery.Result res = delivery.deliverAll();
        recordOffer(delivery.lastAcknowledgement());
        AgentState s = AgentState.load(paths.stateFile());
        String error = res.complete() ? null : res.message();
        String deliveredAt = res.delivered() > 0 ? clock.instant().toString() : s.lastDeliveryAt();
        String until = res.retryAfter() == null ? null : clock.instant().plus(res.retryAfter()).toString();
        if (until != null) {
            log.println("the collector asked to wait " + res.retryAfter().toSeconds() + " s before sending again (Retry-After): "
                    + res.message());
        }
        try {
            s.with(s.lastCollectionAt(), deliveredAt, error).withRetryAfterUntil(until).save(paths.stateFile());
        } catch (IOException e) {
            log.println("cannot update " + paths.stateFile() + ": " + e.getMessage());
        }
        return res;
    }

    /**
     * Keeps the collector's self-update offer of the last acknowledgement for the daemon
     * ({@link jp.akashi.agent.update.SelfUpdater}); an acknowledgement without one withdraws it.
     */
    private void recordOffer(com.fasterxml.jackson.databind.JsonNode ack) {
        if (ack == null) {
            return;
        }
        UpdateState u = UpdateState.load(paths.stateDir());
        UpdateOffer offer = UpdateOffer.of(ack);
        if (java.util.Objects.equals(offer, u.offer())) {
            return;
        }
        try {
            u.withOffer(offer).save(paths.stateDir());
        } catch (IOException e) {
            log.println("cannot update " + UpdateState.file(paths.stateDir()) + ": " + e.getMessage());
        }
    }

    /** Exit code for a delivery result (see {@link AgentMain}). */
    public static int exitCode(Delivery.Result r) {
        if (r.complete()) {
            return AgentMain.EXIT_OK;
        }
        return switch (r.stoppedBy()) {
            case UNAUTHORIZED -> AgentMain.EXIT_UNAUTHORIZED;
            case UNTRUSTED -> AgentMain.EXIT_ENROLL_REFUSED;
            default -> AgentMain.EXIT_UNDELIVERED;
        };
    }
}
