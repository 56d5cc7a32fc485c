package jp.akashi.collector.health;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;

import jp.akashi.collector.config.CollectorProperties;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.DatabaseProperties;

/**
 * Makes the application's {@link Database} from {@code akashi.db.*} ({@link DatabaseProperties}; an
 * empty URL is the SQLite file in {@code akashi.data-dir}) and hands it the {@link CollectorHealth}
 * that records each commit's outcome (as {@code store.StorageOutcomes}, so that {@code store} needs
 * nothing of {@code health}).
 */
@Factory
public class DatabaseBean {
    @Context
    @Bean(preDestroy = "close")
    Database database(DatabaseProperties db, CollectorProperties collector, CollectorHealth health) {
        return new Database(db.url(collector), db.user(), db.password(), db.poolSize(), db.synchronous(), db.quickCheck(), health);
    }
}
