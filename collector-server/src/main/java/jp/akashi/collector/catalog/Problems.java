package jp.akashi.collector.catalog;

import java.util.ArrayList;
import java.util.List;

/** Collects load problems so one run reports all of them, each prefixed with its file. */
final class Problems {
    private final List<String> list = new ArrayList<>();

    void add(String file, String message) {
        list.add(file + ": " + message);
    }

    int count() {
        return list.size();
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    List<String> list() {
        return List.copyOf(list);
    }

    /** A sink that prefixes every problem with the file and the item it concerns. */
    Sink about(String file, String subject) {
        return message -> add(file, subject == null ? message : subject + ": " + message);
    }

    @FunctionalInterface
    interface Sink {
        void add(String message);
    }
}
