package jp.akashi.collector.ingest;

import jp.akashi.collector.Refusal;

/**
 * A report refused because of one field: 400, the field's place first ({@code asset.hostname},
 * {@code facts[3].value (os.name)}), then why, in English and in Japanese ({@code errorJa}).
 */
final class FieldRefusal {
    private static final int MAX_PLACE = 200;
    private static final int MAX_MESSAGE = 1000;

    private FieldRefusal() {
    }

    static Refusal of(String place, String en, String ja) {
        String p = shown(place, MAX_PLACE);
        return Refusal.badRequest(p + ": " + shown(en, MAX_MESSAGE), p + ": " + shown(ja, MAX_MESSAGE));
    }

    /**
     * {@code s} safe to put in the answer: places and details may quote what the report sent (a
     * key, a parser's view of it), and an unpaired surrogate there would fail the response itself;
     * control and bidi characters are shown as escapes, long quotes are cut.
     */
    static String shown(String s, int max) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), max) + 16);
        for (int i = 0; i < s.length() && sb.length() < max; i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (pair) {
                sb.append(c).append(s.charAt(++i));
            } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || Character.isSurrogate(c) || TextRules.isBidiControl(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.length() >= max && s.length() > max ? sb + "…" : sb.toString();
    }
}
