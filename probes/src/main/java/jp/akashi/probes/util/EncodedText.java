package jp.akashi.probes.util;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the bytes of a file some tool wrote, whatever its Unicode encoding: Windows tools write
 * UTF-16LE with a byte-order mark (secedit /export), others UTF-8 with or without one.
 */
public final class EncodedText {
    private EncodedText() {
    }

    /** Decodes by byte-order mark; without one, UTF-16LE when every second byte of ASCII-range text is zero, else UTF-8. */
    public static String decode(byte[] data) {
        if (data == null || data.length == 0) {
            return "";
        }
        if (startsWith(data, 0xEF, 0xBB, 0xBF)) {
            return new String(data, 3, data.length - 3, StandardCharsets.UTF_8);
        }
        if (startsWith(data, 0xFF, 0xFE)) {
            return new String(data, 2, data.length - 2, StandardCharsets.UTF_16LE);
        }
        if (startsWith(data, 0xFE, 0xFF)) {
            return new String(data, 2, data.length - 2, StandardCharsets.UTF_16BE);
        }
        Charset cs = looksUtf16Le(data) ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_8;
        return new String(data, cs);
    }

    /**
     * Repairs text that was UTF-16LE but got decoded as UTF-8 on the way (a tool writing UTF-16 to
     * a pipe): drops the NUL of every ASCII character and a leading BOM. Non-ASCII characters
     * are lost in such text already; ASCII structure (XML tags, numbers, timestamps) survives.
     */
    public static String dropUtf16Nuls(String text) {
        if (text == null || text.indexOf('\0') < 0) {
            return text;
        }
        String s = text.replace("\0", "");
        while (!s.isEmpty() && (s.charAt(0) == '\uFEFF' || s.charAt(0) == '\uFFFD')) {
            s = s.substring(1);
        }
        return s;
    }

    private static boolean looksUtf16Le(byte[] d) {
        int pairs = Math.min(d.length / 2, 256);
        if (pairs < 2) {
            return false;
        }
        int zeroHigh = 0;
        for (int i = 0; i < pairs; i++) {
            if (d[2 * i + 1] == 0 && d[2 * i] != 0) {
                zeroHigh++;
            }
        }
        return zeroHigh * 10 >= pairs * 8;
    }

    private static boolean startsWith(byte[] d, int... prefix) {
        if (d.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((d[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
