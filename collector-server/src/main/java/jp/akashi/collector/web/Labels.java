package jp.akashi.collector.web;

import java.util.Set;

import jp.akashi.collector.store.AssetRoles;

/**
 * Message keys for values that come from data (OS families, asset kinds, asset roles). A value
 * without a key of its own is shown as it is (templates fall back to the raw value).
 */
final class Labels {
    static final Set<String> OS = Set.of("linux", "windows", "macos", "network-os", "");
    static final Set<String> KINDS = Set.of("host", "network-device");
    static final Set<String> SOURCES = Set.of("agent", "scan", "collector");

    private Labels() {
    }

    /** {@code prefix + value} when the value has a label, else null. */
    static String key(String prefix, String value) {
        boolean known = switch (prefix) {
            case "os." -> OS.contains(value);
            case "kind." -> KINDS.contains(value);
            case "assetRole." -> AssetRoles.ALL.contains(value);
            case "source." -> SOURCES.contains(value);
            default -> false;
        };
        return known ? prefix + (value.isEmpty() ? "unknown" : value) : null;
    }
}
