package jp.akashi.collector.catalog;

import java.time.Period;
import java.util.ArrayList;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Small value checks and immutable copies shared by the catalog validators. */
final class Values {
    /** Local ids: no colon (it separates framework and id) and no spaces. */
    static final Pattern LOCAL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    static final Pattern FRAMEWORK_ID = Pattern.compile("[a-z][a-z0-9-]*");
    static final Set<String> NIST_CSF = Set.of("GV", "ID", "PR", "DE", "RS", "RC");

    private Values() {
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** A positive ISO-8601 period (P1Y, P6M, P14D), or empty when the text is not one. */
    static Optional<Period> period(String text) {
        try {
            Period p = Period.parse(text);
            return p.isNegative() || p.isZero() ? Optional.empty() : Optional.of(p);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** An unmodifiable copy; null entries are kept so that validation can report them. */
    static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** An unmodifiable copy that keeps the source order (column order matters for display). */
    static <K, V> Map<K, V> orderedMap(Map<K, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    static boolean isDate(String s) {
        try {
            java.time.LocalDate.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static boolean isTrue(Boolean b) {
        return Boolean.TRUE.equals(b);
    }
}
