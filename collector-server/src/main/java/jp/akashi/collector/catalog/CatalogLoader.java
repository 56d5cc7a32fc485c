package jp.akashi.collector.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads and validates the framework catalog: {@code <root>/index.yaml} lists the framework files
 * ({@code <framework>/<name>.yaml}) and the equivalence map. The index exists because a shaded jar
 * cannot list a classpath directory. Any problem makes {@link #load()} throw a
 * {@link CatalogException} that names each file and item.
 */
public final class CatalogLoader {
    public static final String DEFAULT_ROOT = "catalog";
    private static final Pattern FRAMEWORK_FILE = Pattern.compile("([a-z][a-z0-9-]*)/[A-Za-z0-9._-]+\\.yaml");
    private static final Pattern MAP_FILE = Pattern.compile("[A-Za-z0-9._-]+\\.yaml");

    private final ResourceReader reader;
    private final String root;

    public CatalogLoader(ResourceReader reader, String root) {
        this.reader = Objects.requireNonNull(reader);
        this.root = Objects.requireNonNull(root);
    }

    /** The catalog shipped in the collector's resources. */
    public static CatalogLoader fromClasspath() {
        return new CatalogLoader(ResourceReader.classpath(CatalogLoader.class.getClassLoader()), DEFAULT_ROOT);
    }

    public LoadedCatalog load() {
        Problems problems = new Problems();
        YamlFiles yaml = new YamlFiles(reader);
        String indexFile = root + "/index.yaml";
        RawCatalog.Index index = yaml.read(indexFile, RawCatalog.Index.class, problems).orElse(null);
        if (index == null || !validIndex(indexFile, index, problems)) {
            throw new CatalogException(problems.list());
        }
        Map<String, List<FrameworkVersion>> versions = new LinkedHashMap<>();
        for (String path : index.frameworks()) {
            Matcher m = FRAMEWORK_FILE.matcher(path);
            m.matches();
            String file = root + "/" + path;
            yaml.read(file, RawCatalog.Version.class, problems)
                    .flatMap(raw -> FrameworkFileReader.read(file, m.group(1), raw, problems))
                    .ifPresent(v -> versions.computeIfAbsent(v.framework(), k -> new ArrayList<>()).add(v));
        }
        if (!problems.isEmpty()) {
            throw new CatalogException(problems.list());
        }
        List<Framework> frameworks = new ArrayList<>();
        versions.forEach((id, list) -> VersionChain.order(id, list, problems)
                .ifPresent(chain -> frameworks.add(new Framework(id, chain))));
        frameworks.forEach(f -> merges(f, problems));
        if (!problems.isEmpty()) {
            throw new CatalogException(problems.list());
        }
        List<String> warnings = new ArrayList<>();
        List<Equivalence> equivalences = List.of();
        if (index.equivalences() != null) {
            String file = root + "/" + index.equivalences();
            equivalences = yaml.read(file, RawCatalog.Equivalences.class, problems)
                    .map(raw -> EquivalenceReader.read(file, raw, frameworks, problems, warnings))
                    .orElse(List.of());
        }
        if (!problems.isEmpty()) {
            throw new CatalogException(problems.list());
        }
        return new LoadedCatalog(List.copyOf(frameworks), equivalences, List.copyOf(warnings));
    }

    /** An item that merges others must name items of an earlier version of its framework. */
    private static void merges(Framework f, Problems problems) {
        Set<String> earlier = new HashSet<>();
        for (FrameworkVersion v : f.versions()) {
            for (Criterion c : v.criteria()) {
                for (String id : c.merges()) {
                    if (!earlier.contains(id)) {
                        problems.add(v.file(), "criterion " + c.id() + ": merges " + id
                                + ", which no earlier version of " + f.id() + " has");
                    }
                }
            }
            v.criteria().forEach(c -> earlier.add(c.id()));
        }
    }

    private static boolean validIndex(String file, RawCatalog.Index index, Problems problems) {
        int before = problems.count();
        if (!Objects.equals(index.schema(), 1)) {
            problems.add(file, "schema must be 1, not " + index.schema());
        }
        List<String> files = Values.list(index.frameworks());
        if (files.isEmpty()) {
            problems.add(file, "frameworks must list at least one framework file");
        }
        Set<String> seen = new HashSet<>();
        for (String path : files) {
            if (path == null || !FRAMEWORK_FILE.matcher(path).matches()) {
                problems.add(file, "\"" + path + "\" is not a framework file path like meti-scs/2025.yaml");
            } else if (!seen.add(path)) {
                problems.add(file, path + " is listed twice");
            }
        }
        if (index.equivalences() != null && !MAP_FILE.matcher(index.equivalences()).matches()) {
            problems.add(file, "equivalences \"" + index.equivalences() + "\" is not a file name like equivalences.yaml");
        }
        return problems.count() == before;
    }
}
