package jp.akashi.probes.macos;

import java.util.Map;

/** Typed reads from parsed property lists; {@code null} when absent or of another type. */
public final class MacValues {
    private MacValues() {
    }

    public static Boolean bool(Map<String, Object> m, String k) {
        Object v = m == null ? null : m.get(k);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Long l && (l == 0 || l == 1)) {
            return l == 1;
        }
        if (v instanceof String s && (s.equals("0") || s.equals("1"))) {
            return s.equals("1");
        }
        return null;
    }

    public static Long integer(Map<String, Object> m, String k) {
        Object v = m == null ? null : m.get(k);
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d && d == Math.rint(d)) {
            return d.longValue();
        }
        if (v instanceof String s && s.strip().matches("-?\\d{1,18}")) {
            return Long.parseLong(s.strip());
        }
        return null;
    }

    public static String text(Map<String, Object> m, String k) {
        Object v = m == null ? null : m.get(k);
        return v instanceof String s && !s.isBlank() ? s.strip() : null;
    }
}
