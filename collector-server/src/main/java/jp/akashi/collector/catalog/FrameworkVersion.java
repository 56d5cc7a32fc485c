package jp.akashi.collector.catalog;

import java.util.List;

/**
 * One transcribed version of a framework: one catalog file.
 *
 * @param file       the catalog resource it was loaded from (catalog/meti-scs/2025.yaml)
 * @param framework  framework id
 * @param version    version id, unique within the framework
 * @param supersedes the version this one replaces, or null
 * @param name       framework name
 * @param publisher  publisher, or null
 * @param source     the source document and reading notes
 * @param scoring    how criteria are weighed
 * @param groups     the hierarchy above the criteria, in document order
 * @param criteria   the criteria, in document order
 */
public record FrameworkVersion(String file, String framework, String version, String supersedes,
                               LocalizedText name, LocalizedText publisher, SourceInfo source,
                               Scoring scoring, List<Group> groups, List<Criterion> criteria) {
}
