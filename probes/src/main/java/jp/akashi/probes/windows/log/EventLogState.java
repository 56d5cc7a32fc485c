package jp.akashi.probes.windows.log;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import jp.akashi.probes.util.EncodedText;
import jp.akashi.probes.util.SafeXml;

/**
 * Pure parsers for one event log's state as {@code wevtutil} prints it: configuration
 * ({@code gl <log> /f:xml}), file information ({@code gli <log>}, "name: value" lines whose names
 * are not translated) and the oldest event ({@code qe <log> /rd:false /c:1 /f:xml}, read only
 * for System/TimeCreated/@SystemTime; rendered message text is ignored).
 */
public final class EventLogState {
    private EventLogState() {
    }

    /**
     * @param mode overwrite (circular), archive (back up when full), retain (stop when full)
     */
    public record Config(boolean enabled, long maxSizeBytes, String mode) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("enabled", enabled);
            m.put("max_size_bytes", maxSizeBytes);
            m.put("retention_mode", mode);
            return m;
        }
    }

    public record Info(long fileSizeBytes, Long records) {
    }

    /** Throws {@link IllegalArgumentException} for anything but a channel configuration with logging settings. */
    public static Config config(String glXml) {
        Document d = SafeXml.parse(clean(glXml));
        Element root = d.getDocumentElement();
        if (!root.getTagName().equals("channel")) {
            throw new IllegalArgumentException("not a wevtutil channel configuration (root <" + root.getTagName() + ">)");
        }
        String max = childText(root, "maxSize");
        String retention = childText(root, "retention");
        String autoBackup = childText(root, "autoBackup");
        if (max == null || !max.matches("\\d{1,19}") || retention == null) {
            throw new IllegalArgumentException("channel configuration lacks logging/maxSize or logging/retention");
        }
        boolean ret = bool(retention);
        boolean ab = autoBackup != null && bool(autoBackup);
        String mode = !ret ? "overwrite" : ab ? "archive" : "retain";
        return new Config(!"false".equalsIgnoreCase(root.getAttribute("enabled")), Long.parseLong(max), mode);
    }

    /** Throws {@link IllegalArgumentException} when fileSize is missing. */
    public static Info info(String gliText) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : clean(gliText).split("\\R")) {
            int c = line.indexOf(':');
            if (c > 0) {
                kv.put(line.substring(0, c).strip(), line.substring(c + 1).strip());
            }
        }
        String size = kv.get("fileSize");
        if (size == null || !size.matches("\\d{1,19}")) {
            throw new IllegalArgumentException("wevtutil gli printed no fileSize");
        }
        String n = kv.get("numberOfLogRecords");
        return new Info(Long.parseLong(size), n != null && n.matches("\\d{1,19}") ? Long.parseLong(n) : null);
    }

    /**
     * The time of the first event; empty when the log holds none (wevtutil prints nothing).
     * Throws {@link IllegalArgumentException} for output that is not an event.
     */
    public static Optional<Instant> oldest(String qeXml) {
        String x = clean(qeXml).strip();
        if (x.isEmpty()) {
            return Optional.empty();
        }
        Document d = SafeXml.parse("<events>" + x.replaceFirst("^<\\?xml[^>]*\\?>", "") + "</events>");
        NodeList tc = d.getElementsByTagName("TimeCreated");
        if (tc.getLength() == 0) {
            throw new IllegalArgumentException("event has no System/TimeCreated");
        }
        String st = ((Element) tc.item(0)).getAttribute("SystemTime");
        try {
            return Optional.of(Instant.parse(st.strip()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("TimeCreated SystemTime is not an ISO-8601 instant: " + st);
        }
    }

    private static String childText(Element root, String tag) {
        NodeList l = root.getElementsByTagName(tag);
        return l.getLength() == 0 ? null : l.item(0).getTextContent().strip();
    }

    private static boolean bool(String s) {
        String v = s.strip().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("1")) {
            return true;
        }
        if (v.equals("false") || v.equals("0")) {
            return false;
        }
        throw new IllegalArgumentException("not a boolean: " + s);
    }

    /** wevtutil may reach us as UTF-16 decoded as UTF-8; recover its ASCII structure. */
    private static String clean(String s) {
        String t = EncodedText.dropUtf16Nuls(s == null ? "" : s);
        return t.startsWith("\uFEFF") ? t.substring(1) : t;
    }
}
