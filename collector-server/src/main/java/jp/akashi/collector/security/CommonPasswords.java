package jp.akashi.collector.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The common (breached) passwords that may not be chosen: the password list of the zxcvbn
 * dictionary ({@code com.nulab-inc:zxcvbn}, 30,000 entries ranked by how often they appear in
 * leaked password sets), read from that jar on the class path. Compared case-insensitively.
 */
public final class CommonPasswords {
    static final String RESOURCE = "/com/nulabinc/zxcvbn/matchers/dictionaries/passwords.txt";
    private static final Set<String> LIST = load();

    private CommonPasswords() {
    }

    public static boolean contains(String password) {
        return password != null && LIST.contains(password.toLowerCase(Locale.ROOT));
    }

    public static int size() {
        return LIST.size();
    }

    private static Set<String> load() {
        try (InputStream in = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the common-password list " + RESOURCE + " is not on the class path");
            }
            Set<String> s = new HashSet<>(40_000);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String p = line.strip();
                if (!p.isEmpty()) {
                    s.add(p.toLowerCase(Locale.ROOT));
                }
            }
            return Set.copyOf(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
