package jp.akashi.collector.catalog;

import java.util.List;
import java.util.Optional;

/**
 * A framework with all its loaded versions.
 *
 * @param id       framework id (meti-scs, kubota, jaipa-isp)
 * @param versions versions from oldest to newest along the {@code supersedes} chain; never empty
 */
public record Framework(String id, List<FrameworkVersion> versions) {

    /** The current version: the one no other version supersedes. */
    public FrameworkVersion latest() {
        return versions.get(versions.size() - 1);
    }

    public Optional<FrameworkVersion> version(String version) {
        return versions.stream().filter(v -> v.version().equals(version)).findFirst();
    }
}
