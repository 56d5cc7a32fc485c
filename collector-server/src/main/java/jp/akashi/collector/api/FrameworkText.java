package jp.akashi.collector.api;

import jp.akashi.collector.catalog.LocalizedText;

/** A Japanese text with its English rendering (may be null). */
public record FrameworkText(String ja, String en) {

    static FrameworkText from(LocalizedText t) {
        return t == null ? null : new FrameworkText(t.ja(), t.en());
    }
}
