package jp.akashi.collector.store;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.nio.file.Path;
import java.util.Locale;

import jp.akashi.collector.config.CollectorProperties;

/**
 * The database ({@code akashi.db.*}; flags {@code --db-url}, {@code --db-user}, {@code --db-password});
 * the defaults are here and only here (docs/CONFIGURATION.md).
 *
 * @param url         JDBC URL, {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://host/db}; empty:
 *                    {@code jdbc:sqlite:<akashi.data-dir>/akashi.db} (the command line always sets it)
 * @param user        PostgreSQL user
 * @param password    its password (never logged or shown)
 * @param poolSize    connections in the pool (1..1000)
 * @param synchronous how SQLite commits reach the disk before a write returns: {@code GROUP} (one
 *                    shared fsync of the WAL per group of commits), {@code FULL} (SQLite's fsync in
 *                    every commit) or {@code NORMAL} (no fsync; the last commits can be lost)
 * @param quickCheck  run {@code PRAGMA quick_check} on the SQLite file at start
 */
@ConfigurationProperties("akashi.db")
public record DatabaseProperties(
        @Bindable(defaultValue = "") String url,
        @Bindable(defaultValue = "") String user,
        @Bindable(defaultValue = "") String password,
        @Bindable(defaultValue = "8") int poolSize,
        @Bindable(defaultValue = "GROUP") String synchronous,
        @Bindable(defaultValue = "true") boolean quickCheck) {
    public DatabaseProperties {
        url = url == null ? "" : url.strip();
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (poolSize < 1 || poolSize > 1000) {
            throw new IllegalArgumentException("akashi.db.pool-size: must be 1..1000, not " + poolSize);
        }
        synchronous = synchronous == null ? "GROUP" : synchronous.strip().toUpperCase(Locale.ROOT);
        if (!synchronous.equals("GROUP") && !synchronous.equals("FULL") && !synchronous.equals("NORMAL")) {
            throw new IllegalArgumentException("akashi.db.synchronous must be GROUP, FULL or NORMAL, not " + synchronous);
        }
    }

    /** The URL in force: the configured one, or the SQLite file in the data directory. */
    public String url(CollectorProperties collector) {
        return !url.isEmpty() ? url : "jdbc:sqlite:" + Path.of(collector.dataDir()).resolve("akashi.db");
    }

    @Override
    public String toString() {
        return "DatabaseProperties[url=" + url + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***")
                + ", poolSize=" + poolSize + ", synchronous=" + synchronous + ", quickCheck=" + quickCheck + "]";
    }
}
