package jp.akashi.collector.web;

import jakarta.inject.Singleton;

import java.util.List;

import jp.akashi.collector.enroll.AgentStore;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;

/** Read-only queries the console needs that no other service offers: agent pages and audit log pages. */
@Singleton
public class ConsoleReads {
    private final Database db;
    private final AgentStore agents;
    private final AuditLog audit;

    public ConsoleReads(Database db, AgentStore agents, AuditLog audit) {
        this.db = db;
        this.agents = agents;
        this.audit = audit;
    }

    public record AgentPage(List<AgentStore.AgentRow> items, AgentStore.Counts counts) {
    }

    public AgentPage agents(int offset, int limit) {
        return db.read(h -> new AgentPage(agents.page(h, offset, limit), agents.counts(h)));
    }

    public AgentStore.Counts agentCounts() {
        return db.read(agents::counts);
    }

    /** Audit entries older than {@code beforeSeq}, newest first: {@code limit} of them, and whether more follow. */
    public record AuditPage(List<AuditLog.Entry> items, boolean more) {
    }

    public AuditPage audit(long beforeSeq, int limit) {
        List<AuditLog.Entry> rows = db.read(h -> audit.page(h, beforeSeq, limit + 1));
        boolean more = rows.size() > limit;
        return new AuditPage(more ? rows.subList(0, limit) : rows, more);
    }
}
