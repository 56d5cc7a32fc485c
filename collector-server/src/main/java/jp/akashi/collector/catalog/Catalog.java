package jp.akashi.collector.catalog;

import io.micronaut.context.annotation.Context;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The framework catalog, loaded and validated once at startup. It is a context-scoped singleton
 * ({@code @Context}), so an invalid catalog file stops the collector from starting with a message
 * that names the file and the problem.
 */
@Context
public class Catalog {
    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);

    private final LoadedCatalog loaded;
    private final Map<String, Framework> frameworks = new LinkedHashMap<>();
    private final Map<String, VersionIndex> indexes = new HashMap<>();
    private final Map<String, List<Equivalent>> equivalents = new HashMap<>();

    /**
     * Loads the catalog from the classpath.
     *
     * @param root classpath directory holding index.yaml; {@code catalog} (the shipped catalog)
     *             unless {@code akashi.catalog.root} says otherwise
     */
    @Inject
    public Catalog(CatalogProperties props) {
        this(props.root());
    }

    public Catalog(String root) {
        this(new CatalogLoader(ResourceReader.classpath(Catalog.class.getClassLoader()), root).load());
        for (Framework f : frameworks()) {
            FrameworkVersion v = f.latest();
            CriteriaCounts n = CriteriaCounts.of(v);
            LOG.info("Catalog: {} {} ({}): {} criteria, {} without source text", f.id(), v.version(), v.file(),
                    n.criteria(), n.textMissing());
        }
        warnings().forEach(w -> LOG.warn("Catalog: {}", w));
    }

    private Catalog(LoadedCatalog loaded) {
        this.loaded = loaded;
        for (Framework f : loaded.frameworks()) {
            frameworks.put(f.id(), f);
            f.versions().forEach(v -> indexes.put(key(v.framework(), v.version()), new VersionIndex(v)));
        }
        for (Equivalence e : loaded.equivalences()) {
            for (Equivalence.Member self : e.members()) {
                for (Equivalence.Member other : e.members()) {
                    if (!self.criterion().equals(other.criterion())) {
                        equivalents.computeIfAbsent(self.criterion(), k -> new ArrayList<>())
                                .add(new Equivalent(e, self.relation(), other));
                    }
                }
            }
        }
    }

    /** A catalog over already loaded content (tests, tools). */
    public static Catalog of(LoadedCatalog loaded) {
        return new Catalog(loaded);
    }

    public List<Framework> frameworks() {
        return List.copyOf(frameworks.values());
    }

    public Optional<Framework> framework(String id) {
        return Optional.ofNullable(frameworks.get(id));
    }

    public Optional<FrameworkVersion> latest(String framework) {
        return framework(framework).map(Framework::latest);
    }

    /** The given version of a framework, or its latest when {@code version} is null. */
    public Optional<FrameworkVersion> version(String framework, String version) {
        return version == null ? latest(framework) : framework(framework).flatMap(f -> f.version(version));
    }

    /** A criterion by global id ({@code meti-scs:4-4-5-1}) in the newest version that has it. */
    public Optional<Criterion> criterion(String globalId) {
        int colon = globalId == null ? -1 : globalId.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String local = globalId.substring(colon + 1);
        return framework(globalId.substring(0, colon)).flatMap(f -> {
            for (int i = f.versions().size() - 1; i >= 0; i--) {
                Criterion c = index(f.versions().get(i)).criteria.get(local);
                if (c != null) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        });
    }

    /** A criterion as one given version has it. */
    public Optional<Criterion> criterion(String globalId, String version) {
        int colon = globalId == null ? -1 : globalId.indexOf(':');
        if (colon <= 0 || version == null) {
            return Optional.empty();
        }
        String framework = globalId.substring(0, colon);
        return framework(framework).flatMap(f -> f.version(version))
                .map(v -> index(v).criteria.get(globalId.substring(colon + 1)));
    }

    /** The groups above a criterion, top level first. */
    public List<Group> path(Criterion c) {
        return index(c).path(c.parent());
    }

    public List<Criterion> criteria(FrameworkVersion v, CriteriaFilter filter) {
        VersionIndex idx = index(v);
        return v.criteria().stream().filter(c -> idx.matches(c, filter)).toList();
    }

    /** The version's hierarchy with the matching criteria; groups without any are left out when filtering. */
    public CriteriaTree tree(FrameworkVersion v, CriteriaFilter filter) {
        Map<String, List<Group>> childGroups = new HashMap<>();
        List<Group> roots = new ArrayList<>();
        for (Group g : v.groups()) {
            (g.parent() == null ? roots : childGroups.computeIfAbsent(g.parent(), k -> new ArrayList<>())).add(g);
        }
        Map<String, List<Criterion>> childCriteria = new HashMap<>();
        List<Criterion> rootCriteria = new ArrayList<>();
        for (Criterion c : criteria(v, filter)) {
            (c.parent() == null ? rootCriteria : childCriteria.computeIfAbsent(c.parent(), k -> new ArrayList<>())).add(c);
        }
        return new CriteriaTree(nodes(roots, childGroups, childCriteria, filter.isEmpty()), List.copyOf(rootCriteria));
    }

    private static List<CriteriaTree.Node> nodes(List<Group> groups, Map<String, List<Group>> childGroups,
                                                 Map<String, List<Criterion>> childCriteria, boolean keepEmpty) {
        List<CriteriaTree.Node> out = new ArrayList<>();
        for (Group g : groups) {
            List<CriteriaTree.Node> children = nodes(childGroups.getOrDefault(g.id(), List.of()), childGroups,
                    childCriteria, keepEmpty);
            List<Criterion> criteria = childCriteria.getOrDefault(g.id(), List.of());
            if (keepEmpty || !children.isEmpty() || !criteria.isEmpty()) {
                out.add(new CriteriaTree.Node(g, children, List.copyOf(criteria)));
            }
        }
        return List.copyOf(out);
    }

    public List<Equivalence> equivalences() {
        return loaded.equivalences();
    }

    /** The criteria of other frameworks (or the same) that share a topic with this one. */
    public List<Equivalent> equivalents(String globalId) {
        return List.copyOf(equivalents.getOrDefault(globalId, List.of()));
    }

    /** Load warnings, e.g. a framework the equivalence map covers whose file is not present yet. */
    public List<String> warnings() {
        return loaded.warnings();
    }

    private VersionIndex index(Criterion c) {
        return index(c.framework(), c.version());
    }

    private VersionIndex index(FrameworkVersion v) {
        return index(v.framework(), v.version());
    }

    private VersionIndex index(String framework, String version) {
        VersionIndex idx = indexes.get(key(framework, version));
        if (idx == null) {
            throw new IllegalArgumentException("not a version of this catalog: " + framework + " " + version);
        }
        return idx;
    }

    private static String key(String framework, String version) {
        return framework + ':' + version;
    }

    /** Lookups and search text of one version, computed once. */
    private static final class VersionIndex {
        private final Map<String, Group> groups = new HashMap<>();
        private final Map<String, Criterion> criteria = new HashMap<>();
        private final Map<String, String> searchText = new HashMap<>();
        private final Integer topLevel;

        VersionIndex(FrameworkVersion v) {
            v.groups().forEach(g -> groups.put(g.id(), g));
            v.criteria().forEach(c -> criteria.put(c.id(), c));
            v.criteria().forEach(c -> searchText.put(c.id(), searchText(c)));
            List<Scoring.Level> levels = v.scoring().levels();
            topLevel = levels.isEmpty() ? null : levels.get(levels.size() - 1).level();
        }

        boolean matches(Criterion c, CriteriaFilter filter) {
            return filter.matches(c, searchText.get(c.id()), topLevel);
        }

        List<Group> path(String parent) {
            List<Group> path = new ArrayList<>();
            for (Group g = lookup(parent); g != null; g = lookup(g.parent())) {
                path.add(0, g);
            }
            return List.copyOf(path);
        }

        private Group lookup(String id) {
            return id == null ? null : groups.get(id);
        }

        /** Everything a user may search for: ids, texts, fields, documents and the titles above it. */
        private String searchText(Criterion c) {
            List<String> parts = new ArrayList<>(List.of(c.globalId(), c.number()));
            Stream.of(c.text(), c.note()).filter(Objects::nonNull).forEach(parts::add);
            parts.addAll(c.fields().values());
            parts.addAll(c.documents());
            c.options().forEach(o -> parts.add(o.text()));
            c.variants().values().forEach(vt -> Stream.of(vt.question(), vt.answer())
                    .filter(Objects::nonNull).forEach(parts::add));
            for (Group g : path(c.parent())) {
                Stream.of(g.number(), g.title()).filter(Objects::nonNull).forEach(parts::add);
                parts.addAll(g.fields().values());
            }
            return SearchText.normalize(String.join("\n", parts));
        }
    }
}
