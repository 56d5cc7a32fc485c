package jp.akashi.collector.digest;

import java.util.List;

/**
 * One person's digest for one day: sections in {@link MailSettings#SECTIONS} order, each with its
 * complete count and the first lines (both languages; the mail picks the person's).
 *
 * @param from the change window's start (the previous digest), exclusive
 * @param to   its end, inclusive
 */
public record Digest(String day, long from, long to, List<Section> sections, List<Reminder> reminders) {

    /** A line of a section, with its console link (null when {@code akashi.public-url} is not set). */
    public record Line(String ja, String en, String link) {
    }

    /** @param total how many things the section has (may exceed the lines shown) */
    public record Section(String key, int total, List<Line> lines) {
    }

    /** An expiry reminder this digest carries: once sent, it is not sent again. */
    public record Reminder(String kind, String itemId, long expiresAt, int days) {
    }

    public boolean empty() {
        return sections.stream().allMatch(s -> s.total() == 0);
    }
}
