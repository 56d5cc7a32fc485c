package jp.akashi.probes.linux.integrity;

import java.util.ArrayList;
import java.util.List;

/**
 * Pure readers of package file verification: {@code debsums -s} (only problems, on stderr:
 * {@code debsums: changed file /usr/bin/x (from pkg package)}, {@code missing file}) and
 * {@code rpm -V} ({@code S.5....T.  c /etc/x}: size, digest … changed; {@code c} marks a
 * configuration file, which is meant to be edited and not counted).
 */
public final class PackageVerify {
    private PackageVerify() {
    }

    /** Files whose content changed or that are missing, from debsums' output. */
    public static List<String> debsums(String text) {
        List<String> out = new ArrayList<>();
        for (String raw : text == null ? new String[0] : text.split("\\R")) {
            String line = raw.strip();
            for (String what : List.of("changed file ", "missing file ")) {
                int i = line.indexOf(what);
                if (line.startsWith("debsums:") && i >= 0) {
                    String rest = line.substring(i + what.length());
                    int from = rest.indexOf(" (from ");
                    out.add(from > 0 ? rest.substring(0, from) : rest);
                }
            }
        }
        return out;
    }

    /** Non-configuration files whose size or digest changed, or that are missing, from rpm -V. */
    public static List<String> rpm(String text) {
        List<String> out = new ArrayList<>();
        for (String raw : text == null ? new String[0] : text.split("\\R")) {
            String line = raw.stripTrailing();
            if (line.startsWith("missing")) {
                String[] f = line.strip().split("\\s+");
                if (f.length == 2 || (f.length == 3 && !f[1].equals("c"))) {
                    out.add(f[f.length - 1]);
                }
                continue;
            }
            if (line.length() < 13 || !line.substring(0, 9).matches("[.SM5DLUGTP?]{9}")) {
                continue;
            }
            String attrs = line.substring(0, 9);
            String[] f = line.substring(9).strip().split("\\s+", 2);
            boolean config = f.length == 2 && f[0].length() == 1;   // c, d, g, l, r marker
            String path = f[f.length - 1];
            if (!config && (attrs.charAt(0) == 'S' || attrs.charAt(2) == '5')) {
                out.add(path);
            }
        }
        return out;
    }
}
