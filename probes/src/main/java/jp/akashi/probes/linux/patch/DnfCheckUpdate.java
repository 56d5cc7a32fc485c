package jp.akashi.probes.linux.patch;

import java.util.ArrayList;
import java.util.List;

/**
 * Pure parser of {@code dnf -C -q check-update} / {@code yum -C -q check-update} output:
 * {@code openssl-libs.x86_64   1:3.0.7-27.el9_4   baseos}. A long name pushes the rest onto the
 * next line; the "Obsoleting Packages" section repeats packages already listed and is skipped, as
 * is any line that is not a package (notes some dnf plugins print).
 */
public final class DnfCheckUpdate {
    private DnfCheckUpdate() {
    }

    /** One available update. */
    public record Update(String name, String arch, String version, String repo) {
    }

    public static List<Update> parse(String text) {
        List<Update> out = new ArrayList<>();
        String pending = null;
        for (String raw : text == null ? new String[0] : text.split("\\R")) {
            String line = raw.strip();
            if (line.startsWith("Obsoleting Packages")) {
                break;
            }
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (pending != null) {
                f = (pending + " " + line).split("\\s+");
                pending = null;
            }
            if (f.length == 1 && RpmNames.nameArch(f[0]) != null) {
                pending = f[0];
                continue;
            }
            if (f.length != 3) {
                continue;
            }
            String[] na = RpmNames.nameArch(f[0]);
            if (na != null && Character.isDigit(f[1].charAt(0))) {
                out.add(new Update(na[0], na[1], f[1], f[2]));
            }
        }
        return out;
    }
}
