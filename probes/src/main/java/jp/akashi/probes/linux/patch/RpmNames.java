package jp.akashi.probes.linux.patch;

import java.util.Set;

/** Splits the package names dnf and yum print ({@code name.arch}, {@code name-[epoch:]version-release.arch}). */
final class RpmNames {
    static final Set<String> ARCHES = Set.of("x86_64", "noarch", "i686", "i386", "aarch64", "ppc64le", "ppc64",
            "s390x", "armv7hl", "src");

    private RpmNames() {
    }

    /** {@code openssl-libs.x86_64} → {@code [openssl-libs, x86_64]}; null when the suffix is no architecture. */
    static String[] nameArch(String s) {
        int dot = s.lastIndexOf('.');
        if (dot <= 0 || !ARCHES.contains(s.substring(dot + 1))) {
            return null;
        }
        return new String[] {s.substring(0, dot), s.substring(dot + 1)};
    }

    /** {@code openssl-libs-1:3.0.7-27.el9_4.x86_64} → {@code [openssl-libs, 1:3.0.7-27.el9_4, x86_64]}; null when malformed. */
    static String[] nevra(String s) {
        String[] na = nameArch(s);
        if (na == null) {
            return null;
        }
        String nvr = na[0];
        int rel = nvr.lastIndexOf('-');
        if (rel <= 0) {
            return null;
        }
        int ver = nvr.lastIndexOf('-', rel - 1);
        if (ver <= 0) {
            return null;
        }
        return new String[] {nvr.substring(0, ver), nvr.substring(ver + 1), na[1]};
    }
}
