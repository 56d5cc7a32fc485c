package jp.akashi.collector.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.ingest.CompactFacts;
import io.micronaut.security.annotation.Secured;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.store.AssetStore;
import jp.akashi.collector.store.ReportStore;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.model.Fact;

/** The asset inventory: list, detail with current facts and evidence, admin attributes. */
@Controller("/api/v1/assets")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AssetController {
    static final int MAX_PAGE_SIZE = 500;
    private final AssetService service;

    public AssetController(AssetService service) {
        this.service = service;
    }

    /** A page of the inventory. */
    @Serdeable
    public record AssetPage(long total, int offset, int limit, List<AssetSummary> items) {
    }

    /** An asset in the list, and the head of its detail. */
    @Serdeable
    public record AssetSummary(String id, String name, String kind, String hostname, String address, String osFamily,
                               String osName, String osVersion, String owner, String department, String location,
                               List<String> roles, String source, String agentId, String firstSeenAt, String lastSeenAt,
                               boolean stale, boolean confirmed) {
    }

    /**
     * An asset with its current facts, sources and latest reports. {@code fedBy}: a scanned asset's owner, only
     * this feeder's reports update it (null for agents' own hosts); {@code spool}: the agent's spool as its
     * reports told it (the asset page's "N reports lost on the host"), null if never told.
     */
    @Serdeable
    public record AssetDetail(String id, String name, String kind, String hostname, String address, String osFamily,
                              String osName, String osVersion, String owner, String department, String location,
                              List<String> roles, String source, String agentId, String firstSeenAt, String lastSeenAt,
                              boolean stale, boolean confirmed, String fedBy, SpoolView spool, List<FactView> facts,
                              String unconfirmedReason, List<SourceView> sources, List<ReportView> reports) {
    }

    /**
     * A current fact: the source and report its value was taken from, and that report's evidence;
     * value, message, evidence and others are left out when there are none.
     */
    @Serdeable
    public record FactView(String key, String status,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Object value,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String message,
                           String collectedAt, String probe, String source, String reportId,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Evidence evidence,
                           @JsonInclude(JsonInclude.Include.NON_NULL) List<OtherValue> others) {
    }

    /** What another source holds for a fact where it differs from the merged value. */
    @Serdeable
    public record OtherValue(String source, String status,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Object value,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String message,
                             String collectedAt, String reportId) {
    }

    /** One source of an asset: who (its key, kind and label), its newest report and time, whether it ever read the asset. */
    @Serdeable
    public record SourceView(String key, String source, String label, String reportId, String updatedAt, boolean confirmed,
                             String confirmedAt, int factCount, int errors) {
    }

    @Serdeable
    public record SpoolView(long lostTotal, String firstLostAt, String lastLostAt, String problem, String problemAt) {
    }

    @Serdeable
    public record ReportView(String id, String receivedAt, int factCount, int errorCount, String agentVersion,
                             String contentSha256) {
    }

    @Get
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public AssetPage list(@Nullable @QueryValue String q, @Nullable @QueryValue String kind,
                          @Nullable @QueryValue String os, @Nullable @QueryValue String role,
                          @Nullable @QueryValue Boolean stale,
                          @QueryValue(defaultValue = "0") int offset, @QueryValue(defaultValue = "50") int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE_SIZE) {
            throw ApiException.badRequest("offset >= 0 and 1 <= limit <= " + MAX_PAGE_SIZE);
        }
        if (q != null && q.length() > 200) {
            throw ApiException.badRequest("q: at most 200 characters");
        }
        AssetStore.Page page = service.list(new AssetStore.Filter(q, kind, os, role, stale, service.defaultStaleBefore()), offset, limit);
        return new AssetPage(page.total(), offset, limit, page.items().stream().map(this::summary).toList());
    }

    @Get("/{id}")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public AssetDetail get(@PathVariable String id) {
        AssetService.Detail d = service.detail(id, 20).orElseThrow(() -> ApiException.notFound("no asset " + id));
        AssetStore.Asset a = d.asset();
        List<FactView> facts = new ArrayList<>();
        for (Map.Entry<String, CompactFacts.Value> e : d.facts().entrySet()) {
            CompactFacts.Value v = e.getValue();
            List<OtherValue> others = d.others(e.getKey()).stream().map(o -> new OtherValue(o.sourceKey(),
                    o.value().status().wire(), o.value().value(), o.value().message(), instant(o.value().collectedAt()),
                    o.value().reportId())).toList();
            facts.add(new FactView(e.getKey(), v.status().wire(), v.value(), v.message(), instant(v.collectedAt()), v.probe(),
                    v.source(), v.reportId(), d.evidenceFact(e.getKey()).map(Fact::evidence).orElse(null),
                    others.isEmpty() ? null : others));
        }
        return new AssetDetail(a.id(), a.name(), a.kind(), a.hostname(), a.address(), a.osFamily(), a.osName(), a.osVersion(),
                a.owner(), a.department(), a.location(), a.roles(), a.source(), a.agentId(), instant(a.firstSeenAt()),
                instant(a.lastSeenAt()), service.stale(a), a.confirmed(), service.fedBy(id).orElse(null),
                service.spool(a.agentId()).map(AssetController::spoolView).orElse(null), facts, d.unconfirmedReason(),
                d.sources().stream().map(AssetController::sourceView).toList(),
                d.history().stream().map(AssetController::reportView).toList());
    }

    @Patch("/{id}")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    public AssetSummary update(Caller caller, @PathVariable String id, @Body AssetService.Attributes attrs) {
        if (attrs == null) {
            throw ApiException.badRequest("JSON body with displayName, owner, department, location, roles required");
        }
        return summary(service.update(caller, id, attrs));
    }

    private AssetSummary summary(AssetStore.Asset a) {
        // an asset only failed runs have seen (its address answered, nothing was read) is unconfirmed
        return new AssetSummary(a.id(), a.name(), a.kind(), a.hostname(), a.address(), a.osFamily(), a.osName(), a.osVersion(),
                a.owner(), a.department(), a.location(), a.roles(), a.source(), a.agentId(), instant(a.firstSeenAt()),
                instant(a.lastSeenAt()), service.stale(a), a.confirmed());
    }

    static SourceView sourceView(jp.akashi.collector.store.AssetSourceStore.SourceRow s) {
        return new SourceView(s.sourceKey(), s.source(), s.label(), s.reportId(), instant(s.updatedAt()), s.confirmedAt() != null,
                s.confirmedAt() == null ? null : instant(s.confirmedAt()), s.factCount(), s.errorCount());
    }

    static SpoolView spoolView(jp.akashi.collector.enroll.AgentSpoolHealth.Health s) {
        return new SpoolView(s.lostTotal(), s.firstLostAt() == null ? null : instant(s.firstLostAt()),
                s.lastLostAt() == null ? null : instant(s.lastLostAt()), s.problem(),
                s.problemAt() == null ? null : instant(s.problemAt()));
    }

    static ReportView reportView(ReportStore.ReportRow r) {
        return new ReportView(r.id(), instant(r.receivedAt()), r.factCount(), r.errorCount(), r.agentVersion(), r.contentSha256());
    }

    private static String instant(long epochMilli) {
        return Instant.ofEpochMilli(epochMilli).toString();
    }
}
