package jp.akashi.probes.snmp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Decodes SNMP OCTET STRING values (DisplayString) the way a person would read them. Devices
 * configured in Japan often hold sysLocation/sysContact in UTF-8 or Shift_JIS; bytes that are
 * neither are shown as hex rather than as mojibake.
 */
final class SnmpText {
    private static final Charset SHIFT_JIS = Charset.forName("windows-31j");

    private SnmpText() {
    }

    static String decode(byte[] raw) {
        int end = raw.length;
        while (end > 0 && raw[end - 1] == 0) {
            end--; // some agents count a C string's terminating NUL
        }
        ByteBuffer bytes = ByteBuffer.wrap(raw, 0, end);
        for (Charset cs : new Charset[] {StandardCharsets.UTF_8, SHIFT_JIS}) {
            try {
                String s = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes.duplicate()).toString();
                if (printable(s)) {
                    return s;
                }
            } catch (CharacterCodingException e) {
                // try the next encoding
            }
        }
        return "0x" + HexFormat.of().formatHex(raw);
    }

    private static boolean printable(String s) {
        return s.codePoints().allMatch(c -> c == '\r' || c == '\n' || c == '\t' || !Character.isISOControl(c));
    }

    /** Hex of the raw bytes, for evidence next to a decoded value. */
    static String hex(byte[] raw) {
        return HexFormat.of().formatHex(raw);
    }
}
