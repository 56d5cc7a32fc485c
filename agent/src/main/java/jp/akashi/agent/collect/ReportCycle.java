package jp.akashi.agent.collect;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

import jp.akashi.agent.AgentMain;
import jp.akashi.agent.config.AgentConfig;
import jp.akashi.agent.config.AgentPaths;
import jp.akashi.agent.config.AgentState;
import jp.akashi.agent.spool.Spool;
import jp.akashi.agent.transport.CollectorClient;
import jp.akashi.agent.transport.Delivery;
import jp.akashi.probes.api.ProbeRunner;
import jp.akashi.probes.host.LocalHostAccess;
import jp.akashi.probes.model.Report;

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

    /** Collects this host's facts into the spool; returns how many old reports the spool had to drop. */
    public int collect(ProbeRunner.Progress progress) throws IOException {
        Report r = new ReportBuilder(new LocalHostAccess(), clock, AgentMain.version())
                .collect(config.agentId(), config.interval(), Map.of(), progress);
        int dropped = spool.put(r);
        if (dropped > 0) {
            log.println("spool full: dropped the " + dropped + " oldest undelivered report(s)");
        }
        AgentState s = AgentState.load(paths.stateFile());
        new AgentState(clock.instant().toString(), s.lastDeliveryAt(), s.lastError(),
                (s.droppedReports() == null ? 0 : s.droppedReports()) + dropped).save(paths.stateFile());
        return dropped;
    }

    /** Delivers the spool and records the outcome in the state file. */
    public Delivery.Result deliver() throws IOException {
        Delivery.Result res = new Delivery(spool, client, config.agentId(), config.credential(), log).deliverAll();
        AgentState s = AgentState.load(paths.stateFile());
        String error = res.complete() ? null : res.message();
        String deliveredAt = res.delivered() > 0 ? clock.instant().toString() : s.lastDeliveryAt();
        new AgentState(s.lastCollectionAt(), deliveredAt, error, s.droppedReports()).save(paths.stateFile());
        return res;
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
