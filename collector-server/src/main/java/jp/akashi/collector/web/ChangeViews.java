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

    public ChangeViews(ChangeFeed feed, ConsoleReads reads, CheckIndex checks, Catalog catalog, Clock clock) {
        this.feed = feed;
        this.reads = reads;
        this.checks = checks;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** The last 24 hours, for the dashboard. */
    public ChangeView.Feed lastDay(String lang) {
        long now = clock.millis();
        return view(now - Duration.ofDays(1).toMillis(), now, lang);
    }

    public ChangeView.Feed view(long start, long end, String lang) {
        ChangeFeed.Changes c = feed.between(start, end);
        Set<String> ids = new LinkedHashSet<>();
        c.newlyFailing().forEach(x -> ids.add(x.assetId()));
        c.newlyPassing().forEach(x -> ids.add(x.assetId()));
        c.otherChecks().forEach(x -> ids.add(x.assetId()));
        return ChangeView.of(c, reads.assets(ids), checks, catalog, lang);
    }
}
