package jp.akashi.agent.transport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import jp.akashi.agent.spool.ReportReaddress;
import jp.akashi.agent.spool.Spool;

/**
 * Sends the spooled reports, oldest first, until the spool is empty or the collector cannot
 * take more right now. A report leaves the spool only when the collector acknowledged it (or
 * refused it for good, in which case it is kept aside under rejected/).
 */
public final class Delivery {

    /** @param retryAfter how long the collector asked the agent to wait (Retry-After), or null */
    public record Result(int delivered, int rejected, int remaining, CollectorClient.Outcome.Kind stoppedBy, String message,
                         java.time.Duration retryAfter) {
        public Result(int delivered, int rejected, int remaining, CollectorClient.Outcome.Kind stoppedBy, String message) {
            this(delivered, rejected, remaining, stoppedBy, message, null);
        }

        public boolean complete() {
            return remaining == 0;
        }
    }

    private final Spool spool;
    private final CollectorClient client;
    private final String agentId;
    private final String credential;
    private final PrintStream log;
    private com.fasterxml.jackson.databind.JsonNode lastAcknowledgement;

    /** @param agentId the current identity: reports spooled under an earlier enrollment are re-addressed to it */
    public Delivery(Spool spool, CollectorClient client, String agentId, String credential, PrintStream log) {
        this.spool = spool;
        this.client = client;
        this.agentId = agentId;
        this.credential = credential;
        this.log = log;
    }

    /** The collector's answer to the last report it took (it may carry a self-update offer), or null. */
    public com.fasterxml.jackson.databind.JsonNode lastAcknowledgement() {
        return lastAcknowledgement;
    }

    public Result deliverAll() throws IOException {
        List<Path> pending = spool.pending();
        int delivered = 0;
        int rejected = 0;
        for (int i = 0; i < pending.size(); i++) {
            Path p = pending.get(i);
            CollectorClient.Outcome o = client.postReport(credential, ReportReaddress.to(agentId, spool.read(p)));
            switch (o.kind()) {
                case OK -> {
                    spool.acknowledge(p);
                    lastAcknowledgement = o.body();
                    delivered++;
                }
                case REJECTED -> {
                    spool.reject(p, "HTTP " + o.status() + ": " + o.message());
                    log.println("the collector refused report " + p.getFileName() + " (HTTP " + o.status() + "): " + o.message()
                            + " — kept under " + p.getParent().resolve("rejected"));
                    rejected++;
                }
                default -> {
                    return new Result(delivered, rejected, pending.size() - i, o.kind(), o.message(), o.retryAfter());
                }
            }
        }
        return new Result(delivered, rejected, 0, null, null);
    }
}
