package jp.akashi.collector.web;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.evaluate.ChangeFeed;

/** The change feed with the names, titles and links the pages show (one asset lookup per window). */
@Singleton
public class ChangeViews {
    private final ChangeFeed feed;
    private final ConsoleReads reads;
    private final CheckIndex checks;
    private final Catalog catalog;
    private final Clock clock;
    private final jp.akashi.collector.store.Database db;

    public ChangeViews(ChangeFeed feed, ConsoleReads reads, CheckIndex checks, Catalog catalog, Clock clock,
                       jp.akashi.collector.store.Database db) {
        this.db = db;
        this.feed = feed;
        this.reads = reads;
        this.checks = checks;
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * The last 24 hours, for the dashboard, computed at most once per {@link #DASHBOARD_TTL_MS} and
     * language: on a fleet's first day the window holds tens of thousands of first results (a few
     * hundred milliseconds to fold), and every person opening the dashboard would pay for it again.
     * The 変化 page itself is always computed fresh.
     */
    public ChangeView.Feed lastDay(String lang) {
        long now = clock.millis();
        String version = version();
        Cached c = dashboard.get(lang);
        if (c != null && c.version().equals(version) && now - c.at() >= 0 && now - c.at() < DASHBOARD_TTL_MS) {
            return c.feed();
        }
        ChangeView.Feed f = view(now - Duration.ofDays(1).toMillis(), now, lang);
        dashboard.put(lang, new Cached(now, version, f));
        return f;
    }

    /** How old the dashboard's summary of the last day may be when nothing was recorded meanwhile (assets going stale). */
    static final long DASHBOARD_TTL_MS = 30_000;

    /**
     * What the feed is made of, in three index lookups: the newest check and criterion change and the
     * audit log's head (every exception, answer, task and decommissioning is audit-logged). Any new
     * record changes it, so a cached feed is never older than the data, only than the clock.
     */
    private String version() {
        return db.read(h -> h.createQuery("SELECT (SELECT MAX(at) FROM check_transitions) AS c, (SELECT MAX(at) FROM criterion_transitions) AS k, "
                        + "(SELECT MAX(seq) FROM audit_log) AS a")
                .map((rs, ctx) -> rs.getLong("c") + "/" + rs.getLong("k") + "/" + rs.getLong("a")).one());
    }

    private record Cached(long at, String version, ChangeView.Feed feed) {
    }

    private final java.util.concurrent.ConcurrentHashMap<String, Cached> dashboard = new java.util.concurrent.ConcurrentHashMap<>();

    public ChangeView.Feed view(long start, long end, String lang) {
        ChangeFeed.Changes c = feed.between(start, end);
        Set<String> ids = new LinkedHashSet<>();
        c.newlyFailing().forEach(x -> ids.add(x.assetId()));
        c.newlyPassing().forEach(x -> ids.add(x.assetId()));
        c.otherChecks().forEach(x -> ids.add(x.assetId()));
        return ChangeView.of(c, reads.assets(ids), checks, catalog, lang);
    }
}
