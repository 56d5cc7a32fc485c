package jp.akashi.collector.ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Well-formed UTF-8 as RFC 3629 defines it. Jackson decodes overlong forms ({@code C0 AF} as
 * "/", {@code C0 80} as NUL) and code points past U+10FFFF without complaint, so a name can
 * arrive spelt in bytes that no filter on the wire recognises; reports are checked here first.
 */
final class Utf8 {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

    private Utf8() {
    }

    /**
     * One pass over a body.
     *
     * @param malformedAt    offset of the first byte that is not part of well-formed UTF-8, or -1.
     *                       A raw NUL byte counts as malformed too: JSON text never holds one, and
     *                       without it no UTF-16 or UTF-32 body can be mistaken for JSON by the
     *                       parser's encoding detection.
     * @param unicodeEscapes whether a &#92;u escape may occur. Without one, no string parsed from
     *                       a well-formed body can hold NUL, an unpaired surrogate or a control
     *                       character other than the short escapes (&#92;t, &#92;n …): the parser refuses
     *                       raw control characters and the UTF-8 check refuses encoded surrogates
     */
    record Scan(int malformedAt, boolean unicodeEscapes) {
    }

    static int firstMalformed(byte[] b) {
        return scan(b).malformedAt();
    }

    static Scan scan(byte[] b) {
        int n = b.length;
        int i = 0;
        boolean escapes = false;
        while (i < n) {
            // ASCII runs without NUL or backslash (nearly all of a report) eight bytes at a time
            if (i + 8 <= n) {
                long w = (long) LONGS.get(b, i);
                if ((w & HIGH_BITS) == 0 && !hasZeroByte(w) && !hasZeroByte(w ^ BACKSLASHES)) {
                    i += 8;
                    continue;
                }
            }
            int c = b[i] & 0xff;
            if (c < 0x80) {
                if (c == 0) {
                    return new Scan(i, escapes);
                }
                if (c == '\\' && i + 1 < n && b[i + 1] > 0) {
                    // an escape is taken as a pair, so an escaped backslash before a "u" is no backslash-u escape
                    escapes |= b[i + 1] == 'u';
                    i += 2;
                    continue;
                }
                i++;
                continue;
            }
            int len;
            int lo = 0x80;
            int hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                len = 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                len = 3;
                if (c == 0xE0) {
                    lo = 0xA0; // below: overlong
                } else if (c == 0xED) {
                    hi = 0x9F; // above: UTF-16 surrogates
                }
            } else if (c >= 0xF0 && c <= 0xF4) {
                len = 4;
                if (c == 0xF0) {
                    lo = 0x90; // below: overlong
                } else if (c == 0xF4) {
                    hi = 0x8F; // above: past U+10FFFF
                }
            } else {
                return new Scan(i, escapes); // continuation byte without a lead, C0/C1 (always overlong), F5..FF
            }
            if (i + len > n) {
                return new Scan(i, escapes);
            }
            int second = b[i + 1] & 0xff;
            if (second < lo || second > hi) {
                return new Scan(i, escapes);
            }
            for (int k = 2; k < len; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return new Scan(i, escapes);
                }
            }
            i += len;
        }
        return new Scan(-1, escapes);
    }

    /** Whether one of the eight bytes of {@code w} is zero (all are below 0x80 here). */
    private static boolean hasZeroByte(long w) {
        return ((w - 0x0101010101010101L) & ~w & HIGH_BITS) != 0;
    }
}
