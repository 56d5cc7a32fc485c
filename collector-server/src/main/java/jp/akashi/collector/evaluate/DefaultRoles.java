package jp.akashi.collector.evaluate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;


import jp.akashi.collector.ingest.CompactFacts;
import jp.akashi.collector.store.AssetRoles;

/**
 * The roles an asset is judged with: the administrator's, or, while none is set, the ones its class
 * implies (checks/default-roles.yaml): a server-class host (a listening service, no desktop) is in
 * scope of the server checks unless an administrator says otherwise, so a criterion never reads
 * "no asset in scope" only because nobody set a role.
 */
public final class DefaultRoles {
    private static final DefaultRoles DEFAULT = load("checks/default-roles.yaml");

    private final Map<String, List<String>> classes;
    private final Set<String> desktopPackages;

    private DefaultRoles(Map<String, List<String>> classes, Set<String> desktopPackages) {
        this.classes = classes;
        this.desktopPackages = desktopPackages;
    }

    public static DefaultRoles get() {
        return DEFAULT;
    }

    /** The roles to judge with and whether they are assumed (no administrator-set role). */
    public record Effective(List<String> roles, boolean assumed, String assetClass) {
    }

    public Effective effective(String kind, String osFamily, List<String> adminRoles, Map<String, CompactFacts.Value> facts) {
        if (adminRoles != null && !adminRoles.isEmpty()) {
            return new Effective(adminRoles, false, null);
        }
        String c = classify(kind, osFamily, facts);
        return c == null ? new Effective(List.of(), false, null) : new Effective(classes.getOrDefault(c, List.of()), true, c);
    }

    /** server, desktop, network-device, or null when the facts do not tell. Pure. */
    String classify(String kind, String osFamily, Map<String, CompactFacts.Value> facts) {
        if ("network-device".equals(kind)) {
            return "network-device";
        }
        if (!"host".equals(kind)) {
            return null;
        }
        if ("macos".equals(osFamily)) {
            return "desktop";
        }
        if ("windows".equals(osFamily)) {
            Object type = value(facts, "os.windows.product_type");
            return type == null ? null : type.equals("workstation") ? "desktop" : "server";
        }
        if (value(facts, "software.installed") instanceof List<?> sw) {
            for (Object o : sw) {
                if (o instanceof Map<?, ?> m && desktopPackages.contains(String.valueOf(m.get("name")))) {
                    return "desktop";
                }
            }
        }
        return value(facts, "net.listening_ports") instanceof List<?> ports && !ports.isEmpty() ? "server" : null;
    }

    private static Object value(Map<String, CompactFacts.Value> facts, String key) {
        CompactFacts.Value v = facts.get(key);
        return v != null && v.ok() ? v.value() : null;
    }

    /** Reads the file strictly: known keys and classes only, known roles; a problem names the file and line. */
    static DefaultRoles load(String resource) {
        CheckFile f = CheckFile.read(resource);
        f.keys(f.root(), "", "", "schema", "classes", "desktop_packages");
        f.keys(f.root().path("classes"), "/classes", "classes", "server", "desktop", "network-device");
        Map<String, List<String>> classes = new LinkedHashMap<>();
        f.root().path("classes").fields().forEachRemaining(e -> {
            List<String> roles = new ArrayList<>();
            e.getValue().forEach(r -> roles.add(r.asText()));
            try {
                classes.put(e.getKey(), AssetRoles.normalise(roles));
            } catch (IllegalArgumentException ex) {
                throw f.problem("/classes/" + e.getKey(), e.getKey() + ": " + ex.getMessage());
            }
        });
        Set<String> pkgs = new HashSet<>();
        f.root().path("desktop_packages").forEach(p -> pkgs.add(p.asText()));
        if (pkgs.isEmpty()) {
            throw f.problem("", "desktop_packages is empty: no Linux host could be told to be a desktop");
        }
        return new DefaultRoles(Map.copyOf(classes), Set.copyOf(pkgs));
    }
}
