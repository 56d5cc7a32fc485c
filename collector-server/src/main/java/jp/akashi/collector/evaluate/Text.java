package jp.akashi.collector.evaluate;

/** A message in Japanese (shown first) and English. */
public record Text(String ja, String en) {

    public static Text of(String ja, String en) {
        return new Text(ja, en);
    }

    public String in(String locale) {
        return "en".equals(locale) && en != null ? en : ja;
    }
}
