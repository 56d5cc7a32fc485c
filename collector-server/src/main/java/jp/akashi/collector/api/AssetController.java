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

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.ingest.CompactFacts;
import io.micronaut.security.annotation.Secured;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.store.AssetStore;
import jp.akashi.collector.store.ReportStore;
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

    @Get
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public Map<String, Object> list(@Nullable @QueryValue String q, @Nullable @QueryValue String kind,
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
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", page.total());
        out.put("offset", offset);
        out.put("limit", limit);
        out.put("items", page.items().stream().map(this::summary).toList());
        return out;
    }

    @Get("/{id}")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public Map<String, Object> get(@PathVariable String id) {
        AssetService.Detail d = service.detail(id, 20).orElseThrow(() -> ApiException.notFound("no asset " + id));
        Map<String, Object> out = summary(d.asset());
        // a scanned asset's owner: only this feeder's reports update it (null for agents' own hosts)
        out.put("fedBy", service.fedBy(id).orElse(null));
        // the agent's spool as its reports told it (the asset page's "N reports lost on the host"); null if never told
        out.put("spool", service.spool(d.asset().agentId()).map(AssetController::spoolView).orElse(null));
        List<Map<String, Object>> facts = new ArrayList<>();
        for (Map.Entry<String, CompactFacts.Value> e : d.facts().entrySet()) {
            Map<String, Object> f = new LinkedHashMap<>();
            CompactFacts.Value v = e.getValue();
            f.put("key", e.getKey());
            f.put("status", v.status().wire());
            if (v.value() != null) {
                f.put("value", v.value());
            }
            if (v.message() != null) {
                f.put("message", v.message());
            }
            f.put("collectedAt", Instant.ofEpochMilli(v.collectedAt()).toString());
            f.put("probe", v.probe());
            // the source and report the value was taken from, and that report's evidence
            f.put("source", v.source());
            f.put("reportId", v.reportId());
            d.evidenceFact(e.getKey()).map(Fact::evidence).ifPresent(ev -> f.put("evidence", ev));
            List<Map<String, Object>> others = new ArrayList<>();
            for (jp.akashi.collector.ingest.FactMerge.Other o : d.others(e.getKey())) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("source", o.sourceKey());
                x.put("status", o.value().status().wire());
                if (o.value().value() != null) {
                    x.put("value", o.value().value());
                }
                if (o.value().message() != null) {
                    x.put("message", o.value().message());
                }
                x.put("collectedAt", Instant.ofEpochMilli(o.value().collectedAt()).toString());
                x.put("reportId", o.value().reportId());
                others.add(x);
            }
            if (!others.isEmpty()) {
                f.put("others", others);
            }
            facts.add(f);
        }
        out.put("facts", facts);
        out.put("unconfirmedReason", d.unconfirmedReason());
        out.put("sources", d.sources().stream().map(AssetController::sourceView).toList());
        out.put("reports", d.history().stream().map(AssetController::reportView).toList());
        return out;
    }

    @Patch("/{id}")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    public Map<String, Object> update(Caller caller, @PathVariable String id, @Body AssetService.Attributes attrs) {
        if (attrs == null) {
            throw ApiException.badRequest("JSON body with displayName, owner, department, location, roles required");
        }
        return summary(service.update(caller, id, attrs));
    }

    private Map<String, Object> summary(AssetStore.Asset a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("name", a.name());
        m.put("kind", a.kind());
        m.put("hostname", a.hostname());
        m.put("address", a.address());
        m.put("osFamily", a.osFamily());
        m.put("osName", a.osName());
        m.put("osVersion", a.osVersion());
        m.put("owner", a.owner());
        m.put("department", a.department());
        m.put("location", a.location());
        m.put("roles", a.roles());
        m.put("source", a.source());
        m.put("agentId", a.agentId());
        m.put("firstSeenAt", Instant.ofEpochMilli(a.firstSeenAt()).toString());
        m.put("lastSeenAt", Instant.ofEpochMilli(a.lastSeenAt()).toString());
        m.put("stale", service.stale(a));
        // an asset only failed runs have seen (its address answered, nothing was read) is unconfirmed
        m.put("confirmed", a.confirmed());
        return m;
    }

    /** One source of an asset: who (its key, kind and label), its newest report and time, whether it ever read the asset. */
    static Map<String, Object> sourceView(jp.akashi.collector.store.AssetSourceStore.SourceRow s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", s.sourceKey());
        m.put("source", s.source());
        m.put("label", s.label());
        m.put("reportId", s.reportId());
        m.put("updatedAt", Instant.ofEpochMilli(s.updatedAt()).toString());
        m.put("confirmed", s.confirmedAt() != null);
        m.put("confirmedAt", s.confirmedAt() == null ? null : Instant.ofEpochMilli(s.confirmedAt()).toString());
        m.put("factCount", s.factCount());
        m.put("errors", s.errorCount());
        return m;
    }

    static Map<String, Object> spoolView(jp.akashi.collector.enroll.AgentSpoolHealth.Health s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lostTotal", s.lostTotal());
        m.put("firstLostAt", s.firstLostAt() == null ? null : Instant.ofEpochMilli(s.firstLostAt()).toString());
        m.put("lastLostAt", s.lastLostAt() == null ? null : Instant.ofEpochMilli(s.lastLostAt()).toString());
        m.put("problem", s.problem());
        m.put("problemAt", s.problemAt() == null ? null : Instant.ofEpochMilli(s.problemAt()).toString());
        return m;
    }

    static Map<String, Object> reportView(ReportStore.ReportRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("receivedAt", Instant.ofEpochMilli(r.receivedAt()).toString());
        m.put("factCount", r.factCount());
        m.put("errorCount", r.errorCount());
        m.put("agentVersion", r.agentVersion());
        m.put("contentSha256", r.contentSha256());
        return m;
    }
}
