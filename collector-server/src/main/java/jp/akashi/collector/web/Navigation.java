package jp.akashi.collector.web;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jp.akashi.collector.security.Role;

/**
 * The console's menu, in order, with the roles that may open each page (the same roles as the
 * page's {@code @Allowed}; a test keeps the two in step). The compliance pages of phase 2
 * (frameworks, exceptions) are added here when they exist — never shown before.
 */
final class Navigation {
    private static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);
    private static final Set<Role> ADMIN_AUDITOR = EnumSet.of(Role.ADMIN, Role.AUDITOR);

    /** One menu entry: message key of its label, where it goes, who sees it. */
    record Item(String key, String href, Set<Role> roles) {
        boolean active(String path) {
            return href.equals("/") ? path.equals("/") : path.equals(href) || path.startsWith(href + "/");
        }
    }

    /** An entry as the header shows it. */
    public record Entry(String key, String href, boolean active) {
    }

    static final List<Item> ITEMS = List.of(
            new Item("nav.dashboard", "/", EVERYONE),
            new Item("nav.assets", "/assets", EVERYONE),
            new Item("nav.agents", "/agents", EVERYONE),
            new Item("nav.enrollment", "/enrollment", ADMIN_AUDITOR),
            new Item("nav.users", "/users", ADMIN_AUDITOR),
            new Item("nav.audit", "/audit", EVERYONE));

    private Navigation() {
    }

    static List<Entry> forRole(Role role, String path) {
        List<Entry> out = new ArrayList<>();
        for (Item i : ITEMS) {
            if (i.roles().contains(role)) {
                out.add(new Entry(i.key(), i.href(), i.active(path)));
            }
        }
        return out;
    }
}
