package jp.akashi.collector.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.security.annotation.Secured;
import jp.akashi.collector.security.Roles;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.CriteriaFilter;
import jp.akashi.collector.catalog.CriteriaTree;
import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.catalog.FrameworkVersion;
import jp.akashi.collector.catalog.VersionDiff;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The framework catalog over HTTP: which frameworks and versions are loaded, and their criteria
 * as a flat list or a tree, filtered by level, evidence type, 必須 and text.
 */
@Controller("/api/v1/frameworks")
@Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
public class FrameworkController {
    private final Catalog catalog;
    private final VersionDiffs diffs;

    public FrameworkController(Catalog catalog, VersionDiffs diffs) {
        this.catalog = catalog;
        this.diffs = diffs;
    }

    @Get
    public List<FrameworkSummary> frameworks() {
        return catalog.frameworks().stream().map(FrameworkSummary::from).toList();
    }

    /**
     * @param version  version id; the latest when absent
     * @param level    METI: criteria required to reach this level (3 or 4, cumulative)
     * @param evidence auto, hybrid, manual (comma-separated for several)
     * @param required true: only 必須 items; false: only the others
     * @param q        search terms (all must occur), full-width/half-width insensitive
     * @param view     flat (default) or tree
     */
    @Get("/{framework}/criteria")
    public HttpResponse<?> criteria(@PathVariable String framework, @Nullable @QueryValue String version,
                                    @Nullable @QueryValue String level, @Nullable @QueryValue String evidence,
                                    @Nullable @QueryValue String required, @Nullable @QueryValue String q,
                                    @Nullable @QueryValue String view) {
        if (catalog.framework(framework).isEmpty()) {
            return error(HttpResponse.notFound(), "フレームワークが見つかりません: " + framework);
        }
        Optional<FrameworkVersion> v = catalog.version(framework, version);
        if (v.isEmpty()) {
            return error(HttpResponse.notFound(), "バージョンが見つかりません: " + framework + " " + version);
        }
        boolean tree = "tree".equals(view);
        if (view != null && !tree && !"flat".equals(view)) {
            return error(HttpResponse.badRequest(), "view の値 \"" + view + "\" は不正です。指定できる値: flat, tree");
        }
        CriteriaFilter filter;
        try {
            filter = CriteriaFilter.parse(v.get(), level, evidence, required, q);
        } catch (IllegalArgumentException e) {
            return error(HttpResponse.badRequest(), e.getMessage());
        }
        if (!tree) {
            List<FrameworkCriterion> flat = catalog.criteria(v.get(), filter).stream().map(this::criterion).toList();
            return HttpResponse.ok(new FrameworkCriteriaPage(framework, v.get().version(), "flat", flat.size(), null,
                    flat));
        }
        CriteriaTree t = catalog.tree(v.get(), filter);
        return HttpResponse.ok(new FrameworkCriteriaPage(framework, v.get().version(), "tree", t.count(),
                t.groups().stream().map(this::node).toList(), t.criteria().stream().map(this::criterion).toList()));
    }

    /** What changed between two versions, criterion by criterion, and what happens to the answers given. */
    @Get("/{framework}/versions/{from}/diff/{to}")
    public HttpResponse<?> diff(@PathVariable String framework, @PathVariable String from, @PathVariable String to) {
        if (catalog.framework(framework).isEmpty()) {
            return error(HttpResponse.notFound(), "フレームワークが見つかりません: " + framework);
        }
        Optional<FrameworkVersion> a = catalog.framework(framework).flatMap(f -> f.version(from));
        Optional<FrameworkVersion> b = catalog.framework(framework).flatMap(f -> f.version(to));
        if (a.isEmpty() || b.isEmpty()) {
            return error(HttpResponse.notFound(), "バージョンが見つかりません: " + framework + " " + (a.isEmpty() ? from : to));
        }
        return HttpResponse.ok(diffs.view(VersionDiff.of(a.get(), b.get())));
    }

    private FrameworkCriterion criterion(Criterion c) {
        return FrameworkCriterion.from(c, catalog.path(c), catalog.equivalents(c.globalId()));
    }

    private FrameworkGroupNode node(CriteriaTree.Node n) {
        var g = n.group();
        return new FrameworkGroupNode(g.id(), g.kind(), g.number(), g.title(), g.fields(), g.levels(), g.nistCsf(),
                g.textMissing(), g.note(), n.children().stream().map(this::node).toList(),
                n.criteria().stream().map(this::criterion).toList());
    }

    private static HttpResponse<Map<String, String>> error(MutableHttpResponse<?> status, String message) {
        return status.body(Map.of("error", message));
    }
}
