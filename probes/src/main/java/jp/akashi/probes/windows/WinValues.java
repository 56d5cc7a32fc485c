package jp.akashi.probes.windows;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads from the JSON that PowerShell's {@code ConvertTo-Json} prints. Each returns
 * {@code null} when the value is absent or has another type, never a default: the caller turns
 * that into an error fact.
 */
public final class WinValues {
    /** Windows PowerShell 5.1 prints DateTime as {@code \/Date(1718245678901)\/} (optionally with an offset). */
    private static final Pattern MS_DATE = Pattern.compile("^\\\\?/Date\\((-?\\d+)([+-]\\d{4})?\\)\\\\?/$");
    /** Dates before this are Windows' "never" markers (DateTime.MinValue, 1601 FILETIME zero). */
    private static final Instant EPOCH_OF_VALID_DATES = Instant.parse("1990-01-01T00:00:00Z");

    private WinValues() {
    }

    public static JsonNode field(JsonNode n, String f) {
        if (n == null || !n.isObject()) {
            return null;
        }
        JsonNode v = n.get(f);
        return v == null || v.isNull() || v.isMissingNode() ? null : v;
    }

    /** Text or number as text; blank text is absent. */
    public static String text(JsonNode n, String f) {
        JsonNode v = field(n, f);
        if (v == null || !(v.isTextual() || v.isNumber())) {
            return null;
        }
        String s = v.asText().strip();
        return s.isEmpty() ? null : s;
    }

    /** Integral number, or text holding only an integer (registry REG_SZ numbers). */
    public static Long integer(JsonNode n, String f) {
        JsonNode v = field(n, f);
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        if (v.isTextual() && v.asText().strip().matches("-?\\d{1,18}")) {
            return Long.parseLong(v.asText().strip());
        }
        return null;
    }

    /** JSON boolean, 0/1, or the text True/False (any case). */
    public static Boolean bool(JsonNode n, String f) {
        JsonNode v = field(n, f);
        if (v == null) {
            return null;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isIntegralNumber()) {
            long l = v.asLong();
            return l == 0 ? Boolean.FALSE : l == 1 ? Boolean.TRUE : null;
        }
        if (v.isTextual()) {
            String s = v.asText().strip().toLowerCase(Locale.ROOT);
            return s.equals("true") ? Boolean.TRUE : s.equals("false") ? Boolean.FALSE : null;
        }
        return null;
    }

    /** ISO-8601 instant (with offset or Z) or {@code /Date(ms)/}; dates before 1990 (Windows' "never") are absent. */
    public static Instant instant(JsonNode n, String f) {
        String s = text(n, f);
        return s == null ? null : parseInstant(s);
    }

    public static Instant parseInstant(String s) {
        if (s == null) {
            return null;
        }
        Instant i = null;
        Matcher m = MS_DATE.matcher(s.strip());
        if (m.matches()) {
            try {
                i = Instant.ofEpochMilli(Long.parseLong(m.group(1)));
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            try {
                i = OffsetDateTime.parse(s.strip()).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    i = Instant.parse(s.strip());
                } catch (DateTimeParseException e2) {
                    return null;
                }
            }
        }
        return i.isBefore(EPOCH_OF_VALID_DATES) ? null : i;
    }

    /** The elements of an array; a lone object counts as a one-element array (PowerShell unrolls those); absent is empty. */
    public static List<JsonNode> items(JsonNode n, String f) {
        JsonNode v = field(n, f);
        List<JsonNode> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v.isArray()) {
            v.forEach(out::add);
        } else {
            out.add(v);
        }
        return out;
    }
}
