package jp.akashi.collector.web;

import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import jp.akashi.collector.enroll.AgentSpoolHealth;
import jp.akashi.collector.store.Database;

/** The console's view of what agents told about their spools: reports lost on the host, a spool that cannot be written. */
@Singleton
public class AgentSpoolReads {
    private final Database db;
    private final AgentSpoolHealth health;

    public AgentSpoolReads(Database db, AgentSpoolHealth health) {
        this.db = db;
        this.health = health;
    }

    public Optional<AgentSpoolHealth.Health> agent(String agentId) {
        return agentId == null ? Optional.empty() : db.read(h -> health.of(h, agentId));
    }

    public Map<String, AgentSpoolHealth.Health> agents(Collection<String> agentIds) {
        return db.read(h -> health.of(h, agentIds));
    }
}
