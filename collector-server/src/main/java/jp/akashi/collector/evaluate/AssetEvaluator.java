package jp.akashi.collector.evaluate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;

import jp.akashi.collector.config.DisplayZone;
import jp.akashi.collector.ingest.CompactFacts;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.model.ProbeMessages;

/**
 * Evaluates every check of the library on one asset. Pure: the same snapshot and library give
 * the same results, so it is tested on constructed facts and used unchanged for incremental and
 * full evaluation.
 */
public final class AssetEvaluator {
    private final CheckLibrary library;
    private final DisplayZone zone;

    /** Times in reasons in the default display zone (tests). */
    public AssetEvaluator(CheckLibrary library) {
        this(library, DisplayZone.standard());
    }

    /** @param zone the zone times in reasons are written in (akashi.display-zone) */
    public AssetEvaluator(CheckLibrary library, DisplayZone zone) {
        this.library = library;
        this.zone = zone;
    }

    public List<CheckResult> evaluate(AssetSnapshot asset) {
        // one resolver for every program (CEL would otherwise copy a map on each evaluation); facts
        // are converted only when a program asks for them, since checks read a few of ~200
        Map<String, Object> converted = new HashMap<>();
        CelVariableResolver activation = name -> java.util.Optional.ofNullable(variable(name, asset.facts(), converted));
        List<CheckResult> out = new ArrayList<>(library.checks().size());
        for (CheckDefinition c : library.checks()) {
            out.add(evaluate(c, asset, activation));
        }
        return out;
    }

    CheckResult evaluate(CheckDefinition c, AssetSnapshot asset, CelVariableResolver activation) {
        Text notApplicable = applicability(c.applies(), asset);
        if (notApplicable != null) {
            return new CheckResult(c.id(), CheckStatus.NOT_APPLICABLE, notApplicable, Map.of(), asset.reportId());
        }
        Map<String, Object> used = usedFacts(c, asset.facts());
        if (asset.stale()) {
            String when = zone.minute(asset.lastSeenAt());
            return new CheckResult(c.id(), CheckStatus.UNKNOWN,
                    Text.of("データが古いため判定できません（最終報告 " + when + "）",
                            "data is stale (last report " + when + " " + zone.abbreviation(asset.lastSeenAt()) + ")"), used, asset.reportId());
        }
        List<Text> missing = new ArrayList<>();
        for (CheckDefinition.Rule rule : c.rules()) {
            Text unavailable = unavailable(rule, asset.facts());
            if (unavailable != null) {
                if (!missing.contains(unavailable)) {
                    missing.add(unavailable);
                }
                continue;
            }
            try {
                if (rule.when() != null) {
                    if (Boolean.TRUE.equals(rule.when().eval(activation))) {
                        return decided(c, rule, rule.result(), rule.message(), asset, activation, used);
                    }
                } else {
                    boolean ok = Boolean.TRUE.equals(rule.expr().eval(activation));
                    return decided(c, rule, ok ? CheckStatus.PASS : CheckStatus.FAIL, null, asset, activation, used);
                }
            } catch (CelEvaluationException | RuntimeException e) {
                String error = e.getMessage();
                missing.add(Text.of("規則 '" + rule.source() + "' の評価エラー: " + error,
                        "evaluation error in '" + rule.source() + "': " + error));
            }
        }
        if (missing.isEmpty()) {
            return new CheckResult(c.id(), CheckStatus.UNKNOWN, Text.of("判定に必要な情報がありません: この事実に当てはまる規則がありません",
                    "cannot decide: no rule of the check applies to these facts"), used, asset.reportId());
        }
        return new CheckResult(c.id(), CheckStatus.UNKNOWN,
                Text.of("判定に必要な情報がありません: " + String.join("; ", missing.stream().map(Text::ja).toList()),
                        "cannot decide: " + String.join("; ", missing.stream().map(Text::en).toList())), used, asset.reportId());
    }

    private CheckResult decided(CheckDefinition c, CheckDefinition.Rule rule, CheckStatus status, Text ruleMessage, AssetSnapshot asset,
                                CelVariableResolver activation, Map<String, Object> used) {
        Text template = ruleMessage != null ? ruleMessage
                : status == CheckStatus.PASS ? (c.pass() != null ? c.pass() : c.title()) : c.fail();
        String detail = status == CheckStatus.FAIL ? detail(rule.detail() != null ? rule.detail() : c.detail(), activation) : "";
        Text reason = Text.of(fill(template.ja(), asset.facts(), detail), fill(template.en(), asset.facts(), detail));
        return new CheckResult(c.id(), status, reason, used, asset.reportId());
    }

    private String fill(String template, Map<String, CompactFacts.Value> facts, String detail) {
        return MessageTemplate.fill(template, p -> {
            if (p.equals("detail")) {
                return detail;
            }
            if (p.startsWith("params.")) {
                return MessageTemplate.show(library.params().get(p.substring(7)));
            }
            CompactFacts.Value v = facts.get(p);
            return v != null && v.ok() ? MessageTemplate.show(v.value()) : "?";
        });
    }

    private static String detail(CelRuntime.Program program, CelVariableResolver activation) {
        if (program == null) {
            return "";
        }
        try {
            return MessageTemplate.show(program.eval(activation));
        } catch (CelEvaluationException | RuntimeException e) {
            return "";
        }
    }

    /** Why a rule cannot be applied, in both languages (a probe's catalog message in each), or null. */
    private static Text unavailable(CheckDefinition.Rule rule, Map<String, CompactFacts.Value> facts) {
        for (String k : rule.facts()) {
            CompactFacts.Value v = facts.get(k);
            if (v == null) {
                return Text.of(k + ": 報告されていません", k + ": not reported");
            }
            if (!v.ok()) {
                String ja = ProbeMessages.get().render(v.code(), "ja").orElse(v.message());
                String en = ProbeMessages.get().render(v.code(), "en").orElse(v.message());
                String jaStatus = v.status() == FactStatus.ERROR ? "取得エラー" : "対象外・取得不可";
                return Text.of(k + ": " + jaStatus + (ja == null ? "" : "（" + ja + "）"),
                        k + ": " + v.status().wire() + (en == null ? "" : " (" + en + ")"));
            }
        }
        return null;
    }

    private static Map<String, Object> usedFacts(CheckDefinition c, Map<String, CompactFacts.Value> facts) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : c.facts()) {
            CompactFacts.Value v = facts.get(k);
            if (v == null) {
                m.put(k, Map.of("status", "missing"));
                continue;
            }
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("status", v.status().wire());
            if (v.ok()) {
                x.put("value", shown(v.value()));
            } else {
                x.put("message", v.message() == null ? "" : v.message());
            }
            if (v.source() != null) {
                // the source the value was taken from on a merged asset (its report is named in the asset's sources)
                x.put("source", v.source());
            }
            m.put(k, x);
        }
        return m;
    }

    /**
     * Scalars as they are; lists and objects summarised when large (a result row per asset and
     * check would otherwise repeat, say, the whole socket list): the full value is in the report
     * the result names.
     */
    static Object shown(Object value) {
        if (value instanceof List<?> l && l.size() > 10) {
            return Map.of("items", l.size(), "first", l.subList(0, 10));
        }
        if (value instanceof String str && str.length() > 500) {
            return str.substring(0, 500) + "…";
        }
        return value;
    }

    private static Text applicability(CheckDefinition.Applicability a, AssetSnapshot asset) {
        if (!a.kinds().isEmpty() && !a.kinds().contains(asset.kind())) {
            return Text.of("対象外（資産の種類: " + asset.kind() + "）", "not applicable to kind " + asset.kind());
        }
        if (!a.osFamilies().isEmpty() && (asset.osFamily() == null || !a.osFamilies().contains(asset.osFamily()))) {
            return asset.osFamily() == null ? Text.of("対象外（OS 不明）", "not applicable: the OS is unknown")
                    : Text.of("対象外（OS: " + asset.osFamily() + "）", "not applicable to OS " + asset.osFamily());
        }
        if (!a.roles().isEmpty() && asset.roles().stream().noneMatch(a.roles()::contains)) {
            if (asset.assumedClass() != null) {
                String c = asset.assumedClass();
                String ja = switch (c) {
                    case "server" -> "サーバ";
                    case "desktop" -> "PC";
                    default -> "ネットワーク機器";
                };
                return Text.of("対象外（役割 " + String.join("/", a.roles()) + " の資産のみ。役割が未設定のため" + ja + "として判定: "
                                + String.join("/", asset.roles()) + "。資産ページで役割を設定できます）",
                        "applies only to assets with role " + String.join("/", a.roles()) + "; no role is set, so it is judged as a "
                                + c + " (" + String.join("/", asset.roles()) + "); set the role on the asset page");
            }
            return Text.of("対象外（役割 " + String.join("/", a.roles()) + " の資産のみ）",
                    "applies only to assets with role " + String.join("/", a.roles()));
        }
        if (asset.roles().stream().anyMatch(a.excludeRoles()::contains)) {
            return Text.of("対象外（役割により除外）", "not applicable to this asset's role");
        }
        return null;
    }

    /** The CEL value of a fact (integers as long, numbers as double), or the parameters; null when not available. */
    private Object variable(String name, Map<String, CompactFacts.Value> facts, Map<String, Object> converted) {
        if (name.equals("params")) {
            return library.params();
        }
        Object v = converted.get(name);
        if (v == null && !converted.containsKey(name)) {
            CompactFacts.Value f = facts.get(name);
            v = f != null && f.ok() && f.value() != null ? celValue(f.value()) : null;
            converted.put(name, v);
        }
        return v;
    }

    static Object celValue(Object v) {
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof List<?> l) {
            boolean needs = false;
            for (Object o : l) {
                if (o instanceof Integer || o instanceof Map || o instanceof List) {
                    needs = true;
                    break;
                }
            }
            return needs ? l.stream().map(AssetEvaluator::celValue).toList() : v;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new HashMap<>(m.size() * 2);
            m.forEach((k, x) -> out.put(k, celValue(x)));
            return out;
        }
        return v;
    }
}
