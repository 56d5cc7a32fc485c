package jp.akashi.probes.util;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads UTC instants ({@code 2026-11-20T03:00:00.123456Z}) without the general
 * DateTimeFormatter machinery, which dominated report parsing (every fact has a timestamp).
 * Anything else falls back to {@link Instant#parse}.
 */
public final class FastInstant extends StdScalarDeserializer<Instant> {

    public FastInstant() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return Instant.ofEpochMilli(p.getLongValue());
        }
        String s = p.getValueAsString();
        if (s == null) {
            return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
        }
        try {
            return parse(s);
        } catch (DateTimeException | NumberFormatException e) {
            return (Instant) ctxt.handleWeirdStringValue(Instant.class, s, "not an ISO-8601 instant");
        }
    }

    /** Parses an ISO-8601 UTC instant; fast path for the shape {@code Instant.toString()} writes. */
    public static Instant parse(String s) {
        int n = s.length();
        if (n >= 20 && n <= 30 && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T' && s.charAt(13) == ':'
                && s.charAt(16) == ':' && s.charAt(n - 1) == 'Z') {
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 7);
            int day = digits(s, 8, 10);
            int hour = digits(s, 11, 13);
            int minute = digits(s, 14, 16);
            int second = digits(s, 17, 19);
            int nanos = 0;
            if (n > 20) {
                if (s.charAt(19) != '.' || n - 21 > 9 || n - 21 < 1) {
                    return Instant.parse(s);
                }
                int frac = digits(s, 20, n - 1);
                for (int i = n - 21; i < 9; i++) {
                    frac *= 10;
                }
                nanos = frac;
            } else if (n != 20) {
                return Instant.parse(s);
            }
            if (hour > 23 || minute > 59 || second > 59) {
                throw new DateTimeException("invalid time in " + s);
            }
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86400 + hour * 3600L + minute * 60L + second, nanos);
        }
        return Instant.parse(s);
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException("not a digit in " + s);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
