package jp.akashi.collector.catalog;

import java.util.List;

/**
 * The validated content of the catalog.
 *
 * @param frameworks   frameworks in index order, each with its versions
 * @param equivalences cross-framework groups, members of frameworks that are not loaded left out
 * @param warnings     things that are allowed but worth logging (e.g. a mapped framework not loaded yet)
 */
public record LoadedCatalog(List<Framework> frameworks, List<Equivalence> equivalences, List<String> warnings) {
}
