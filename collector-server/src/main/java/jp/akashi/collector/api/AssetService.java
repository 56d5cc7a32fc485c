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
    private final jp.akashi.collector.store.AssetSourceStore sources;
    private final jp.akashi.collector.ingest.SourceMerger merger;

    public AssetService(Database db, AssetStore assets, ReportStore reports, AuditLog audit, Freshness freshness, Clock clock,
                        jp.akashi.collector.evaluate.EvaluationService evaluation, jp.akashi.collector.enroll.AgentSpoolHealth spoolHealth,
                        jp.akashi.collector.store.AssetSourceStore sources, jp.akashi.collector.ingest.SourceMerger merger) {
        this.sources = sources;
        this.merger = merger;
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

    /**
     * An asset, its current facts (the merged view evaluation judges, each naming its source and
     * report), the latest report, what each source holds apart, and the source reports with their
     * evidence (by report id).
     */
    public record Detail(AssetStore.Asset asset, Map<String, CompactFacts.Value> facts, Report latest,
                         List<ReportStore.ReportRow> history, List<jp.akashi.collector.store.AssetSourceStore.SourceRow> sources,
                         List<jp.akashi.collector.ingest.FactMerge.SourceFacts> sourceFacts, Map<String, Report> sourceReports) {

        /** The evidence of a fact as the report it was taken from carries it (the latest report's for unmerged facts). */
        public Optional<Fact> evidenceFact(String key) {
            CompactFacts.Value v = facts.get(key);
            Report from = v != null && v.reportId() != null && sourceReports.containsKey(v.reportId())
                    ? sourceReports.get(v.reportId()) : latest;
            return AssetService.evidenceFact(from, key);
        }

        /** What the other sources hold for a fact where it differs from the merged value (a failed run's error, say). */
        public List<jp.akashi.collector.ingest.FactMerge.Other> others(String key) {
            CompactFacts.Value v = facts.get(key);
            return v == null || sourceFacts.size() < 2 ? List.of() : jp.akashi.collector.ingest.FactMerge.others(sourceFacts, key, v);
        }

        /** A source's label for people (the target's or agent's name), else its key. */
        public String label(String sourceKey) {
            return sources.stream().filter(s -> s.sourceKey().equals(sourceKey)).findFirst()
                    .map(s -> s.label() != null ? s.label() : s.sourceKey()).orElse(sourceKey);
        }

        /**
         * Why an unconfirmed asset is so, in English: each source's failed read (the console words the
         * heading in its language); null for a confirmed asset.
         */
        public String unconfirmedReason() {
            if (asset.confirmed()) {
                return null;
            }
            List<String> why = new java.util.ArrayList<>();
            for (jp.akashi.collector.ingest.FactMerge.SourceFacts s : sourceFacts) {
                for (String k : jp.akashi.collector.ingest.RunConfirmation.READS) {
                    CompactFacts.Value v = s.facts().get(k);
                    if (v != null && !v.ok()) {
                        why.add(label(s.sourceKey()) + ": " + k + ": " + (v.message() == null ? v.status().wire() : v.message()));
                    }
                }
            }
            return why.isEmpty() ? "no run of its sources has read this asset yet (only its address answered)" : String.join("; ", why);
        }
    }

    public Optional<Detail> detail(String id, int historyLimit) {
        return db.read(h -> assets.byId(h, id).map(a -> {
            Map<String, CompactFacts.Value> facts = assets.currentFacts(h, id)
                    .map(cf -> CompactFacts.decode(cf.factsJson())).orElse(Map.of());
            Report latest = a.lastReportId() == null ? null : reports.byId(h, a.lastReportId())
                    .flatMap(r -> reports.body(h, r.bodySha256())).map(IngestService::readBody).orElse(null);
            List<jp.akashi.collector.store.AssetSourceStore.SourceRow> rows = sources.forAsset(h, id);
            Map<String, Report> bodies = new java.util.HashMap<>();
            if (latest != null) {
                bodies.put(a.lastReportId(), latest);
            }
            for (jp.akashi.collector.store.AssetSourceStore.SourceRow row : rows) {
                if (!bodies.containsKey(row.reportId())) {
                    reports.byId(h, row.reportId()).flatMap(r -> reports.body(h, r.bodySha256())).map(IngestService::readBody)
                            .ifPresent(r -> bodies.put(row.reportId(), r));
                }
            }
            return new Detail(a, facts, latest, reports.history(h, id, historyLimit), rows, merger.sourceFacts(rows), bodies);
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
