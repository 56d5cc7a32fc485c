package jp.akashi.collector.web;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A cron expression in words for the console (「毎月 1 日 00:00」, "monthly on day 1 at 00:00"). Only the
 * shapes people schedule snapshots with are phrased: every day, week (one day, or weekdays), month (one
 * day) or hour at fixed times; anything else is left to the raw expression, which the page always shows
 * beside the words.
 */
final class CronText {
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final String[] DAYS_JA = {"日", "月", "火", "水", "木", "金", "土"};
    private static final String[] DAYS_EN = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

    private CronText() {
    }

    /** Micronaut's six fields (second minute hour day-of-month month day-of-week) or the classic five. */
    static Optional<String> describe(String expression, String lang) {
        if (expression == null) {
            return Optional.empty();
        }
        String[] f = expression.strip().split("\\s+");
        if (f.length == 5) {
            f = new String[] {"0", f[0], f[1], f[2], f[3], f[4]};
        }
        if (f.length != 6 || !"0".equals(f[0]) || !"*".equals(f[4])) {
            return Optional.empty();
        }
        boolean ja = !"en".equals(lang);
        Integer minute = number(f[1], 0, 59);
        if (minute == null) {
            return Optional.empty();
        }
        String dom = f[3];
        String dow = f[5].equals("?") ? "*" : f[5];
        if (f[2].equals("*")) {
            if (dom.equals("*") && dow.equals("*")) {
                return Optional.of(ja ? "毎時 " + minute + " 分" : "hourly at minute " + minute);
            }
            return Optional.empty();
        }
        Integer hour = number(f[2], 0, 23);
        if (hour == null) {
            return Optional.empty();
        }
        String time = String.format(Locale.ROOT, "%02d:%02d", hour, minute);
        if (dom.equals("*") && dow.equals("*")) {
            return Optional.of(ja ? "毎日 " + time : "daily at " + time);
        }
        if (dom.equals("*") || dom.equals("?")) {
            if (dow.equalsIgnoreCase("MON-FRI") || dow.equals("1-5")) {
                return Optional.of(ja ? "平日（月〜金）" + time : "weekdays (Mon–Fri) at " + time);
            }
            Integer day = dayOfWeek(dow);
            if (day == null) {
                return Optional.empty();
            }
            return Optional.of(ja ? "毎週" + DAYS_JA[day] + "曜 " + time : "every " + DAYS_EN[day] + " at " + time);
        }
        if (dow.equals("*")) {
            if (dom.equals("L")) {
                return Optional.of(ja ? "毎月末日 " + time : "monthly on the last day at " + time);
            }
            Integer day = number(dom, 1, 31);
            if (day == null) {
                return Optional.empty();
            }
            return Optional.of(ja ? "毎月 " + day + " 日 " + time : "monthly on day " + day + " at " + time);
        }
        return Optional.empty();
    }

    private static Integer dayOfWeek(String s) {
        int i = DAYS.indexOf(s.toUpperCase(Locale.ROOT));
        if (i >= 0) {
            return i;
        }
        Integer n = number(s, 0, 7);
        return n == null ? null : n % 7;
    }

    private static Integer number(String s, int min, int max) {
        if (!s.matches("\\d{1,2}")) {
            return null;
        }
        int n = Integer.parseInt(s);
        return n < min || n > max ? null : n;
    }
}
