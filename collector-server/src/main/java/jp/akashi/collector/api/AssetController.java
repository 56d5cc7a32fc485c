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
            AssetService.evidenceFact(d.latest(), e.getKey()).map(Fact::evidence).ifPresent(ev -> f.put("evidence", ev));
            facts.add(f);
        }
        out.put("facts", facts);
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
