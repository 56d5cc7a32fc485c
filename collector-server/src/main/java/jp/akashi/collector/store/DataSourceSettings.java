package jp.akashi.collector.store;

import com.zaxxer.hikari.HikariConfig;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanInitializedEventListener;
import io.micronaut.context.event.BeanInitializingEvent;

import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.util.Properties;

import jp.akashi.collector.config.CollectorProperties;

/**
 * The pool of {@code datasources.default} (micronaut-jdbc-hikari) from {@code akashi.db.*}: the URL in
 * force ({@link DatabaseProperties#url}: the configured one, or the SQLite file in the data directory),
 * user, password, pool size and, for SQLite, the pragmas every connection opens with. So the operators'
 * keys and flags ({@code --db-url}, …) stay what they were; set, they win over {@code datasources.default.*}.
 *
 * <p>It also runs, for a SQLite file, what must happen before the pool opens its first connection
 * (Hikari opens one as soon as the {@code DataSource} bean is made, and micronaut-flyway migrates on
 * that bean right after): the data directory 0700, the file refused when it is empty, unreadable or
 * not a database ({@link DatabaseFile#refuseDamaged}), created 0600 when absent
 * ({@link DataFilePermissions#beforeOpen}), and {@code PRAGMA quick_check} on a connection of its own
 * ({@link DatabaseFile#refuseCorrupt}), so that a damaged file is refused with its restore advice
 * instead of meeting Flyway first. This runs when the configuration bean is initialized, before its
 * own {@code @PostConstruct} (which derives the driver from the URL) and so before the pool exists.
 */
@Singleton
public class DataSourceSettings implements BeanInitializedEventListener<DatasourceConfiguration> {
    /** The data source this application uses: micronaut-jdbc-hikari's primary one. */
    static final String NAME = "default";
    private final DatabaseProperties db;
    private final CollectorProperties collector;

    public DataSourceSettings(DatabaseProperties db, CollectorProperties collector) {
        this.db = db;
        this.collector = collector;
    }

    @Override
    public DatasourceConfiguration onInitialized(BeanInitializingEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration cfg = event.getBean();
        if (NAME.equals(cfg.getName())) {
            // Hikari's own check (JDBC isValid) as before, not the "SELECT 1" micronaut-jdbc would derive from the URL
            cfg.setAutomaticValidationQuery(false);
            prepare(db, db.url(collector), cfg);
        }
        return cfg;
    }

    /**
     * Sets {@code cfg} from {@code db} for {@code url} and, for a SQLite file, checks the file before
     * anything opens it. The application's pool and the tests' databases outside it
     * ({@link Database#outsideApplication}) are both made through here.
     */
    static void prepare(DatabaseProperties db, String url, HikariConfig cfg) {
        cfg.setJdbcUrl(url);
        cfg.setPoolName("akashi-db");
        cfg.setMaximumPoolSize(db.poolSize());
        if (!db.user().isEmpty()) {
            cfg.setUsername(db.user());
        }
        if (!db.password().isEmpty()) {
            cfg.setPassword(db.password());
        }
        if (url.startsWith("jdbc:sqlite:")) {
            cfg.addDataSourceProperty("journal_mode", "WAL");
            // GROUP: NORMAL in the commit, the WAL forced afterwards by WalSync
            cfg.addDataSourceProperty("synchronous", db.synchronous().equals("GROUP") ? "NORMAL" : db.synchronous());
            cfg.addDataSourceProperty("foreign_keys", "true");
            cfg.addDataSourceProperty("busy_timeout", "30000");
            cfg.addDataSourceProperty("cache_size", "-32000");
        }
        Path file = DatabaseFile.of(url);
        if (file != null) {
            DataFilePermissions.directory(file.getParent());
            DatabaseFile.refuseDamaged(file);
            DataFilePermissions.beforeOpen(file);
            if (db.quickCheck()) {
                quickCheck(file, url, cfg.getDataSourceProperties());
            }
        }
    }

    /** {@code PRAGMA quick_check} on one connection outside the pool, opened as the pool's are. */
    private static void quickCheck(Path file, String url, Properties pragmas) {
        org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource(new org.sqlite.SQLiteConfig(pragmas));
        ds.setUrl(url);
        DatabaseFile.refuseCorrupt(file, ds);
    }
}
