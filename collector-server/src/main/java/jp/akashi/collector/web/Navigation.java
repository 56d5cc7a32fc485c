package jp.akashi.collector.web;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jp.akashi.collector.security.Role;

/**
 * The console's menu, in order, with the roles that may open each page (the same roles as the
 * page's {@code @Secured}; a test keeps the two in step). フレームワーク opens a list of the
 * loaded frameworks (a dropdown with Bootstrap's script; without it, the link opens the overview).
 */
final class Navigation {
    private static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);
    private static final Set<Role> ADMIN_AUDITOR = EnumSet.of(Role.ADMIN, Role.AUDITOR);

    /** One menu entry: message key of its label, where it goes, who sees it, and pages it also stands for. */
    record Item(String key, String href, Set<Role> roles, List<String> related) {
        Item(String key, String href, Set<Role> roles) {
            this(key, href, roles, List.of());
        }

        boolean active(String path) {
            if (href.equals("/")) {
                return path.equals("/");
            }
            return under(path, href) || related.stream().anyMatch(r -> under(path, r));
        }

        private static boolean under(String path, String base) {
            return path.equals(base) || path.startsWith(base + "/");
        }
    }

    /**
     * An entry as the header shows it.
     *
     * @param key      message key of the label (or, for a framework, {@code framework.<id>})
     * @param children the frameworks under フレームワーク; empty for other entries
     */
    public record Entry(String key, String href, boolean active, List<Entry> children) {
    }

    static final String FRAMEWORKS = "/frameworks";

    static final List<Item> ITEMS = List.of(
            new Item("nav.dashboard", "/", EVERYONE),
            new Item("nav.changes", "/changes", EVERYONE),
            new Item("nav.frameworks", FRAMEWORKS, EVERYONE),
            new Item("nav.assets", "/assets", EVERYONE),
            new Item("nav.checks", "/checks", EVERYONE),
            new Item("nav.tasks", "/tasks", EVERYONE),
            new Item("nav.exceptions", "/exceptions", EVERYONE),
            // 資格情報 (credentials) belong to the targets: a tab on their pages
            new Item("nav.targets", "/targets", EVERYONE, List.of("/credentials")),
            new Item("nav.snapshots", "/snapshots", EVERYONE),
            new Item("nav.agents", "/agents", EVERYONE),
            new Item("nav.enrollment", "/enrollment", ADMIN_AUDITOR),
            new Item("nav.users", "/users", ADMIN_AUDITOR),
            new Item("nav.audit", "/audit", EVERYONE),
            // the API document in Swagger UI (ApiDocsPages)
            new Item("nav.apiDocs", ApiDocsPages.PATH, EnumSet.of(Role.ADMIN)));

    private Navigation() {
    }

    /** The entries {@code role} may open; {@code frameworks} are the ids listed under フレームワーク. */
    static List<Entry> forRole(Role role, String path, List<String> frameworks) {
        List<Entry> out = new ArrayList<>();
        for (Item i : ITEMS) {
            if (i.roles().contains(role)) {
                List<Entry> children = !i.href().equals(FRAMEWORKS) ? List.of() : frameworks.stream()
                        .map(f -> new Entry("framework." + f, FRAMEWORKS + "/" + f, path.equals(FRAMEWORKS + "/" + f), List.of()))
                        .toList();
                out.add(new Entry(i.key(), i.href(), i.active(path), children));
            }
        }
        return out;
    }
}
