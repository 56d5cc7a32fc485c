package jp.akashi.collector.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The fields of a submitted HTML form (application/x-www-form-urlencoded), read leniently. */
final class Form {
    private final Map<String, Object> values;

    private Form(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    static Form of(Map<String, Object> body) {
        return new Form(body);
    }

    /** The field's value, stripped; null when absent or blank. A repeated field gives its first value. */
    String text(String name) {
        Object v = values.get(name);
        if (v instanceof Collection<?> c) {
            v = c.isEmpty() ? null : c.iterator().next();
        }
        if (v == null) {
            return null;
        }
        String s = v.toString().strip();
        return s.isEmpty() ? null : s;
    }

    /** The field's value exactly as sent (passwords keep their spaces); null when absent. */
    String raw(String name) {
        Object v = values.get(name);
        if (v instanceof Collection<?> c) {
            v = c.isEmpty() ? null : c.iterator().next();
        }
        return v == null ? null : v.toString();
    }

    /** Every value of a repeated field (checkboxes), blanks left out. */
    List<String> list(String name) {
        Object v = values.get(name);
        List<String> out = new ArrayList<>();
        if (v instanceof Collection<?> c) {
            c.forEach(x -> add(out, x));
        } else {
            add(out, v);
        }
        return out;
    }

    /** An integer field; null when absent; {@link NumberFormatException} when not a number. */
    Integer integer(String name) {
        String s = text(name);
        return s == null ? null : Integer.valueOf(s);
    }

    private static void add(List<String> out, Object x) {
        if (x != null && !x.toString().isBlank()) {
            out.add(x.toString().strip());
        }
    }
}
