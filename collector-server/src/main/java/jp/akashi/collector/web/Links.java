package jp.akashi.collector.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Links within the console with query parameters; blank parameters are left out. */
final class Links {
    private Links() {
    }

    static String query(String base, Map<String, String> params) {
        StringBuilder sb = new StringBuilder(base);
        char sep = base.indexOf('?') < 0 ? '?' : '&';
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getValue() != null && !e.getValue().isBlank()) {
                sb.append(sep).append(enc(e.getKey())).append('=').append(enc(e.getValue()));
                sep = '&';
            }
        }
        return sb.toString();
    }

    /** {@code query(base, "k1", "v1", "k2", "v2" …)}. */
    static String query(String base, String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return query(base, m);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
