package jp.akashi.probes.windows;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Base64;

import jp.akashi.probes.util.EncodedText;

/**
 * A file a Windows tool wrote (secedit /export, auditpol /backup), carried by the inventory as
 * {@code {"exit": n, "b64": "..."}} so its bytes arrive unchanged, then decoded here by its
 * byte-order mark (secedit writes UTF-16LE with BOM).
 */
public final class FileExport {
    private FileExport() {
    }

    /** Pure: the decoded text. Throws {@link IllegalArgumentException} saying why there is none. */
    public static String text(JsonNode section, String tool) {
        Long exit = WinValues.integer(section, "exit");
        String b64 = WinValues.field(section, "b64") == null ? null : WinValues.field(section, "b64").asText();
        if (b64 == null || b64.isEmpty()) {
            throw new IllegalArgumentException(tool + " wrote no file (exit " + exit + "; it needs Administrator rights)");
        }
        if (exit != null && exit != 0) {
            throw new IllegalArgumentException(tool + " failed with exit " + exit);
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(tool + " output is not valid base64");
        }
        return EncodedText.decode(data);
    }
}
