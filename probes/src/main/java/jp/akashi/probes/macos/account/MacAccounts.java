package jp.akashi.probes.macos.account;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Pure parsers for the {@code dscl} output the account probe reads. */
public final class MacAccounts {
    private MacAccounts() {
    }

    /** {@code GroupMembership: root alice bob} → members. Throws when the attribute line is missing. */
    public static List<String> groupMembership(String text) {
        for (String line : text.split("\\R")) {
            if (line.startsWith("GroupMembership:")) {
                String rest = line.substring("GroupMembership:".length()).strip();
                return rest.isEmpty() ? List.of() : Arrays.stream(rest.split("\\s+")).distinct().toList();
            }
        }
        throw new IllegalArgumentException("dscl printed no GroupMembership");
    }

    /** {@code dscl . -list /Users UniqueID} lines "name   uid" → the names with uid 0. */
    public static List<String> uid0(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 2 && f[1].equals("0")) {
                out.add(f[0]);
            }
        }
        return out;
    }

    /**
     * Whether root can log in, from {@code dscl . -read /Users/root AuthenticationAuthority}:
     * a ShadowHash authority means it has a password; "No such key" means it has none (the
     * default). {@code null} for anything else.
     */
    public static Boolean rootEnabled(String output) {
        if (output.contains(";ShadowHash;")) {
            return true;
        }
        if (output.contains("No such key: AuthenticationAuthority") || output.strip().equals("AuthenticationAuthority:")) {
            return false;
        }
        return null;
    }
}
