package jp.akashi.collector.export;

import java.time.Instant;

import jp.akashi.collector.config.DisplayZone;

/**
 * The words the reports use for verdicts, answers, scores and times (in the display zone): Japanese,
 * or with {@code en} English (an English workbook).
 */
public final class Labels {

    private Labels() {
    }

    /** A criterion verdict as a report shows it. */
    public static String verdict(String wire) {
        if (wire == null) {
            return "判定不能";
        }
        return switch (wire) {
            case "met" -> "適合";
            case "not_met" -> "不適合";
            case "unanswered" -> "未回答";
            case "expired" -> "期限切れ";
            case "not_applicable" -> "対象外";
            default -> "判定不能";
        };
    }

    /** The self-assessment answer a verdict amounts to (the 回答 column of a submitted sheet). */
    public static String answerColumn(String wire) {
        if (wire == null) {
            return "判定不能";
        }
        return switch (wire) {
            case "met" -> "はい";
            case "not_met" -> "いいえ";
            case "not_applicable" -> "対象外";
            case "unanswered" -> "未回答";
            case "expired" -> "期限切れ（要再確認）";
            default -> "判定不能";
        };
    }

    /** Every value the 回答 column can take (the dropdown of the Kubota sheet). */
    public static final String[] ANSWER_CHOICES = {"はい", "いいえ", "対象外", "未回答", "期限切れ（要再確認）", "判定不能"};

    /** The Answer column of an English workbook; each word is one the sheet import reads ({@link SheetWords}). */
    public static final String[] ANSWER_CHOICES_EN = {"Yes", "No", "N/A", "Unanswered", "Expired (re-check)", "Unknown"};

    public static String answerColumn(String wire, boolean en) {
        if (!en) {
            return answerColumn(wire);
        }
        return switch (wire == null ? "" : wire) {
            case "met" -> "Yes";
            case "not_met" -> "No";
            case "not_applicable" -> "N/A";
            case "unanswered" -> "Unanswered";
            case "expired" -> "Expired (re-check)";
            default -> "Unknown";
        };
    }

    public static String verdict(String wire, boolean en) {
        if (!en) {
            return verdict(wire);
        }
        return switch (wire == null ? "" : wire) {
            case "met" -> "met";
            case "not_met" -> "not met";
            case "unanswered" -> "unanswered";
            case "expired" -> "expired";
            case "not_applicable" -> "not applicable";
            default -> "undetermined";
        };
    }

    public static String answerStatus(String status, boolean en) {
        if (!en || status == null) {
            return answerStatus(status);
        }
        return switch (status) {
            case "met" -> "met";
            case "not_met" -> "not met";
            case "not_applicable" -> "not applicable";
            default -> status;
        };
    }

    public static String scoreStatus(String status, boolean en) {
        if (!en) {
            return scoreStatus(status);
        }
        return switch (status == null ? "" : status) {
            case "reached" -> "reached";
            case "not_reached" -> "not reached";
            case "met" -> "all required items met";
            case "not_met" -> "required items not met";
            case "pass" -> "pass";
            case "fail" -> "fail";
            default -> "undetermined";
        };
    }

    public static String evidence(String type, boolean en) {
        if (!en || type == null) {
            return evidence(type);
        }
        return switch (type) {
            case "auto" -> "automatic";
            case "hybrid" -> "automatic + answer";
            case "manual" -> "answer";
            default -> type;
        };
    }

    public static String application(String app, boolean en) {
        if (!en || app == null) {
            return application(app);
        }
        return switch (app) {
            case "new" -> "new application";
            case "renewal" -> "renewal";
            case "default" -> "";
            default -> app;
        };
    }

    /** The Japanese text, or with {@code en} the English one. */
    static String w(boolean en, String ja, String english) {
        return en ? english : ja;
    }

    public static String answerStatus(String status) {
        if (status == null) {
            return "";
        }
        return switch (status) {
            case "met" -> "満たしている";
            case "not_met" -> "満たしていない";
            case "not_applicable" -> "対象外";
            default -> status;
        };
    }

    public static String scoreStatus(String status) {
        if (status == null) {
            return "判定不能";
        }
        return switch (status) {
            case "reached" -> "達成";
            case "not_reached" -> "未達成";
            case "met" -> "必須項目をすべて満たす";
            case "not_met" -> "必須項目に未達あり";
            case "pass" -> "合格";
            case "fail" -> "不合格";
            default -> "判定不能";
        };
    }

    public static String evidence(String type) {
        if (type == null) {
            return "";
        }
        return switch (type) {
            case "auto" -> "自動判定";
            case "hybrid" -> "自動判定＋回答";
            case "manual" -> "回答";
            default -> type;
        };
    }

    public static String application(String app) {
        if (app == null) {
            return "";
        }
        return switch (app) {
            case "new" -> "新規申請";
            case "renewal" -> "更新申請";
            case "default" -> "";
            default -> app;
        };
    }

    /** "2026-11-20 09:00 JST" from an ISO instant, in {@code zone}; empty for null. */
    public static String time(String isoInstant, DisplayZone zone) {
        if (isoInstant == null) {
            return "";
        }
        long at = Instant.parse(isoInstant).toEpochMilli();
        return zone.minute(at) + " " + zone.abbreviation(at);
    }

    /** "2026-11-20" from an ISO instant, in {@code zone}; empty for null. */
    public static String day(String isoInstant, DisplayZone zone) {
        return isoInstant == null ? "" : zone.day(Instant.parse(isoInstant).toEpochMilli());
    }

    public static String iso(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
    }
}
