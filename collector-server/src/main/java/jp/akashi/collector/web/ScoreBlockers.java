package jp.akashi.collector.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jp.akashi.collector.catalog.FrameworkVersion;
import jp.akashi.collector.evaluate.CriterionVerdict;
import jp.akashi.collector.evaluate.Score;
import jp.akashi.collector.evaluate.ScoreCalculator;
import jp.akashi.collector.evaluate.Text;

/**
 * What blocks each result on the framework page: per METI level (★3 first; ★4 lists what it needs
 * beyond ★3), per 安全・安心マーク application type (the rule in one line, then the items), or the
 * Kubota 必須 items not met.
 */
final class ScoreBlockers {
    private ScoreBlockers() {
    }

    /** One criterion that is not met, by number, with its verdict. */
    record Item(String id, String number, String verdict) {
    }

    /**
     * @param label   ★3, ★4, an application type's name key, or 必須
     * @param line    the rule in one line (安全・安心マーク), or null
     * @param status  the score status of this part
     * @param items   the criteria that block it (for ★4: beyond those of ★3)
     * @param beyond  for ★4: the items listed are in addition to those blocking ★3
     */
    record Block(String label, String labelKey, String line, String status, List<Item> items, boolean beyond) {
    }

    @SuppressWarnings("unchecked")
    static List<Block> of(FrameworkVersion v, Map<String, CriterionVerdict> verdicts, String lang) {
        List<Block> out = new ArrayList<>();
        switch (v.scoring().kind()) {
            case METI_LEVELS -> {
                Score s = ScoreCalculator.score(v, ScoreCalculator.DEFAULT_APPLICATION, verdicts);
                Set<String> lower = new HashSet<>();
                for (Map<String, Object> level : (List<Map<String, Object>>) s.parts().get("levels")) {
                    List<Item> items = new ArrayList<>();
                    for (Map<String, Object> m : (List<Map<String, Object>>) level.get("missing")) {
                        if (!lower.contains((String) m.get("criterion"))) {
                            items.add(item(m));
                        }
                    }
                    boolean beyond = !lower.isEmpty();
                    items.forEach(i -> lower.add(i.id()));
                    out.add(new Block((String) level.get("label"), null, null, (String) level.get("status"), items, beyond));
                }
            }
            case POINTS -> {
                for (String app : ScoreCalculator.applications(v)) {
                    Score s = ScoreCalculator.score(v, app, verdicts);
                    List<Item> items = new ArrayList<>();
                    ((List<Map<String, Object>>) ((Map<String, Object>) s.parts().get("required")).get("missing"))
                            .forEach(m -> items.add(item(m)));
                    ((List<Map<String, Object>>) s.parts().get("weight_unknown")).forEach(m -> items.add(item(m)));
                    out.add(new Block(null, "application." + app, text(s.summary(), lang), s.status(), items, false));
                }
            }
            case REQUIRED_OPTIONAL -> {
                Score s = ScoreCalculator.score(v, ScoreCalculator.DEFAULT_APPLICATION, verdicts);
                List<Item> items = new ArrayList<>();
                ((List<Map<String, Object>>) ((Map<String, Object>) s.parts().get("required")).get("missing"))
                        .forEach(m -> items.add(item(m)));
                out.add(new Block(null, "card.required", null, s.status(), items, false));
            }
        }
        return List.copyOf(out);
    }

    private static Item item(Map<String, Object> m) {
        return new Item((String) m.get("criterion"), (String) m.get("number"), (String) m.get("verdict"));
    }

    private static String text(Text t, String lang) {
        return t == null ? null : "en".equals(lang) && t.en() != null ? t.en() : t.ja();
    }
}
