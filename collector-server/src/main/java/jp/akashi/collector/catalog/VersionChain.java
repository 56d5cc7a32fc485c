package jp.akashi.collector.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Orders the versions of one framework along {@code supersedes}: one chain, oldest first. */
final class VersionChain {
    private VersionChain() {
    }

    /** The versions oldest to newest, or empty after recording why they do not form one chain. */
    static Optional<List<FrameworkVersion>> order(String framework, List<FrameworkVersion> versions, Problems problems) {
        int before = problems.count();
        Map<String, FrameworkVersion> byVersion = new HashMap<>();
        for (FrameworkVersion v : versions) {
            FrameworkVersion other = byVersion.putIfAbsent(v.version(), v);
            if (other != null) {
                problems.add(v.file(), "version " + v.version() + " of " + framework + " is also defined in " + other.file());
            }
        }
        List<FrameworkVersion> roots = new ArrayList<>();
        Map<String, FrameworkVersion> successor = new HashMap<>();
        for (FrameworkVersion v : byVersion.values()) {
            if (v.supersedes() == null) {
                roots.add(v);
            } else if (!byVersion.containsKey(v.supersedes())) {
                problems.add(v.file(), "supersedes " + v.supersedes() + ", which is not a loaded version of " + framework);
            } else {
                FrameworkVersion other = successor.putIfAbsent(v.supersedes(), v);
                if (other != null) {
                    problems.add(v.file(), "supersedes " + v.supersedes() + ", as " + other.file() + " does already");
                }
            }
        }
        if (roots.size() != 1) {
            problems.add("catalog", framework + " needs exactly one version without supersedes, found "
                    + roots.stream().map(FrameworkVersion::version).toList());
        }
        if (problems.count() > before) {
            return Optional.empty();
        }
        List<FrameworkVersion> chain = new ArrayList<>();
        for (FrameworkVersion at = roots.get(0); at != null; at = successor.get(at.version())) {
            chain.add(at);
        }
        if (chain.size() != byVersion.size()) {
            problems.add("catalog", "the versions of " + framework + " do not form one supersedes chain");
            return Optional.empty();
        }
        return Optional.of(List.copyOf(chain));
    }
}
