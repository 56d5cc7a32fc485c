package jp.akashi.collector;

import io.micronaut.runtime.Micronaut;

/** Starts the collector. */
public final class CollectorMain {
    private CollectorMain() {
    }

    public static void main(String[] args) {
        Micronaut.run(CollectorMain.class, args);
    }
}
