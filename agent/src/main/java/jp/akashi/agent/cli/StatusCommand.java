package jp.akashi.agent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Optional;
import java.util.concurrent.Callable;

import jp.akashi.agent.AgentMain;
import jp.akashi.agent.config.AgentConfig;
import jp.akashi.agent.config.AgentPaths;
import jp.akashi.agent.config.AgentState;
import jp.akashi.agent.spool.Spool;

/** Shows enrollment, spool and the last run's outcome. */
@Command(name = "status", description = "Show enrollment, undelivered reports and the last run.")
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        AgentPaths paths = common.paths();
        Optional<AgentConfig> cfg = AgentConfig.load(paths.configFile());
        System.out.println("agent version:   " + AgentMain.version());
        System.out.println("configuration:   " + paths.configFile());
        if (cfg.isEmpty()) {
            System.out.println("enrolled:        no");
            return AgentMain.EXIT_NOT_ENROLLED;
        }
        AgentConfig c = cfg.get();
        System.out.println("enrolled:        yes, agent " + c.agentId() + (c.name() == null ? "" : " (" + c.name() + ")"));
        System.out.println("collector:       " + c.server());
        System.out.println("trust:           " + (c.fingerprint() != null ? "pinned " + c.fingerprint() : "system CAs"));
        System.out.println("interval:        " + c.interval() + " s");
        Spool spool = common.spool(paths);
        System.out.println("spool:           " + spool.pending().size() + " report(s) waiting in " + paths.spoolDir());
        String unwritable = spool.unwritableReason();
        if (unwritable != null) {
            System.out.println("spool problem:   cannot write to " + paths.spoolDir() + " (" + unwritable
                    + "): new reports are sent directly and lost while the collector is unreachable; free space on this disk");
        }
        long rejected = spool.rejectedCount();
        if (rejected > 0) {
            System.out.println("rejected:        " + rejected + " report(s) refused by the collector, kept in " + spool.rejectedDir()
                    + " (the reason is beside each)");
        }
        AgentState s = AgentState.load(paths.stateFile());
        System.out.println("last collection: " + orNever(s.lastCollectionAt()));
        System.out.println("last delivery:   " + orNever(s.lastDeliveryAt()));
        if (s.lastError() != null) {
            System.out.println("last error:      " + s.lastError());
        }
        s.waitingUntil(java.time.Instant.now()).ifPresent(t ->
                System.out.println("collector busy:  asked to wait until " + t + " (Retry-After); reports wait in the spool"));
        if (s.droppedReports() != null && s.droppedReports() > 0) {
            System.out.println("dropped:         " + s.droppedReports() + " report(s) dropped because the spool was full");
        }
        return AgentMain.EXIT_OK;
    }

    private static String orNever(String s) {
        return s == null ? "never" : s;
    }
}
