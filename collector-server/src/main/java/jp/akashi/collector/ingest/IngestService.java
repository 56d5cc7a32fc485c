package jp.akashi.collector.ingest;

import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.enroll.AgentHealth;
import jp.akashi.collector.enroll.AgentStore;
import jp.akashi.collector.store.AssetStore;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.Ids;
import jp.akashi.collector.store.ReportStore;
import jp.akashi.probes.model.AssetIdentity;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.model.Report;

/**
 * Stores one report: validated first, then, in one transaction, the asset (found by its stable
 * identity or created), the report row, its body (once per distinct content) and the asset's
 * current facts. Delivering the same report id again changes nothing.
 */
@Singleton
public class IngestService {
    /** SMBIOS UUIDs that vendors ship on many machines: never an identity. */
    static final Set<String> BOGUS_UUIDS = Set.of("03000200-0400-0500-0006-000700080009",
            "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff");
    /** An asset whose agent reported within this time is not taken over by another agent with the same identity. */
    static final Duration TAKEOVER_AFTER = Duration.ofHours(24);

    private final Database db;
    private final ReportValidator validator;
    private final AssetStore assets;
    private final ReportStore reports;
    private final AgentStore agents;
    private final AuditLog audit;
    private final Clock clock;
    private final ApplicationEventPublisher<ReportStored> events;
    private final int maxDecompressed;
    private final int maxScannedPerAgent;
    private final jp.akashi.collector.evaluate.PendingEvaluations pending;
    private final SpoolNewsReader spoolNews;
    private final jp.akashi.collector.enroll.AgentSpoolHealth spoolHealth;
    private final jp.akashi.collector.metrics.IngestMetrics metrics;
    private final jp.akashi.collector.store.AssetSourceStore sources;
    private final SourceMerger merger;

    public IngestService(Database db, ReportValidator validator, AssetStore assets, ReportStore reports, AgentStore agents,
                         AuditLog audit, Clock clock, ApplicationEventPublisher<ReportStored> events,
                         IngestProperties limits,
                         jp.akashi.collector.evaluate.PendingEvaluations pending, SpoolNewsReader spoolNews,
                         jp.akashi.collector.enroll.AgentSpoolHealth spoolHealth, jp.akashi.collector.metrics.IngestMetrics metrics,
                         jp.akashi.collector.store.AssetSourceStore sources, SourceMerger merger) {
        this.sources = sources;
        this.merger = merger;
        this.pending = pending;
        this.spoolNews = spoolNews;
        this.spoolHealth = spoolHealth;
        this.metrics = metrics;
        this.db = db;
        this.validator = validator;
        this.assets = assets;
        this.reports = reports;
        this.agents = agents;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
        this.maxDecompressed = limits.maxDecompressedBytes();
        this.maxScannedPerAgent = limits.maxScannedAssetsPerAgent();
    }

    /** @param agentVersion the version the report says its agent runs (for the self-update offer) */
    public record Result(String reportId, String assetId, boolean duplicate, String agentVersion) {
    }

    /**
     * @param body    the request body as received
     * @param gzipped whether {@code body} is gzip-compressed (Content-Encoding: gzip)
     */
    public Result ingest(String agentId, byte[] body, boolean gzipped, String remote) {
        return ingest(agentId, body, gzipped, remote, null);
    }

    /** @param sentAt the agent's clock when it sent the request (its {@code X-Akashi-Sent-At}), or null */
    public Result ingest(String agentId, byte[] body, boolean gzipped, String remote, Long sentAt) {
        byte[] json = gzipped ? gunzip(body) : body;
        ReportJson.Parsed parsed = validator.read(json);
        Report r = parsed.report();
        if (r.agentId() != null && !r.agentId().equals(agentId)) {
            throw Refusal.forbidden("this report is signed for agent " + r.agentId() + ", not for the calling agent");
        }
        refuseCollectorVantage(r);
        SpoolNews spool = spoolNews.read(parsed.news());
        // Netty may already have decompressed the body; compress only if the body is new (see store)
        return store(r, agentId, gzipped ? () -> body : () -> gzip(json), remote, null, spool, sentAt, null);
    }

    /**
     * Stores a report the collector collected itself from a registered target (source
     * {@code collector}): the same validation, asset resolution, storage and evaluation as an
     * agent's report, without an agent. Such assets are found again by their strong identity
     * (hardware UUID, machine id, SNMP engine id) or, lacking one, by address and kind.
     *
     * @param intervalSeconds how often the target is collected: the asset turns stale after three missed runs
     */
    public Result ingestCollected(Report r, Integer intervalSeconds) {
        return ingestCollected(r, intervalSeconds, TargetSources.Collected.UNNAMED);
    }

    /** @param by the target (with its credential) that collected it: its facts are kept apart as that source */
    public Result ingestCollected(Report r, Integer intervalSeconds, TargetSources.Collected by) {
        validator.validateCollected(r);
        byte[] json;
        try {
            json = jp.akashi.probes.util.Json.mapper().writeValueAsBytes(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (json.length > maxDecompressed) {
            throw new Refusal(Refusal.Kind.TOO_LARGE, "report exceeds " + maxDecompressed + " bytes");
        }
        return store(r, null, () -> gzip(json), null, intervalSeconds, SpoolNews.NONE, null, by);
    }

    /** @param agentId the posting agent, or null for the collector's own collections */
    private Result store(Report r, String agentId, java.util.function.Supplier<byte[]> gz, String remote, Integer collectedInterval,
                         SpoolNews spool, Long sentAt, TargetSources.Collected by) {
        String source = r.source() == null ? Report.SOURCE_AGENT : r.source();
        String sourceKey = agentId == null ? (by == null ? TargetSources.LEGACY_COLLECTOR : by.sourceKey())
                : Report.SOURCE_AGENT.equals(source) ? TargetSources.agent(agentId) : TargetSources.agentScan(agentId);
        boolean confirms = RunConfirmation.confirms(r);
        CompactFacts.Encoded encoded = CompactFacts.encode(r, sourceKey);
        String contentHash = encoded.contentHash();
        String compact = encoded.compact();
        int errors = (int) r.facts().stream().filter(f -> f.status() != FactStatus.OK).count();
        long now = clock.millis();
        String reportId = r.reportId().toString();
        Map<String, Object> known = knownValues(r);
        Integer interval = collectedInterval != null ? collectedInterval
                : known.get("agent.interval_seconds") instanceof Number n && n.longValue() > 0 && n.longValue() < 31L * 86400
                ? n.intValue() : null;
        String osFamily = r.asset().osFamily() != null ? r.asset().osFamily() : string(known.get("os.family"));
        String osName = string(known.get("os.pretty_name")) != null ? string(known.get("os.pretty_name")) : string(known.get("os.name"));
        String osVersion = string(known.get("os.version"));

        // compress outside the (SQLite) write lock when the body will likely be new; inside only if a race says so
        java.util.function.Supplier<byte[]> body = gz;
        if (agentId == null || !sameContentAsBefore(agentId, sourceKey, contentHash)) {
            byte[] ready = gz.get();
            body = () -> ready;
        }
        java.util.function.Supplier<byte[]> bodyForStore = body;
        // retried when it lost a race: the same report (or body) inserted by another instance at the
        // same moment is then found stored and answered as a duplicate, never as a 500
        Stored stored = scanLimitAudited(agentId, reportId, r, () -> db.writeRetrying(h -> {
            Optional<ReportStore.ReportRow> existing = reports.byId(h, reportId);
            if (existing.isPresent()) {
                if (!java.util.Objects.equals(agentId, existing.get().agentId())) {
                    throw new Refusal(Refusal.Kind.CONFLICT, "report id " + reportId + " was already used by another agent");
                }
                // a re-sent report (lost acknowledgement, often after a crash): queue its asset again
                // unless its results already sit on the asset's newest report
                String asset = existing.get().assetId();
                String newest = assets.currentFacts(h, asset).map(AssetStore.CurrentFacts::reportId).orElse(null);
                boolean judged = newest != null && h.createQuery("SELECT COUNT(*) FROM check_results WHERE asset_id = :a AND report_id = :r")
                        .bind("a", asset).bind("r", newest).mapTo(Integer.class).one() > 0;
                if (!judged) {
                    pending.mark(h, asset, newest, now);
                }
                return new Stored(asset, true, false, false, !judged, null);
            }
            AgentStore.Agent agent = agentId == null ? null
                    : agents.byId(h, agentId).orElseThrow(() -> Refusal.forbidden("unknown agent"));
            Resolved res = agent == null ? resolveScanned(h, r, source, COLLECTOR, sourceKey, confirms, now)
                    : resolveAsset(h, agent, r, source, sourceKey, now);
            String assetId = res.assetId();
            AssetIdentity a = r.asset();
            assets.updateObserved(h, assetId, a.hostname(), a.machineId(), usableUuid(a.hardwareUuid()), a.snmpEngineId(),
                    a.address(), osFamily, osName, osVersion, Report.SOURCE_AGENT.equals(source) ? agentId : null,
                    now, reportId, interval);
            assets.confirm(h, assetId, confirms ? now : null, agent == null && confirms ? sshHostKey(r) : null);
            Optional<String> before = sources.contentHash(h, assetId, sourceKey);
            boolean changed = before.isEmpty() || !before.get().equals(contentHash);
            if (changed) {
                reports.putBodyIfAbsent(h, contentHash, bodyForStore, now);
            }
            reports.insert(h, new ReportStore.ReportRow(reportId, assetId, agentId, source, r.agentVersion(), now,
                    r.startedAt().toEpochMilli(), r.finishedAt().toEpochMilli(), r.facts().size(), errors, contentHash, contentHash));
            String label = agent == null ? (by == null ? null : by.label()) : agent.name();
            sources.put(h, new jp.akashi.collector.store.AssetSourceStore.SourceRow(assetId, sourceKey, source, label, reportId,
                    contentHash, now, confirms ? now : null, r.facts().size(), errors, compact));
            if (agent == null && !TargetSources.LEGACY_COLLECTOR.equals(sourceKey)) {
                // the row kept from before sources were apart was this target's (or another's, which its next run restores)
                sources.delete(h, assetId, TargetSources.LEGACY_COLLECTOR);
            }
            Map<String, CompactFacts.Value> merged = merger.remerge(h, assetId, reportId, contentHash, now, sourceKey,
                    CompactFacts.values(r.facts()), encoded.sole());
            pending.mark(h, assetId, reportId, now);
            if (agent != null) {
                agents.seen(h, agentId, now, r.agentVersion(), remote, AgentHealth.of(r, interval, now, sentAt), spool.self());
                long lost = spoolHealth.record(h, agentId, spool, now);
                if (lost > 0) {
                    h.afterCommit(() -> metrics.spoolDrops(lost));
                }
            }
            return new Stored(assetId, false, changed, res.created(), true, merged);
        }));
        if (!stored.duplicate()) {
            events.publishEvent(new ReportStored(stored.assetId(), reportId, stored.changed(), stored.created(), stored.merged()));
        } else if (stored.queued()) {
            events.publishEvent(new ReportStored(stored.assetId(), reportId, false, false, null));
        }
        return new Result(reportId, stored.assetId(), stored.duplicate(), r.agentVersion());
    }

    /** Runs the store; a refusal for the scan limit is audit-logged on its own (the refused transaction is rolled back). */
    private Stored scanLimitAudited(String agentId, String reportId, Report r, java.util.function.Supplier<Stored> work) {
        try {
            return work.get();
        } catch (ScanLimitReached e) {
            db.write(h -> audit.append(h, "agent:" + agentId, "asset.scan_limit", agentId, Map.of("limit", maxScannedPerAgent,
                    "reportId", reportId, "address", r.asset().address() == null ? "" : r.asset().address())));
            throw e;
        }
    }

    /** The feeder name of the collector's own targets (an agent's is {@code agent:<id>}). */
    static final String COLLECTOR = "collector";

    /** A scanning agent already feeds as many assets as it may; nothing of the report is stored. */
    static final class ScanLimitReached extends Refusal {
        ScanLimitReached(int limit) {
            super(Refusal.Kind.LIMIT_REACHED, "this agent already feeds " + limit + " scanned assets (akashi.ingest."
                            + "max-scanned-assets-per-agent); decommission some or raise the limit",
                    "このエージェントが走査で登録できる資産は " + limit + " 件までです（上限に達しました）。不要な資産を廃止するか上限を引き上げてください");
        }
    }

    /**
     * An agent cannot speak for the collector: a port scan's vantage point {@code collector} is the
     * collector's own (its targets), and exposure checks read it as such. Refused rather than
     * stripped, because the body is stored and signed into snapshots as the agent sent it.
     */
    static void refuseCollectorVantage(Report r) {
        for (Fact f : r.facts()) {
            if ("exposure.scanned_from".equals(f.key()) && f.value() instanceof String v && claimsCollector(v)) {
                throw Refusal.badRequest("facts: exposure.scanned_from '" + v + "' is reserved for the collector's own scans; "
                        + "an agent's scan is recorded as agent:<name> or another vantage point");
            }
        }
    }

    static boolean claimsCollector(String vantage) {
        String v = vantage.strip().toLowerCase(java.util.Locale.ROOT);
        return v.equals(COLLECTOR) || v.startsWith(COLLECTOR + ":") || v.startsWith(COLLECTOR + " ");
    }

    /** Whether the agent's asset already has this content (a cheap read before the write transaction). */
    private boolean sameContentAsBefore(String agentId, String sourceKey, String contentHash) {
        return db.read(h -> sources.contentHashOfAgent(h, agentId, sourceKey).map(contentHash::equals).orElse(false));
    }

    /** The SSH host key the collector authenticated the host with (a confirmed SSH run's), or null. */
    static String sshHostKey(Report r) {
        for (Fact f : r.facts()) {
            if ("remote.ssh.host_key_fingerprint".equals(f.key()) && f.ok() && f.value() instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        return null;
    }

    /** @param merged the asset's merged facts after this report (what evaluation judges), null for a duplicate */
    private record Stored(String assetId, boolean duplicate, boolean changed, boolean created, boolean queued,
                          Map<String, CompactFacts.Value> merged) {
    }

    private record Resolved(String assetId, boolean created) {
    }

    /**
     * The asset a report is about. An agent's own host is the asset bound to the agent; an
     * unbound agent is matched by hardware UUID, then machine id (never by hostname alone), and
     * takes over a matched asset only if that asset's previous agent has been silent for a day
     * (re-install) — otherwise a cloned or lying host would overwrite another asset's facts.
     */
    private Resolved resolveAsset(org.jdbi.v3.core.Handle h, AgentStore.Agent agent, Report r, String source, String sourceKey,
                                  long now) {
        AssetIdentity id = r.asset();
        if (!Report.SOURCE_AGENT.equals(source)) {
            // a scan describes the scanned view of a host and never overwrites a host that reports for itself
            return resolveScanned(h, r, source, "agent:" + agent.id(), sourceKey, RunConfirmation.confirms(r), now);
        }
        if (agent.assetId() != null) {
            return new Resolved(agent.assetId(), false);
        }
        Optional<AssetStore.Asset> match = Optional.empty();
        if (usableUuid(id.hardwareUuid()) != null) {
            match = assets.byIdentity(h, "hardware_uuid", usableUuid(id.hardwareUuid()));
        }
        if (match.isEmpty() && id.machineId() != null && !id.machineId().isBlank()) {
            match = assets.byIdentity(h, "machine_id", id.machineId());
        }
        if (match.isEmpty() && id.snmpEngineId() != null && !id.snmpEngineId().isBlank()) {
            match = assets.byIdentity(h, "snmp_engine_id", id.snmpEngineId());
        }
        boolean collected = false;
        if (match.isEmpty()) {
            // the same machine collected by the collector over SSH: one host, one asset, the sources kept apart
            match = hostMatch(h, id, null).filter(m -> !Report.SOURCE_AGENT.equals(m.source()));
            collected = match.isPresent();
        }
        if (match.isPresent()) {
            AssetStore.Asset m = match.get();
            boolean otherActive = m.agentId() != null && !m.agentId().equals(agent.id())
                    && agents.byId(h, m.agentId()).map(o -> o.revokedAt() == null && o.lastSeenAt() != null
                    && o.lastSeenAt() > now - TAKEOVER_AFTER.toMillis()).orElse(false);
            if (otherActive) {
                match = Optional.empty();
            } else if (m.agentId() != null && !m.agentId().equals(agent.id())) {
                audit.append(h, "agent:" + agent.id(), "asset.agent_changed", m.id(), Map.of("previousAgent", m.agentId()));
            }
        }
        if (collected && match.isPresent()) {
            audit.append(h, "agent:" + agent.id(), "asset.source_added", match.get().id(), Map.of("source", sourceKey,
                    "matchedBy", matchedBy(match.get(), id, null)));
        }
        Resolved res = match.map(m -> new Resolved(m.id(), false))
                .orElseGet(() -> create(h, id, source, agent.id(), "agent:" + agent.id(), true, null, now));
        agents.bindAsset(h, agent.id(), res.assetId());
        return res;
    }

    /**
     * The asset a scan or collector-run report is about: the scanned asset with the same identity
     * that this feeder ({@code agent:<id>} or {@code collector}) already feeds, else a new one.
     * Scanned assets belong to their feeder: another agent's scan of the same device, or the
     * collector's target, is never matched, so no feeder overwrites another's facts.
     */
    private Resolved resolveScanned(org.jdbi.v3.core.Handle h, Report r, String source, String feeder, String sourceKey,
                                    boolean confirms, long now) {
        AssetIdentity id = r.asset();
        Set<String> keys = new java.util.HashSet<>();
        r.facts().forEach(f -> keys.add(f.key()));
        Optional<AssetStore.Asset> match = matchScanned(h, feeder, id, keys, sourceKey);
        if (match.isPresent()) {
            return new Resolved(match.get().id(), false);
        }
        if (COLLECTOR.equals(feeder) && AssetIdentity.KIND_HOST.equals(id.kind())) {
            // the collector's SSH view of a host an agent reports for itself (or that another target collects
            // under another address): the same machine id, hardware UUID or SSH host key is the same asset
            String hostKey = confirms ? sshHostKey(r) : null;
            Optional<AssetStore.Asset> host = hostMatch(h, id, hostKey);
            if (host.isPresent()) {
                audit.append(h, COLLECTOR, "asset.source_added", host.get().id(), Map.of("source", sourceKey,
                        "matchedBy", matchedBy(host.get(), id, hostKey)));
                return new Resolved(host.get().id(), false);
            }
        }
        if (!COLLECTOR.equals(feeder) && assets.countFedBy(h, feeder) >= maxScannedPerAgent) {
            throw new ScanLimitReached(maxScannedPerAgent);
        }
        Resolved res = create(h, id, source, null, feeder, confirms, COLLECTOR.equals(feeder) && confirms ? sshHostKey(r) : null, now);
        assets.setFedBy(h, res.assetId(), feeder);
        return res;
    }

    /** A host (self-reported or collected by the collector) with this hardware UUID, machine id or SSH host key. */
    private Optional<AssetStore.Asset> hostMatch(org.jdbi.v3.core.Handle h, AssetIdentity id, String sshHostKey) {
        Optional<AssetStore.Asset> m = Optional.empty();
        if (usableUuid(id.hardwareUuid()) != null) {
            m = assets.hostByIdentity(h, "hardware_uuid", usableUuid(id.hardwareUuid()));
        }
        if (m.isEmpty() && blankToNull(id.machineId()) != null) {
            m = assets.hostByIdentity(h, "machine_id", id.machineId());
        }
        if (m.isEmpty() && sshHostKey != null) {
            m = assets.hostByIdentity(h, "ssh_host_key", sshHostKey);
        }
        return m;
    }

    private static String matchedBy(AssetStore.Asset a, AssetIdentity id, String sshHostKey) {
        if (a.hardwareUuid() != null && a.hardwareUuid().equals(usableUuid(id.hardwareUuid()))) {
            return "hardware_uuid";
        }
        if (a.machineId() != null && a.machineId().equals(id.machineId())) {
            return "machine_id";
        }
        return sshHostKey != null && sshHostKey.equals(a.sshHostKey()) ? "ssh_host_key" : "identity";
    }

    /** @param confirmed whether the creating report really read the asset (else it is shown as unconfirmed) */
    private Resolved create(org.jdbi.v3.core.Handle h, AssetIdentity id, String source, String agentId, String actor,
                            boolean confirmed, String sshHostKey, long now) {
        String assetId = Ids.next();
        assets.insert(h, new AssetStore.Asset(assetId, id.kind(), null, id.hostname(), id.machineId(),
                usableUuid(id.hardwareUuid()), id.snmpEngineId(), id.address(), id.osFamily(), null, null, null, null,
                null, List.<String>of(), source, agentId, now, now, null, null, null, confirmed ? now : null, sshHostKey));
        audit.append(h, actor, "asset.create", assetId,
                Map.of("kind", id.kind(), "hostname", id.hostname() == null ? "" : id.hostname(), "source", source,
                        "confirmed", confirmed));
        return new Resolved(assetId, true);
    }

    /**
     * Among the assets this feeder scanned (sources scan and collector, never self-reported hosts):
     * the one with the same hardware UUID, machine id or SNMP engine id. A report without any of
     * them (a port or TLS scan, a device without SNMPv3) matches an asset of the same kind at the
     * same address that has no strong identity either and holds the same set of fact keys — the
     * same probes — so two targets scanning one address differently never overwrite each other's facts.
     */
    private Optional<AssetStore.Asset> matchScanned(org.jdbi.v3.core.Handle h, String feeder, AssetIdentity id, Set<String> keys,
                                                    String sourceKey) {
        boolean strong = false;
        for (String[] s : new String[][] {{"hardware_uuid", usableUuid(id.hardwareUuid())}, {"machine_id", blankToNull(id.machineId())},
                {"snmp_engine_id", blankToNull(id.snmpEngineId())}}) {
            if (s[1] != null) {
                strong = true;
                Optional<AssetStore.Asset> m = assets.scannedByIdentity(h, feeder, s[0], s[1]);
                if (m.isPresent()) {
                    return m;
                }
            }
        }
        if (strong || id.address() == null || id.address().isBlank()) {
            return Optional.empty();
        }
        return assets.scannedAtAddress(h, feeder, id.address(), id.kind()).stream()
                .filter(a -> sources.forAsset(h, a.id()).stream().anyMatch(s -> s.sourceKey().equals(sourceKey)
                        || CompactFacts.decode(s.factsJson()).keySet().equals(keys)))
                .findFirst();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static String usableUuid(String uuid) {
        if (uuid == null || uuid.isBlank()) {
            return null;
        }
        String u = uuid.strip().toLowerCase();
        return BOGUS_UUIDS.contains(u) ? null : u;
    }

    /** Values of the few facts the asset row shows, found in one pass. */
    private static Map<String, Object> knownValues(Report r) {
        Map<String, Object> m = new java.util.HashMap<>();
        for (Fact f : r.facts()) {
            switch (f.key()) {
                case "os.family", "os.name", "os.pretty_name", "os.version", "agent.interval_seconds" -> {
                    if (f.ok()) {
                        m.put(f.key(), f.value());
                    }
                }
                default -> {
                }
            }
        }
        return m;
    }

    private static String string(Object o) {
        return o instanceof String s ? s : null;
    }

    private byte[] gunzip(byte[] body) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
            byte[] out = in.readNBytes(maxDecompressed + 1);
            if (out.length > maxDecompressed) {
                throw new Refusal(Refusal.Kind.TOO_LARGE, "decompressed report exceeds " + maxDecompressed + " bytes",
                        "展開後の報告が " + maxDecompressed + " バイトを超えています");
            }
            return out;
        } catch (IOException e) {
            throw FieldRefusal.of("Content-Encoding", "the gzip body does not decode (" + e.getMessage() + ")",
                    "gzip の本文を展開できません（" + e.getMessage() + "）");
        }
    }

    /** Fast compression (level 1): bodies are written far more often than read. */
    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream(data.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(bos) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_SPEED);
            }
        }) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.toByteArray();
    }

    /** Reads a stored report body back (for the asset page's evidence and for snapshots). */
    public static Report readBody(byte[] gz) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return jp.akashi.probes.util.Json.mapper().readValue(in, Report.class);
        } catch (IOException e) {
            throw new UncheckedIOException("stored report body unreadable", e);
        }
    }

}
