package jp.akashi.collector.health;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.akashi.collector.store.Database;

/**
 * While commits fail, tries a small real write now and then, so that the collector finds out by
 * itself that it can store again (a readiness probe that refuses traffic would otherwise wait
 * for a report that never comes). Nothing is written while commits succeed.
 */
@Singleton
public class HealthProbe {
    private static final Logger LOG = LoggerFactory.getLogger(HealthProbe.class);
    static final String NAME = "health.probe";

    private final Database db;
    private final CollectorHealth health;
    private final Clock clock;

    public HealthProbe(Database db, CollectorHealth health, Clock clock) {
        this.db = db;
        this.health = health;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${akashi.health.probe-interval:" + HealthProperties.PROBE_INTERVAL + "}",
            initialDelay = "${akashi.health.probe-interval:" + HealthProperties.PROBE_INTERVAL + "}")
    void probe() {
        if (!health.commitsFailing() || health.damaged()) {
            return;
        }
        try {
            String now = String.valueOf(clock.millis());
            db.write(h -> {
                h.createUpdate("DELETE FROM evaluation_state WHERE name = :n").bind("n", NAME).execute();
                h.createUpdate("INSERT INTO evaluation_state (name, value) VALUES (:n, :v)").bind("n", NAME).bind("v", now).execute();
                return null;
            });
            LOG.info("the database takes commits again");
        } catch (RuntimeException e) {
            LOG.debug("health probe: commits still fail: {}", e.getMessage());
        }
    }
}
