package jp.akashi.collector.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.api.AssetService;
import jp.akashi.collector.security.Allowed;
import jp.akashi.collector.store.AssetStore;

/**
 * The dashboard: the inventory at a glance. Phase 2 puts one card per framework at the top
 * (the {@code frameworks} slot of the template); until then that slot is simply absent.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class DashboardPages {
    static final int LISTED = 10;
    private final AssetService assets;
    private final ConsoleReads reads;
    private final WebPages pages;

    public DashboardPages(AssetService assets, ConsoleReads reads, WebPages pages) {
        this.assets = assets;
        this.reads = reads;
        this.pages = pages;
    }

    /** One bar of a breakdown: label key (or raw value), count and share of the total in percent. */
    public record Share(String key, String raw, long count, int percent) {
    }

    @Get
    @Allowed({Allowed.ADMIN, Allowed.SECURITY, Allowed.AUDITOR})
    public HttpResponse<?> dashboard(HttpRequest<?> request) {
        AssetService.Overview o = assets.overview(LISTED);
        Map<String, Object> m = pages.model(request, "dashboard.title");
        m.put("overview", o);
        m.put("byOs", shares(o.counts(), o.total(), true));
        m.put("byKind", shares(o.counts(), o.total(), false));
        m.put("agents", reads.agentCounts());
        return pages.page(request, "dashboard", m);
    }

    static List<Share> shares(List<AssetStore.Count> counts, long total, boolean byOs) {
        Map<String, Long> sums = new LinkedHashMap<>();
        for (AssetStore.Count c : counts) {
            String k = byOs ? (c.osFamily() == null ? "" : c.osFamily()) : c.kind();
            sums.merge(k, c.count(), Long::sum);
        }
        return sums.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> new Share(Labels.key(byOs ? "os." : "kind.", e.getKey()), e.getKey(), e.getValue(),
                        total == 0 ? 0 : (int) Math.round(100.0 * e.getValue() / total)))
                .toList();
    }
}
