package jp.akashi.collector.evaluate;

import java.time.Instant;

/**
 * A criterion that went from met to something worse, as the chat messages tell it.
 *
 * @param criterion     global id, e.g. {@code meti-scs:4-4-5-1}
 * @param number        the criterion's number in its framework (its id when the source has none)
 * @param framework     framework id, e.g. {@code meti-scs}
 * @param frameworkName the framework's name in Japanese and English
 * @param from          verdict before
 * @param to            verdict now
 * @param reason        the first reason of the new verdict; null when there is none
 * @param at            when the evaluation decided it
 * @param link          the criterion's console page; null when {@code akashi.public-url} is not set
 */
public record Degradation(String criterion, String number, String framework, Text frameworkName,
                          Verdict from, Verdict to, Text reason, Instant at, String link) {

    /** The verdict's label in Japanese (as the console shows it). */
    static String ja(Verdict v) {
        return switch (v) {
            case MET -> "達成";
            case NOT_MET -> "未達成";
            case UNKNOWN -> "判定不能";
            case UNANSWERED -> "未回答";
            case EXPIRED -> "回答期限切れ";
            case NOT_APPLICABLE -> "対象外";
        };
    }

    /** The verdict's label in English. */
    static String en(Verdict v) {
        return switch (v) {
            case MET -> "Met";
            case NOT_MET -> "Not met";
            case UNKNOWN -> "Unknown";
            case UNANSWERED -> "Unanswered";
            case EXPIRED -> "Answer expired";
            case NOT_APPLICABLE -> "Not applicable";
        };
    }

    /** 「経産省 SCS評価制度 4-4-5-1」: the framework's name and the criterion's number. */
    String titleJa() {
        return "基準の低下: " + frameworkName.ja() + " " + number;
    }

    String titleEn() {
        return "Criterion degraded: " + frameworkName.en() + " " + number;
    }

    String changeJa() {
        return ja(from) + " → " + ja(to);
    }

    String changeEn() {
        return en(from) + " → " + en(to);
    }

    /** One line for clients that show no cards or blocks (Slack's notification text). */
    String fallback() {
        return titleJa() + "（" + changeJa() + "） / " + titleEn() + " (" + changeEn() + ")";
    }
}
