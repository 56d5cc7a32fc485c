package jp.akashi.collector.web;

import com.fasterxml.jackson.core.JsonProcessingException;

import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import jp.akashi.collector.catalog.FrameworkVersion;
import jp.akashi.collector.catalog.Scoring;
import jp.akashi.collector.evaluate.ScoreCalculator;
import jp.akashi.probes.util.Json;

/**
 * A framework's trend chart: the series the score history gives per day (METI: share of each ★
 * level's criteria met; Kubota: share of 必須 and 任意 met; 安全・安心マーク: points per application
 * type and the pass threshold), as JSON for the page's {@code data-chart} attribute (app.js draws
 * it with Chart.js; no inline script), and as sentences for people who cannot see the chart.
 */
@Singleton
public class TrendCharts {
    private final ScoreTrends trends;
    private final WebMessages messages;

    public TrendCharts(ScoreTrends trends, WebMessages messages) {
        this.trends = trends;
        this.messages = messages;
    }

    /**
     * @param json    what app.js reads: {@code {labels, unit, yMax, series: [{label, values, dashed}]}}
     * @param changes one line per series: first and last value in the period
     * @param days    the period
     * @param empty   fewer than two days of scores in the period: nothing to draw a trend from
     */
    public record Chart(String json, List<String> changes, int days, boolean empty) {
    }

    private record Series(String label, Map<String, Double> byDay, boolean dashed) {
    }

    public Chart chart(FrameworkVersion v, Locale locale, int days) {
        List<Series> series = new ArrayList<>();
        String unit = "%";
        Double yMax = 100.0;
        switch (v.scoring().kind()) {
            case METI_LEVELS -> {
                List<ScoreTrends.Point> points = trends.points(v, ScoreCalculator.DEFAULT_APPLICATION, days);
                for (Scoring.Level l : v.scoring().levels()) {
                    series.add(new Series(messages.text(locale, "trend.level", l.label()),
                            share(points, "level." + l.level()), false));
                }
            }
            case REQUIRED_OPTIONAL -> {
                List<ScoreTrends.Point> points = trends.points(v, ScoreCalculator.DEFAULT_APPLICATION, days);
                series.add(new Series(messages.text(locale, "trend.required"), share(points, "required"), false));
                series.add(new Series(messages.text(locale, "trend.optional"), share(points, "optional"), false));
            }
            case POINTS -> {
                unit = "";
                yMax = null;
                for (String app : ScoreCalculator.applications(v)) {
                    String appName = messages.text(locale, "application." + app);
                    List<ScoreTrends.Point> points = trends.points(v, app, days);
                    series.add(new Series(messages.text(locale, "trend.points", appName), value(points, "points.earned"), false));
                    series.add(new Series(messages.text(locale, "trend.threshold", appName), value(points, "points.threshold"), true));
                }
            }
            default -> throw new IllegalStateException("unknown scoring kind " + v.scoring().kind());
        }
        return build(series, unit, yMax, days, locale);
    }

    private Chart build(List<Series> series, String unit, Double yMax, int days, Locale locale) {
        TreeSet<String> dayset = new TreeSet<>();
        series.forEach(s -> dayset.addAll(s.byDay().keySet()));
        List<String> labels = new ArrayList<>(dayset);
        List<Map<String, Object>> out = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        for (Series s : series) {
            List<Double> values = labels.stream().map(d -> s.byDay().get(d)).toList();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", s.label());
            m.put("values", values);
            m.put("dashed", s.dashed());
            out.add(m);
            List<Double> present = values.stream().filter(x -> x != null).toList();
            if (!present.isEmpty() && !s.dashed()) {
                changes.add(messages.text(locale, "trend.change", s.label(), format(present.get(0), unit),
                        format(present.get(present.size() - 1), unit)));
            }
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", labels);
        chart.put("unit", unit);
        chart.put("yMax", yMax);
        chart.put("series", out);
        try {
            return new Chart(Json.mapper().writeValueAsString(chart), changes, days, daysWithData(series) < 2);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Days on which a score (not only a threshold) was recorded. A line of one point draws empty axes, so
     * a trend needs two days; before that the card says there is no trend yet.
     */
    private static int daysWithData(List<Series> series) {
        TreeSet<String> days = new TreeSet<>();
        series.stream().filter(s -> !s.dashed()).forEach(s -> days.addAll(s.byDay().keySet()));
        return days.size();
    }

    /** Percent of {@code prefix.met} in {@code prefix.total}, one decimal. */
    private static Map<String, Double> share(List<ScoreTrends.Point> points, String prefix) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (ScoreTrends.Point p : points) {
            Integer met = p.value(prefix + ".met");
            Integer total = p.value(prefix + ".total");
            if (met != null && total != null && total > 0) {
                m.put(p.day(), Math.round(1000.0 * met / total) / 10.0);
            }
        }
        return m;
    }

    private static Map<String, Double> value(List<ScoreTrends.Point> points, String key) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (ScoreTrends.Point p : points) {
            Integer v = p.value(key);
            if (v != null) {
                m.put(p.day(), v.doubleValue());
            }
        }
        return m;
    }

    private static String format(double v, String unit) {
        String n = v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
        return n + unit;
    }
}
