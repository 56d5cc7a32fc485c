package jp.akashi.collector.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jp.akashi.collector.catalog.FrameworkVersion;
import jp.akashi.collector.evaluate.ComplianceService;
import jp.akashi.collector.evaluate.CriterionVerdictStore;
import jp.akashi.probes.util.Json;

/**
 * The figures behind the trend charts, from the daily score history: for each day, met and total
 * per ★ level, 必須/任意, or points and threshold. Past days never change, so they are read and
 * parsed once and kept; each request reads only the days after those kept (normally just today's
 * row, which changes during the day). A year of history is thus parsed once, not on every page.
 */
@Singleton
public class ScoreTrends {
    private final ComplianceService compliance;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    public ScoreTrends(ComplianceService compliance) {
        this.compliance = compliance;
    }

    /** One day's figures: {@code level.3.met}, {@code level.3.total}, {@code required.met}, {@code points.earned} … */
    public record Point(String day, Map<String, Integer> values) {
        public Integer value(String key) {
            return values.get(key);
        }
    }

    /** Days before {@code through} (inclusive) that were read already, from {@code from}. */
    private record Kept(LocalDate from, LocalDate through, List<Point> points) {
    }

    /** The daily figures of the last {@code days} days (today included), oldest first; days without a row are absent. */
    public List<Point> points(FrameworkVersion v, String application, int days) {
        LocalDate today = compliance.today();
        LocalDate from = today.minusDays(days - 1L);
        String key = v.framework() + '\u0000' + v.version() + '\u0000' + application;
        Kept k = kept.get(key);
        List<Point> fresh;
        if (k == null || k.from().isAfter(from) || !k.through().isBefore(today)) {
            fresh = read(v, application, from);
            k = new Kept(from, today.minusDays(1), before(fresh, today));
        } else {
            fresh = read(v, application, k.through().plusDays(1));
            List<Point> all = new ArrayList<>(k.points());
            all.addAll(before(fresh, today));
            k = new Kept(k.from(), today.minusDays(1), List.copyOf(all));
        }
        kept.put(key, k);
        String first = from.toString();
        String todayText = today.toString();
        List<Point> out = new ArrayList<>();
        k.points().stream().filter(p -> p.day().compareTo(first) >= 0).forEach(out::add);
        fresh.stream().filter(p -> p.day().equals(todayText)).forEach(out::add);
        return out;
    }

    private static List<Point> before(List<Point> points, LocalDate day) {
        String d = day.toString();
        return points.stream().filter(p -> p.day().compareTo(d) < 0).toList();
    }

    private List<Point> read(FrameworkVersion v, String application, LocalDate from) {
        List<Point> out = new ArrayList<>();
        for (CriterionVerdictStore.ScorePoint p : compliance.historyFrom(v, application, from)) {
            out.add(new Point(p.day(), figures(p.summaryJson())));
        }
        return List.copyOf(out);
    }

    /** The figures of one stored score (see ScoreCalculator's parts); unreadable rows give no figures. */
    static Map<String, Integer> figures(String summaryJson) {
        Map<String, Integer> m = new LinkedHashMap<>();
        JsonNode parts;
        try {
            parts = Json.mapper().readTree(summaryJson).path("parts");
        } catch (JsonProcessingException e) {
            return m;
        }
        for (JsonNode level : parts.path("levels")) {
            String prefix = "level." + level.path("level").asText();
            put(m, prefix + ".met", level.path("met"));
            put(m, prefix + ".total", level.path("total"));
        }
        for (String part : new String[]{"required", "optional"}) {
            put(m, part + ".met", parts.path(part).path("met"));
            put(m, part + ".total", parts.path(part).path("total"));
        }
        put(m, "points.earned", parts.path("points").path("earned"));
        put(m, "points.threshold", parts.path("points").path("threshold"));
        put(m, "points.max", parts.path("points").path("published_max"));
        return Map.copyOf(m);
    }

    private static void put(Map<String, Integer> m, String key, JsonNode n) {
        if (n.isInt()) {
            m.put(key, n.asInt());
        }
    }
}
