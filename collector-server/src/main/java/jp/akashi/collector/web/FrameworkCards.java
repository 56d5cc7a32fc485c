package jp.akashi.collector.web;

import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.Framework;
import jp.akashi.collector.catalog.FrameworkVersion;
import jp.akashi.collector.catalog.ScoringKind;
import jp.akashi.collector.evaluate.ComplianceService;
import jp.akashi.collector.evaluate.CriterionVerdict;
import jp.akashi.collector.evaluate.Score;
import jp.akashi.collector.evaluate.ScoreCalculator;

/**
 * One card per framework version for the dashboard and the framework pages, from the scores the
 * compliance engine computes: METI ★3/★4 reached or not with the missing criteria, Kubota 必須 and
 * 任意 met/total, 安全・安心マーク pass or fail per application type with points against the
 * threshold and the zero-point rule; the score's notes; a trend chart from the score history.
 * Every figure links to the framework page filtered to the criteria behind it.
 */
@Singleton
public class FrameworkCards {
    private final Catalog catalog;
    private final ComplianceService compliance;
    private final TrendCharts charts;

    public FrameworkCards(Catalog catalog, ComplianceService compliance, TrendCharts charts) {
        this.catalog = catalog;
        this.compliance = compliance;
        this.charts = charts;
    }

    /** A ★ level: reached / not_reached / undetermined, met of total, how many are missing. */
    public record Level(String label, String status, int met, int total, int missing, Integer publicCriteria, String href) {
    }

    /** Met of total (必須 or 任意), with a link to the ones not met. */
    public record Count(int met, int total, String href) {
        public int missing() {
            return total - met;
        }
    }

    /**
     * 安全・安心マーク for one application type.
     *
     * @param zeroFailItems numbers of the items where 0 points fails the application
     * @param zeroFailed    numbers of those that scored 0
     */
    public record Application(String id, String status, Count required, int earned, Integer threshold, int max,
                              int publishedMax, List<String> zeroFailItems, List<String> zeroFailed, String href) {
    }

    public record Card(String framework, String version, String name, String kind, String status, List<Level> levels,
                       Count required, Count optional, List<Application> applications, List<String> notes, String href,
                       TrendCharts.Chart trend) {
        public boolean meti() {
            return ScoringKind.METI_LEVELS.id().equals(kind);
        }

        public boolean requiredOptional() {
            return ScoringKind.REQUIRED_OPTIONAL.id().equals(kind);
        }

        public boolean points() {
            return ScoringKind.POINTS.id().equals(kind);
        }
    }

    /** Cards of every framework's latest version. */
    public List<Card> latest(Map<String, CriterionVerdict> verdicts, Locale locale, int trendDays) {
        List<Card> out = new ArrayList<>();
        for (Framework f : catalog.frameworks()) {
            out.add(card(f.latest(), verdicts, locale, trendDays));
        }
        return out;
    }

    public Card card(FrameworkVersion v, Map<String, CriterionVerdict> verdicts, Locale locale, int trendDays) {
        String lang = ConsoleLanguage.lang(locale);
        boolean latest = catalog.latest(v.framework()).map(l -> l.version().equals(v.version())).orElse(true);
        String base = "/frameworks/" + v.framework();
        String version = latest ? null : v.version();
        List<Score> scores = ScoreCalculator.applications(v).stream().map(app -> compliance.score(v, app, verdicts)).toList();
        Set<String> notes = new LinkedHashSet<>();
        scores.forEach(s -> s.notes().forEach(n -> notes.add(n.in(lang))));
        Score first = scores.get(0);
        List<Level> levels = new ArrayList<>();
        Count required = null;
        Count optional = null;
        List<Application> applications = new ArrayList<>();
        switch (v.scoring().kind()) {
            case METI_LEVELS -> {
                for (Object o : list(first.parts().get("levels"))) {
                    Map<?, ?> l = (Map<?, ?>) o;
                    Object pub = l.get("public_criteria");
                    levels.add(new Level(String.valueOf(l.get("label")), String.valueOf(l.get("status")), num(l.get("met")),
                            num(l.get("total")), list(l.get("missing")).size(), pub == null ? null : num(pub),
                            Links.query(base, "version", version, "level", String.valueOf(l.get("level")), "verdict", TreeFilter.OPEN)));
                }
            }
            case REQUIRED_OPTIONAL -> {
                required = count(first.parts().get("required"), Links.query(base, "version", version, "required", "true",
                        "verdict", TreeFilter.OPEN));
                optional = count(first.parts().get("optional"), Links.query(base, "version", version, "required", "false",
                        "verdict", TreeFilter.OPEN));
            }
            case POINTS -> {
                List<String> zeroItems = v.scoring().zeroFails() == null ? List.of() : v.scoring().zeroFails();
                for (Score s : scores) {
                    Map<?, ?> pts = (Map<?, ?>) s.parts().get("points");
                    Object threshold = pts.get("threshold");
                    List<String> zeroFailed = list(s.parts().get("zero_failed")).stream()
                            .map(id -> String.valueOf(id).substring(String.valueOf(id).indexOf(':') + 1)).toList();
                    applications.add(new Application(s.application(), s.status(),
                            count(s.parts().get("required"), Links.query(base, "version", version, "application", s.application(),
                                    "required", "true", "verdict", TreeFilter.OPEN)),
                            num(pts.get("earned")), threshold == null ? null : num(threshold), num(pts.get("max")),
                            num(pts.get("published_max")), zeroItems, zeroFailed,
                            Links.query(base, "version", version, "application", s.application())));
                }
            }
            default -> throw new IllegalStateException("unknown scoring kind " + v.scoring().kind());
        }
        return new Card(v.framework(), v.version(), name(v, lang), v.scoring().kind().id(), first.status(), levels, required,
                optional, applications, List.copyOf(notes), Links.query(base, "version", version),
                charts.chart(v, locale, trendDays));
    }

    static String name(FrameworkVersion v, String lang) {
        return "en".equals(lang) && v.name().en() != null ? v.name().en() : v.name().ja();
    }

    private static Count count(Object part, String href) {
        Map<?, ?> m = (Map<?, ?>) part;
        return new Count(num(m.get("met")), num(m.get("total")), href);
    }

    private static int num(Object o) {
        return o instanceof Number n ? n.intValue() : 0;
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }
}
