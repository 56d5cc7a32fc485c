package jp.akashi.collector.store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Roles an administrator gives an asset. Several criteria apply only to some roles (boundary
 * devices, internet-facing servers, systems holding confidential data), so checks declare the
 * roles they apply to.
 */
public final class AssetRoles {
    public static final String INTERNET_FACING = "internet-facing";
    public static final String BOUNDARY = "boundary";
    public static final String CONFIDENTIAL = "confidential";
    public static final String SERVER = "server";
    public static final String PC = "pc";
    public static final List<String> ALL = List.of(INTERNET_FACING, BOUNDARY, CONFIDENTIAL, SERVER, PC);

    private AssetRoles() {
    }

    /** Validates and de-duplicates a role list; unknown roles are an error, not silently dropped. */
    public static List<String> normalise(List<String> roles) {
        if (roles == null) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String r : roles) {
            String v = r == null ? "" : r.strip();
            if (!ALL.contains(v)) {
                throw new IllegalArgumentException("unknown role '" + v + "' (known: " + String.join(", ", ALL) + ")");
            }
            out.add(v);
        }
        return new ArrayList<>(out);
    }
}
