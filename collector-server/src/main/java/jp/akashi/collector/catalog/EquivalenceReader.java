package jp.akashi.collector.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Validates equivalences.yaml against the loaded frameworks. A member of a framework the file
 * declares but that is not loaded is skipped with a warning (its catalog file may arrive later);
 * a member of a loaded framework must name an existing criterion that has text.
 */
final class EquivalenceReader {
    private final String file;
    private final Problems problems;
    private final Map<String, Framework> loaded;

    private EquivalenceReader(String file, Problems problems, List<Framework> frameworks) {
        this.file = file;
        this.problems = problems;
        this.loaded = new LinkedHashMap<>();
        frameworks.forEach(f -> loaded.put(f.id(), f));
    }

    static List<Equivalence> read(String file, RawCatalog.Equivalences raw, List<Framework> frameworks,
                                  Problems problems, List<String> warnings) {
        return new EquivalenceReader(file, problems, frameworks).read(raw, warnings);
    }

    private List<Equivalence> read(RawCatalog.Equivalences raw, List<String> warnings) {
        if (!Objects.equals(raw.schema(), 1)) {
            problems.add(file, "schema must be 1, not " + raw.schema());
        }
        Set<String> declared = new HashSet<>(Values.list(raw.frameworks()));
        if (declared.isEmpty()) {
            problems.add(file, "frameworks must list the frameworks the map covers");
        }
        Map<String, Integer> skipped = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        List<Equivalence> out = new ArrayList<>();
        List<RawCatalog.EquivalenceGroup> groups = Values.list(raw.groups());
        for (int i = 0; i < groups.size(); i++) {
            RawCatalog.EquivalenceGroup g = groups.get(i);
            if (g == null || g.id() == null || !Values.LOCAL_ID.matcher(g.id()).matches()) {
                problems.add(file, "group #" + (i + 1) + ": id is missing or invalid");
                continue;
            }
            Problems.Sink p = problems.about(file, "group " + g.id());
            if (!ids.add(g.id())) {
                p.add("id is used twice");
            }
            if (g.title() == null || Values.blank(g.title().ja())) {
                p.add("title.ja is missing");
            }
            if (g.rationale() == null || Values.blank(g.rationale().ja()) || Values.blank(g.rationale().en())) {
                p.add("rationale.ja and rationale.en are required (why the members are equivalent)");
            }
            List<RawCatalog.Member> members = Values.list(g.members());
            if (members.size() < 2) {
                p.add("needs at least two members");
            }
            List<Equivalence.Member> kept = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (RawCatalog.Member m : members) {
                member(m, declared, seen, p).ifPresent(member -> {
                    String framework = member.criterion().substring(0, member.criterion().indexOf(':'));
                    if (loaded.containsKey(framework)) {
                        kept.add(member);
                    } else {
                        skipped.merge(framework, 1, Integer::sum);
                    }
                });
            }
            out.add(new Equivalence(g.id(), g.title() == null ? null : new LocalizedText(g.title().ja(), g.title().en()),
                    g.rationale() == null ? null : new LocalizedText(g.rationale().ja(), g.rationale().en()),
                    List.copyOf(kept)));
        }
        skipped.forEach((framework, n) -> warnings.add(file + ": framework " + framework + " is not loaded; "
                + n + " of its members are left out until its catalog file is added"));
        return List.copyOf(out);
    }

    private Optional<Equivalence.Member> member(RawCatalog.Member m, Set<String> declared, Set<String> seen,
                                                Problems.Sink p) {
        if (m == null || m.criterion() == null) {
            p.add("a member has no criterion");
            return Optional.empty();
        }
        String id = m.criterion();
        Optional<Relation> relation = Relation.parse(m.relation());
        if (relation.isEmpty()) {
            p.add(id + ": relation \"" + m.relation() + "\" is not one of equal, subset, superset, intersect");
        }
        int colon = id.indexOf(':');
        if (colon <= 0) {
            p.add(id + " is not a global criterion id (framework:id)");
            return Optional.empty();
        }
        String framework = id.substring(0, colon);
        String local = id.substring(colon + 1);
        if (!seen.add(id)) {
            p.add(id + " is listed twice");
        }
        if (!declared.contains(framework)) {
            p.add(id + ": framework " + framework + " is not declared in frameworks");
            return Optional.empty();
        }
        Framework f = loaded.get(framework);
        if (f != null) {
            List<Criterion> found = f.versions().stream()
                    .flatMap(v -> v.criteria().stream())
                    .filter(c -> c.id().equals(local))
                    .toList();
            if (found.isEmpty()) {
                p.add(id + " does not exist in " + framework + " (versions "
                        + f.versions().stream().map(FrameworkVersion::version).toList() + ")");
                return Optional.empty();
            }
            if (found.stream().allMatch(Criterion::textMissing)) {
                p.add(id + " has no text in the catalog (text_missing), so nothing can be equivalent to it");
            }
        }
        return relation.map(r -> new Equivalence.Member(id, r));
    }
}
