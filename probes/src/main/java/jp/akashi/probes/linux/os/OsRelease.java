package jp.akashi.probes.linux.os;

import java.util.Map;

import jp.akashi.probes.util.KeyValueParser;

/**
 * The fields of /etc/os-release (or /usr/lib/os-release) the product uses.
 *
 * @param id        lower-case distribution id: {@code ubuntu}, {@code debian}, {@code rhel}, {@code rocky}
 * @param idLike    space-separated parents: {@code "rhel centos fedora"}
 * @param versionId {@code 22.04}, {@code 12}, {@code 9.4}
 */
public record OsRelease(String id, String idLike, String name, String versionId, String prettyName, String versionCodename) {

    /** Pure parser for the os-release format. */
    public static OsRelease parse(String text) {
        Map<String, String> kv = KeyValueParser.shellAssignments(text);
        return new OsRelease(kv.get("ID"), kv.get("ID_LIKE"), kv.get("NAME"), kv.get("VERSION_ID"),
                kv.get("PRETTY_NAME"), kv.get("VERSION_CODENAME"));
    }

    /** {@code debian} for Debian/Ubuntu and derivatives, {@code rhel} for RHEL/Fedora/Rocky/Alma/Amazon/SUSE-less RPM families, else the id. */
    public String family() {
        String all = ((id == null ? "" : id) + " " + (idLike == null ? "" : idLike)).toLowerCase();
        if (all.matches(".*\\b(debian|ubuntu)\\b.*")) {
            return "debian";
        }
        if (all.matches(".*\\b(rhel|fedora|centos|rocky|almalinux|amzn|ol)\\b.*")) {
            return "rhel";
        }
        if (all.matches(".*\\b(suse|opensuse|sles)\\b.*")) {
            return "suse";
        }
        return id == null ? "unknown" : id;
    }
}
