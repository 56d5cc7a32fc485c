package jp.akashi.probes.util;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Pure reader for XML property lists ({@code plutil -convert xml1 -o - file}, {@code pwpolicy}
 * output). JSON conversion is no option: {@code plutil -convert json} refuses plists holding
 * dates or data. Values become {@code Map<String,Object>}, {@code List<Object>}, {@code String},
 * {@code Long}, {@code Double}, {@code Boolean}, {@link Instant} and {@code byte[]}.
 */
public final class PlistXml {
    private PlistXml() {
    }

    /**
     * Parses the first {@code <plist>} in {@code text} (tools may print a line before it) and
     * returns its root value. Throws {@link IllegalArgumentException} when there is none or it is malformed.
     */
    public static Object parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no property list");
        }
        int start = text.indexOf("<?xml");
        if (start < 0) {
            start = text.indexOf("<plist");
        }
        int end = text.lastIndexOf("</plist>");
        if (start < 0 || end < 0) {
            throw new IllegalArgumentException("no XML property list in the output");
        }
        String xml = text.substring(start, end + "</plist>".length());
        // Apple's DOCTYPE names an external DTD; the safe parser refuses DOCTYPEs, and nothing needs it.
        xml = xml.replaceFirst("<!DOCTYPE[^>]*>", "");
        Document d = SafeXml.parse(xml);
        Element root = d.getDocumentElement();
        if (!root.getTagName().equals("plist")) {
            throw new IllegalArgumentException("root element is not <plist>");
        }
        List<Element> kids = elements(root);
        if (kids.size() != 1) {
            throw new IllegalArgumentException("<plist> must hold exactly one value");
        }
        return value(kids.get(0));
    }

    /** {@link #parse} for a plist whose root must be a dictionary. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseDict(String text) {
        Object o = parse(text);
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException("property list root is not a dictionary");
        }
        return (Map<String, Object>) o;
    }

    private static Object value(Element e) {
        String t = e.getTextContent() == null ? "" : e.getTextContent().strip();
        return switch (e.getTagName()) {
            case "dict" -> dict(e);
            case "array" -> {
                List<Object> l = new ArrayList<>();
                for (Element k : elements(e)) {
                    l.add(value(k));
                }
                yield l;
            }
            case "string" -> e.getTextContent() == null ? "" : e.getTextContent();
            case "integer" -> {
                try {
                    yield Long.parseLong(t);
                } catch (NumberFormatException x) {
                    throw new IllegalArgumentException("bad <integer> " + t);
                }
            }
            case "real" -> {
                try {
                    yield Double.parseDouble(t);
                } catch (NumberFormatException x) {
                    throw new IllegalArgumentException("bad <real> " + t);
                }
            }
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "date" -> {
                try {
                    yield Instant.parse(t);
                } catch (RuntimeException x) {
                    throw new IllegalArgumentException("bad <date> " + t);
                }
            }
            case "data" -> {
                try {
                    yield Base64.getMimeDecoder().decode(t);
                } catch (IllegalArgumentException x) {
                    throw new IllegalArgumentException("bad <data>");
                }
            }
            default -> throw new IllegalArgumentException("unknown plist element <" + e.getTagName() + ">");
        };
    }

    private static Map<String, Object> dict(Element e) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Element> kids = elements(e);
        if (kids.size() % 2 != 0) {
            throw new IllegalArgumentException("<dict> with a key and no value");
        }
        for (int i = 0; i < kids.size(); i += 2) {
            if (!kids.get(i).getTagName().equals("key")) {
                throw new IllegalArgumentException("<dict> entry without <key>");
            }
            m.put(kids.get(i).getTextContent(), value(kids.get(i + 1)));
        }
        return m;
    }

    private static List<Element> elements(Element e) {
        List<Element> out = new ArrayList<>();
        NodeList nl = e.getChildNodes();
        for (int i = 0; i < nl.getLength(); i++) {
            if (nl.item(i).getNodeType() == Node.ELEMENT_NODE) {
                out.add((Element) nl.item(i));
            }
        }
        return out;
    }
}
