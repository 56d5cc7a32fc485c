package jp.akashi.probes.windows.patch;

import java.util.Locale;
import java.util.Set;

/** Windows Update classification GUIDs (the same on every language; category names are translated). */
final class UpdateCategories {
    static final String SECURITY_UPDATES = "0fa1201d-4330-4fa8-8ae9-b877473b6441";
    static final String CRITICAL_UPDATES = "e6cf1350-c01b-414d-a61f-263d14d133b4";
    static final String DEFINITION_UPDATES = "e0789628-ce08-4437-be74-2495b842f43b";

    private UpdateCategories() {
    }

    static boolean contains(Set<String> categories, String guid) {
        return categories.contains(guid.toLowerCase(Locale.ROOT));
    }
}
