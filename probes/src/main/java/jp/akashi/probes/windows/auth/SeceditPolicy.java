package jp.akashi.probes.windows.auth;

import java.util.Map;
import java.util.Optional;

import jp.akashi.probes.util.IniParser;

/**
 * The effective account policy from {@code secedit /export /areas SECURITYPOLICY}: the
 * {@code [System Access]} keys, whose names and numbers do not depend on the display language.
 */
public record SeceditPolicy(Map<String, String> systemAccess) {

    /** Pure. Throws {@link IllegalArgumentException} when the text is not a secedit export. */
    public static SeceditPolicy parse(String text) {
        IniParser ini = IniParser.parse(text);
        if (!ini.hasSection("System Access") || ini.section("System Access").isEmpty()) {
            throw new IllegalArgumentException("the secedit export has no [System Access] section");
        }
        return new SeceditPolicy(ini.section("System Access"));
    }

    /** An integer key; empty when absent. Throws {@link IllegalArgumentException} when it is not a number. */
    public Optional<Long> number(String key) {
        String v = systemAccess.get(key);
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(v.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a number: " + v);
        }
    }
}
