package jp.akashi.collector.evaluate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.catalog.FrameworkVersion;
import jp.akashi.collector.catalog.Scoring;

/**
 * Scores from criterion verdicts, by each framework's rule (the rules and thresholds are catalog
 * data): METI ★ levels reached only when every criterion of the level is met; Kubota 必須/任意
 * counts; 安全・安心マーク all 必須 + points ≥ threshold and no 0 on the zero-fail items.
 */
public final class ScoreCalculator {
    public static final String DEFAULT_APPLICATION = "default";

    private ScoreCalculator() {
    }

    /** Application types a version is scored for (安全・安心マーク: its application types; others: default). */
    public static List<String> applications(FrameworkVersion v) {
        if (v.scoring().applications() != null && !v.scoring().applications().isEmpty()) {
            return List.copyOf(v.scoring().applications().keySet());
        }
        return List.of(DEFAULT_APPLICATION);
    }

    public static Score score(FrameworkVersion v, String application, Map<String, CriterionVerdict> verdicts) {
        return switch (v.scoring().kind()) {
            case METI_LEVELS -> meti(v, verdicts);
            case REQUIRED_OPTIONAL -> requiredOptional(v, verdicts);
            case POINTS -> points(v, application, verdicts);
        };
    }

    static boolean counts(Verdict v) {
        return v == Verdict.MET || v == Verdict.NOT_APPLICABLE;
    }

    private static Verdict verdictOf(Criterion c, Map<String, CriterionVerdict> verdicts) {
        CriterionVerdict cv = verdicts.get(c.globalId());
        return cv == null ? Verdict.UNKNOWN : cv.verdict();
    }

    private static Map<String, Object> missing(Criterion c, Verdict v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("criterion", c.globalId());
        m.put("number", c.number());
        m.put("verdict", v.wire());
        return m;
    }

    private static Score meti(FrameworkVersion v, Map<String, CriterionVerdict> verdicts) {
        List<Map<String, Object>> levels = new ArrayList<>();
        List<Map<String, Object>> unknownLevel = new ArrayList<>();
        int unknownLevelMet = 0;
        for (Criterion c : v.criteria()) {
            if (c.level() == null) {
                Verdict vd = verdictOf(c, verdicts);
                if (counts(vd)) {
                    unknownLevelMet++;
                } else {
                    unknownLevel.add(missing(c, vd));
                }
            }
        }
        String top = "reached";
        List<Text> notes = new ArrayList<>();
        Text summary = null;
        for (Scoring.Level level : v.scoring().levels()) {
            int total = 0;
            int met = 0;
            List<Map<String, Object>> miss = new ArrayList<>();
            for (Criterion c : v.criteria()) {
                // levels are cumulative: ★4 needs the ★3 criteria too
                if (c.level() != null && c.level() <= level.level()) {
                    total++;
                    Verdict vd = verdictOf(c, verdicts);
                    if (counts(vd)) {
                        met++;
                    } else {
                        miss.add(missing(c, vd));
                    }
                }
            }
            // criteria whose level the source does not show count for the highest level, and make lower levels undetermined
            boolean isTop = level.level() == v.scoring().levels().get(v.scoring().levels().size() - 1).level();
            if (isTop) {
                total += unknownLevel.size() + unknownLevelMet;
                met += unknownLevelMet;
                miss.addAll(unknownLevel);
            }
            String status = !miss.isEmpty() ? (isTop || hasKnownMissing(miss, unknownLevel) ? "not_reached" : "undetermined")
                    : (!isTop && !unknownLevel.isEmpty() ? "undetermined" : "reached");
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("level", level.level());
            l.put("label", level.label());
            l.put("status", status);
            l.put("met", met);
            l.put("total", total);
            l.put("missing", miss);
            Scoring.Totals pub = v.scoring().publicTotals() == null ? null : v.scoring().publicTotals().get(level.level());
            if (pub != null) {
                l.put("public_criteria", pub.criteria());
            }
            levels.add(l);
            if (summary == null || "reached".equals(status)) {
                summary = Text.of(level.label() + ": " + label(status) + "（" + met + "/" + total + "）",
                        level.label() + ": " + status.replace('_', ' ') + " (" + met + "/" + total + ")");
            }
            top = status;
        }
        if (!unknownLevel.isEmpty() || unknownLevelMet > 0) {
            notes.add(Text.of("抽出元で★の区分が読み取れない評価基準 " + (unknownLevel.size() + unknownLevelMet)
                            + " 件は★4に含め、未達成のものがある間は★3も「判定不能」とします",
                    (unknownLevel.size() + unknownLevelMet) + " criteria have no readable ★ level in the source: they count for ★4, "
                            + "and while any is unmet ★3 is undetermined"));
        }
        addCoverageNote(v, notes);
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("levels", levels);
        String headline = levels.isEmpty() ? "undetermined" : (String) levels.get(0).get("status");
        return new Score(v.framework(), v.version(), DEFAULT_APPLICATION, headline, summary, parts, notes);
    }

    private static boolean hasKnownMissing(List<Map<String, Object>> miss, List<Map<String, Object>> unknownLevel) {
        return miss.stream().anyMatch(m -> !unknownLevel.contains(m));
    }

    private static String label(String status) {
        return switch (status) {
            case "reached" -> "達成";
            case "not_reached" -> "未達成";
            default -> "判定不能";
        };
    }

    private static void addCoverageNote(FrameworkVersion v, List<Text> notes) {
        if (v.scoring().publicTotals() == null || v.scoring().publicTotals().isEmpty()) {
            return;
        }
        int maxLevel = v.scoring().levels().get(v.scoring().levels().size() - 1).level();
        Scoring.Totals t = v.scoring().publicTotals().get(maxLevel);
        if (t != null && t.criteria() > v.criteria().size()) {
            notes.add(Text.of("カタログは公表値 " + t.criteria() + " 件のうち " + v.criteria().size()
                            + " 件の評価基準を収録しています（抽出元に欠落あり）。達成判定は収録分に対するものです",
                    "the catalog holds " + v.criteria().size() + " of the " + t.criteria()
                            + " published criteria (the source extraction lacks pages); levels are judged on those held"));
        }
    }

    private static Score requiredOptional(FrameworkVersion v, Map<String, CriterionVerdict> verdicts) {
        int reqTotal = 0;
        int reqMet = 0;
        int optTotal = 0;
        int optMet = 0;
        List<Map<String, Object>> reqMissing = new ArrayList<>();
        List<Map<String, Object>> optMissing = new ArrayList<>();
        for (Criterion c : v.criteria()) {
            Verdict vd = verdictOf(c, verdicts);
            boolean required = Boolean.TRUE.equals(c.required());
            if (required) {
                reqTotal++;
            } else {
                optTotal++;
            }
            if (counts(vd)) {
                if (required) {
                    reqMet++;
                } else {
                    optMet++;
                }
            } else {
                (required ? reqMissing : optMissing).add(missing(c, vd));
            }
        }
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("required", Map.of("met", reqMet, "total", reqTotal, "missing", reqMissing));
        parts.put("optional", Map.of("met", optMet, "total", optTotal, "missing", optMissing));
        String status = reqMet == reqTotal ? "met" : "not_met";
        return new Score(v.framework(), v.version(), DEFAULT_APPLICATION, status,
                Text.of("必須 " + reqMet + "/" + reqTotal + "、任意 " + optMet + "/" + optTotal,
                        "required " + reqMet + "/" + reqTotal + ", optional " + optMet + "/" + optTotal),
                parts, List.of());
    }

    private static Score points(FrameworkVersion v, String application, Map<String, CriterionVerdict> verdicts) {
        Scoring.Application app = v.scoring().applications().get(application);
        if (app == null) {
            throw new IllegalArgumentException("application type " + application + " is not defined for "
                    + v.framework() + " " + v.version() + " (known: " + v.scoring().applications().keySet() + ")");
        }
        int reqTotal = 0;
        int reqMet = 0;
        int earned = 0;
        int maxPoints = 0;
        boolean pointsUnknown = false;
        List<Map<String, Object>> reqMissing = new ArrayList<>();
        List<Map<String, Object>> scored = new ArrayList<>();
        List<String> zeroFailed = new ArrayList<>();
        List<Map<String, Object>> unknownWeight = new ArrayList<>();
        for (Criterion c : v.criteria()) {
            if (c.weightUnknown()) {
                // listed by the association with an unpublished weight: it may be 必須, so unless it is
                // met the application cannot be called a pass
                Verdict vd = verdictOf(c, verdicts);
                if (!counts(vd)) {
                    unknownWeight.add(missing(c, vd));
                }
                continue;
            }
            // weights per application type: an item can be points on a new application and 必須 on renewal
            boolean required = c.requiredFor(application);
            Integer maxItem = c.pointsFor(application);
            Verdict vd = verdictOf(c, verdicts);
            if (required) {
                reqTotal++;
                if (counts(vd)) {
                    reqMet++;
                } else {
                    reqMissing.add(missing(c, vd));
                }
            }
            if (maxItem != null) {
                maxPoints += maxItem;
                Integer got = earned(c, maxItem, vd, verdicts.get(c.globalId()));
                if (got == null && vd != Verdict.NOT_APPLICABLE) {
                    pointsUnknown = true;
                }
                int g = got == null ? 0 : Math.min(got, maxItem);
                earned += g;
                Map<String, Object> s = missing(c, vd);
                s.put("points", got);
                s.put("max", maxItem);
                scored.add(s);
                if (v.scoring().zeroFails() != null && v.scoring().zeroFails().contains(c.id()) && got != null && got == 0) {
                    zeroFailed.add(c.globalId());
                }
            }
        }
        List<Text> notes = new ArrayList<>();
        String status;
        if (!zeroFailed.isEmpty()) {
            // said once, in the summary; parts.zero_failed lists the items
            status = "fail";
        } else if (reqMet < reqTotal) {
            status = "fail";
        } else if (!unknownWeight.isEmpty() && app.minPoints() != null) {
            status = "undetermined";
            notes.add(Text.of("配点が公表されていない項目（" + numbers(ids(unknownWeight)) + "）が満たされていないため、合否を判定できません",
                    "items whose weight is not published (" + numbers(ids(unknownWeight)) + ") are not met, so pass/fail is undetermined"));
        } else if (app.minPoints() == null) {
            status = "undetermined";
            notes.add(Text.of("この版の資料には合格点が記載されていません", "this version's source states no pass threshold"));
        } else if (pointsUnknown) {
            status = earned >= app.minPoints() ? "pass" : "undetermined";
            notes.add(Text.of("得点が決まっていない項目があります（未回答・期限切れ・判定不能、または配点が公表されていない段階評価）",
                    "some scored items have no points yet (unanswered, expired, undecided, or graded with unpublished values)"));
        } else {
            status = earned >= app.minPoints() ? "pass" : "fail";
        }
        if (reqTotal != app.requiredCount() || maxPoints != app.maxPoints()) {
            notes.add(Text.of("カタログの必須 " + reqTotal + " 項目・推奨 " + maxPoints + " 点は公表値（必須 " + app.requiredCount()
                            + " 項目・推奨 " + app.maxPoints() + " 点）と異なります（配点が公開資料で確かめられない項目があります）",
                    "the catalog holds " + reqTotal + " required items and " + maxPoints + " points; the published rule counts "
                            + app.requiredCount() + " and " + app.maxPoints()));
        }
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("required", Map.of("met", reqMet, "total", reqTotal, "missing", reqMissing));
        Map<String, Object> pts = new LinkedHashMap<>();
        pts.put("earned", earned);
        pts.put("max", maxPoints);
        pts.put("threshold", app.minPoints());
        pts.put("published_max", app.maxPoints());
        // the published rule, so a report can state it from the score alone (a snapshot's too)
        pts.put("published_required", app.requiredCount());
        pts.put("zero_fail_items", v.scoring().zeroFails() == null ? List.of() : List.copyOf(v.scoring().zeroFails()));
        pts.put("items", scored);
        parts.put("points", pts);
        parts.put("zero_failed", zeroFailed);
        parts.put("weight_unknown", unknownWeight);
        return new Score(v.framework(), v.version(), application, status,
                summary(app, status, reqMet, reqTotal, reqMissing, earned, zeroFailed, unknownWeight, weightUnknownTotal(v)),
                parts, notes);
    }

    private static int weightUnknownTotal(FrameworkVersion v) {
        return (int) v.criteria().stream().filter(Criterion::weightUnknown).count();
    }

    /**
     * The rule in one line, as the association states it, and what is missing:
     * "必須 29 のうち 27 達成、推奨 119 点中 84 点: 不合格 — 不足: 必須 2-1-2, 3-1-1、あと 8 点（合格点 92）".
     * Items whose weight is not published count with the 必須 items (they may be 必須).
     */
    static Text summary(Scoring.Application app, String status, int reqMet, int reqTotal, List<Map<String, Object>> reqMissing,
                        int earned, List<String> zeroFailed, List<Map<String, Object>> unknownWeight, int unknownTotal) {
        int required = reqTotal + unknownTotal;
        int met = reqMet + unknownTotal - unknownWeight.size();
        String resultJa = switch (status) {
            case "pass" -> "合格";
            case "fail" -> "不合格";
            default -> "判定不能";
        };
        String resultEn = status.equals("pass") ? "pass" : status.equals("fail") ? "fail" : "undetermined";
        List<String> gapsJa = new ArrayList<>();
        List<String> gapsEn = new ArrayList<>();
        if (!reqMissing.isEmpty()) {
            gapsJa.add("必須 " + numbers(ids(reqMissing)));
            gapsEn.add("required " + numbers(ids(reqMissing)));
        }
        if (!unknownWeight.isEmpty()) {
            gapsJa.add("配点未公表 " + numbers(ids(unknownWeight)));
            gapsEn.add("unpublished weight " + numbers(ids(unknownWeight)));
        }
        if (app.minPoints() != null && earned < app.minPoints()) {
            gapsJa.add("あと " + (app.minPoints() - earned) + " 点（合格点 " + app.minPoints() + "）");
            gapsEn.add((app.minPoints() - earned) + " more points (pass at " + app.minPoints() + ")");
        }
        if (!zeroFailed.isEmpty()) {
            gapsJa.add("0点の項目（" + numbers(zeroFailed) + "）があるため不合格");
            gapsEn.add("0 points on " + numbers(zeroFailed) + " fails the application");
        }
        String thresholdJa = app.minPoints() == null ? "（合格点の記載なし）" : "";
        String thresholdEn = app.minPoints() == null ? " (no pass threshold published)" : "";
        return Text.of("必須 " + required + " のうち " + met + " 達成、推奨 " + app.maxPoints() + " 点中 " + earned + " 点"
                        + thresholdJa + ": " + resultJa + (gapsJa.isEmpty() ? "" : " — 不足: " + String.join("、", gapsJa)),
                required + " required, " + met + " met; " + earned + " of " + app.maxPoints() + " points" + thresholdEn + ": "
                        + resultEn + (gapsEn.isEmpty() ? "" : " — missing: " + String.join("; ", gapsEn)));
    }

    /**
     * Points earned on a scored item: a graded item's answered points (0 when not met), else the
     * item's points for this application type when met, 0 when not met; null when not known
     * (unanswered, expired, undecided, or no verdict yet).
     */
    static Integer earned(Criterion c, int maxItem, Verdict vd, CriterionVerdict cv) {
        if (vd == Verdict.NOT_MET) {
            return 0;
        }
        if (vd != Verdict.MET) {
            return null;
        }
        if ("graded".equals(c.scoring())) {
            return cv == null ? null : cv.points();
        }
        return maxItem;
    }

    private static List<String> ids(List<Map<String, Object>> items) {
        return items.stream().map(m -> (String) m.get("criterion")).toList();
    }

    /** Item numbers as the framework prints them (7-1-3), not global ids (jaipa-isp:7-1-3). */
    private static String numbers(List<String> globalIds) {
        return String.join(", ", globalIds.stream().map(id -> id.substring(id.indexOf(':') + 1)).toList());
    }
}
