package jp.akashi.probes.update;

/** Agent version strings as the packages name them (0.2.0, 0.10.1, 0.2.0-SNAPSHOT, 0.2.0~SNAPSHOT). */
public final class Versions {
    private Versions() {
    }

    /** Numeric parts compare as numbers: 0.10.0 is newer than 0.9.1. */
    public static int compare(String a, String b) {
        String[] x = a.split("[.+~-]");
        String[] y = b.split("[.+~-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : "";
            String q = i < y.length ? y[i] : "";
            int c = p.matches("\\d{1,9}") && q.matches("\\d{1,9}") ? Integer.compare(Integer.parseInt(p), Integer.parseInt(q)) : p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** A snapshot build counts as its release: {@code 0.2.0-SNAPSHOT} and {@code 0.2.0~SNAPSHOT} are {@code 0.2.0}. */
    public static String release(String v) {
        return v.replaceAll("[~-]?SNAPSHOT$", "");
    }

    /** Whether {@code version} is older than {@code newest} (unknown versions are never older). */
    public static boolean older(String version, String newest) {
        if (version == null || newest == null) {
            return false;
        }
        return compare(release(version), release(newest)) < 0;
    }
}
