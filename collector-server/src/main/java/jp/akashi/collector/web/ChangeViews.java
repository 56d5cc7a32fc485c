package jp.akashi.collector.web;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
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

    /** The last 24 hours, for the dashboard (the same reuse as {@link #recent}, under the 変化 page's own key). */
    public ChangeView.Feed lastDay(String lang) {
        long now = clock.millis();
        return recent("day", now - Duration.ofDays(1).toMillis(), now, lang);
    }

    /**
     * A window that ends now, as a page shows it: reused for the same window ({@code key}: "day",
     * "snapshot", "dates:a:b") and language while nothing new was recorded and for at most
     * {@link #DASHBOARD_TTL_MS}. On a fleet's first day the window holds tens of thousands of first
     * results (a few hundred milliseconds to fold), and every person opening the dashboard or the
     * 変化 page would pay for it again. Exports compute afresh ({@link #view}).
     */
    public ChangeView.Feed recent(String key, long start, long end, String lang) {
        long now = clock.millis();
        String version = version();
        String k = key + "\u0000" + lang;
        Cached c;
        synchronized (cache) {
            c = cache.get(k);
        }
        if (c != null && c.version().equals(version) && now - c.at() >= 0 && now - c.at() < DASHBOARD_TTL_MS) {
            return c.feed();
        }
        ChangeView.Feed f = view(start, end, lang);
        synchronized (cache) {
            cache.put(k, new Cached(now, version, f));
        }
        return f;
    }

    /** How old a reused window may be when nothing was recorded meanwhile (assets going stale, expiry). */
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

    /** The last few windows asked for (least recently used dropped). */
    private final Map<String, Cached> cache = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > 16;
        }
    };

    public ChangeView.Feed view(long start, long end, String lang) {
        ChangeFeed.Changes c = feed.between(start, end);
        Set<String> ids = new LinkedHashSet<>();
        c.newlyFailing().forEach(x -> ids.add(x.assetId()));
        c.newlyPassing().forEach(x -> ids.add(x.assetId()));
        c.otherChecks().forEach(x -> ids.add(x.assetId()));
        return ChangeView.of(c, reads.assets(ids), checks, catalog, lang);
    }
}
