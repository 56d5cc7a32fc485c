package jp.akashi.collector.api;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.akashi.collector.ingest.CompactFacts;
import jp.akashi.collector.ingest.IngestService;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.store.AssetRoles;
import jp.akashi.collector.store.AssetStore;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.Freshness;
import jp.akashi.collector.store.ReportStore;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.Report;

/** Reading assets with their current facts and evidence; editing their admin attributes. */
@Singleton
public class AssetService {
    private final Database db;
    private final AssetStore assets;
    private final ReportStore reports;
    private final AuditLog audit;
    private final Freshness freshness;
    private final Clock clock;
    private final jp.akashi.collector.evaluate.EvaluationService evaluation;
    private final jp.akashi.collector.enroll.AgentSpoolHealth spoolHealth;

    public AssetService(Database db, AssetStore assets, ReportStore reports, AuditLog audit, Freshness freshness, Clock clock,
                        jp.akashi.collector.evaluate.EvaluationService evaluation, jp.akashi.collector.enroll.AgentSpoolHealth spoolHealth) {
        this.evaluation = evaluation;
        this.spoolHealth = spoolHealth;
        this.db = db;
        this.assets = assets;
        this.reports = reports;
        this.audit = audit;
        this.freshness = freshness;
        this.clock = clock;
    }

    public AssetStore.Page list(AssetStore.Filter f, int offset, int limit) {
        AssetStore.Filter withNow = f.now() > 0 ? f : f.at(clock.millis());
        return db.read(h -> assets.list(h, withNow, offset, limit));
    }

    /** The OS families present among active assets. */
    public List<String> osFamilies() {
        return db.read(assets::osFamilies);
    }

    /**
     * The inventory at a glance: counts by kind and OS family, how many reported in the last day,
     * the assets that stopped reporting (the first {@code listed} of them and their number) and the
     * latest reports.
     */
    public record Overview(List<AssetStore.Count> counts, long total, long seenLastDay, AssetStore.Page stale,
                           List<ReportStore.Recent> recentReports) {
    }

    public Overview overview(int listed) {
        long now = clock.millis();
        AssetStore.Filter staleOnly = new AssetStore.Filter(null, null, null, null, true,
                freshness.defaultStaleBefore(now), now);
        return db.read(h -> {
            List<AssetStore.Count> counts = assets.countsByKindAndOs(h);
            long total = counts.stream().mapToLong(AssetStore.Count::count).sum();
            return new Overview(counts, total, assets.countSeenSince(h, now - java.time.Duration.ofDays(1).toMillis()),
                    assets.list(h, staleOnly, 0, listed), reports.latestPerAsset(h, listed));
        });
    }

    /** A page of an asset's report history, newest first, and how many reports it has. */
    public record History(List<ReportStore.ReportRow> items, long total) {
    }

    public History history(String assetId, int offset, int limit) {
        return db.read(h -> new History(reports.history(h, assetId, offset, limit), reports.countForAsset(h, assetId)));
    }

    public boolean stale(AssetStore.Asset a) {
        return freshness.stale(a, clock.millis());
    }

    public long defaultStaleBefore() {
        return freshness.defaultStaleBefore(clock.millis());
    }

    /** An asset, its current facts (as evaluation sees them) and the latest report with evidence. */
    public record Detail(AssetStore.Asset asset, Map<String, CompactFacts.Value> facts, Report latest,
                         List<ReportStore.ReportRow> history) {
    }

    public Optional<Detail> detail(String id, int historyLimit) {
        return db.read(h -> assets.byId(h, id).map(a -> {
            Map<String, CompactFacts.Value> facts = assets.currentFacts(h, id)
                    .map(cf -> CompactFacts.decode(cf.factsJson())).orElse(Map.of());
            Report latest = a.lastReportId() == null ? null : reports.byId(h, a.lastReportId())
                    .flatMap(r -> reports.body(h, r.bodySha256())).map(IngestService::readBody).orElse(null);
            return new Detail(a, facts, latest, reports.history(h, id, historyLimit));
        }));
    }

    /** What the asset's agent told about its spool (reports lost on the host, a spool it cannot write); empty if nothing. */
    public Optional<jp.akashi.collector.enroll.AgentSpoolHealth.Health> spool(String agentId) {
        return agentId == null ? Optional.empty() : db.read(h -> spoolHealth.of(h, agentId));
    }

    /** Who feeds a scanned asset ({@code agent:<id>} or {@code collector}): the only sender whose reports update it. */
    public Optional<String> fedBy(String id) {
        return db.read(h -> assets.fedBy(h, id));
    }

    /** Evidence of one fact in the latest report, if the report carried any. */
    public static Optional<Fact> evidenceFact(Report latest, String key) {
        if (latest == null) {
            return Optional.empty();
        }
        return latest.facts().stream().filter(f -> f.key().equals(key)).findFirst();
    }

    public record Attributes(String displayName, String owner, String department, String location, List<String> roles) {
    }

    public AssetStore.Asset update(Caller caller, String id, Attributes attrs) {
        List<String> roles;
        try {
            roles = AssetRoles.normalise(attrs.roles());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        for (String[] f : new String[][]{{"displayName", attrs.displayName()}, {"owner", attrs.owner()},
                {"department", attrs.department()}, {"location", attrs.location()}}) {
            if (f[1] != null && f[1].length() > 255) {
                throw ApiException.badRequest(f[0] + ": at most 255 characters");
            }
        }
        AssetStore.Asset updated = db.write(h -> {
            AssetStore.Asset before = assets.byId(h, id).orElseThrow(() -> ApiException.notFound("no asset " + id));
            assets.updateAttributes(h, id, blankToNull(attrs.displayName()), blankToNull(attrs.owner()),
                    blankToNull(attrs.department()), blankToNull(attrs.location()), roles);
            audit.append(h, caller.actor(), "asset.update", id, Map.of(
                    "before", Map.of("owner", str(before.owner()), "department", str(before.department()),
                            "location", str(before.location()), "roles", before.roles(), "displayName", str(before.displayName())),
                    "after", Map.of("owner", str(attrs.owner()), "department", str(attrs.department()),
                            "location", str(attrs.location()), "roles", roles, "displayName", str(attrs.displayName()))));
            return assets.byId(h, id).orElseThrow();
        });
        // roles decide which checks apply
        evaluation.assetChanged(id);
        return updated;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String str(String s) {
        return s == null ? "" : s;
    }
}
