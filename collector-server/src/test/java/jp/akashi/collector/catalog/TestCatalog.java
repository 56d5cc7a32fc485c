package jp.akashi.collector.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A small catalog in memory: two versions of a level-scored framework ("lv"), a 必須/任意
 * framework ("ro"), a points framework ("pts") and a map that also names a framework that is not
 * loaded ("later"). Tests change one snippet of one file and expect a precise problem.
 */
final class TestCatalog {
    static final String INDEX = """
            schema: 1
            frameworks:
              - lv/1.yaml
              - lv/2.yaml
              - ro/1.yaml
              - pts/1.yaml
            equivalences: equivalences.yaml
            """;
    static final String LV1 = """
            schema: 1
            framework: lv
            version: "1"
            supersedes: null
            name: {ja: "レベル式", en: "levels"}
            publisher: {ja: "発行者"}
            source: {seed: lv.txt, title: "元資料", notes: "注記", holds: {criteria: 3, text_missing: 1}}
            scoring:
              kind: meti-levels
              levels:
                - {level: 3, label: "★3", assessment: 自己評価, validity: P1Y}
                - {level: 4, label: "★4", assessment: 第三者評価, validity: P3Y}
              public_totals:
                3: {requirements: 1, criteria: 2}
            groups:
              - {id: "1", parent: null, kind: 大分類, number: "1", title: "ガバナンス", nist_csf: GV}
              - {id: "2001-1-1", parent: "1", kind: 要求事項, number: "2001-1-1", title: "社内ルール", levels: [3, 4], fields: {要求事項: "ルールを定めること。"}}
            criteria:
              - {id: "1-1-1-1", parent: "2001-1-1", number: "1-1-1-1", text: "社内ルールを定めること。", level: 3, level_source: marker, evidence: manual, review: P1Y, documents: ["社内ルール"]}
              - {id: "1-1-1-2", parent: "2001-1-1", number: "1-1-1-2", text: "パスワードは８文字以上とすること。", level: 4, evidence: auto, checks: [auth.password.min_length]}
              - {id: "1-1-1-3", parent: "2001-1-1", number: "1-1-1-3", text: null, text_missing: true, note: "本文は欠落", level: null, level_source: unknown, evidence: manual}
            """;
    static final String LV2 = """
            schema: 1
            framework: lv
            version: "2"
            supersedes: "1"
            name: {ja: "レベル式 第2版"}
            source: {seed: lv2.txt}
            scoring:
              kind: meti-levels
              levels:
                - {level: 3, label: "★3"}
                - {level: 4, label: "★4"}
            groups:
              - {id: "1", kind: 大分類, number: "1", title: "ガバナンス"}
            criteria:
              - {id: "1-1-1-1", parent: "1", number: "1-1-1-1", text: "社内ルールを定め、周知すること。", level: 3, evidence: manual}
            """;
    static final String RO = """
            schema: 1
            framework: ro
            version: "2.0"
            name: {ja: "必須任意"}
            source: {seed: ro.txt}
            scoring: {kind: required-optional}
            groups:
              - {id: "L1", kind: ラベル, number: "1", title: "方針", fields: {目的: "考え方を示す"}}
            criteria:
              - {id: "1", parent: "L1", number: "1", text: "方針を策定している", fields: {達成基準: "文書化すること"}, required: true, evidence: manual}
              - {id: "2", parent: "L1", number: "2", text: "ﾊﾟｽﾜｰﾄﾞを見直している", required: false, evidence: hybrid, review: P1Y}
            """;
    static final String PTS = """
            schema: 1
            framework: pts
            version: "2024"
            name: {ja: "点数式"}
            source: {seed: pts.txt}
            scoring:
              kind: points
              applications:
                new: {required_count: 1, min_points: 3, max_points: 8}
                renewal: {required_count: 1, min_points: 3, max_points: 8}
              zero_fails: ["7-1-1"]
            groups:
              - {id: "7", kind: 大項目, number: "7", title: "個人情報"}
              - {id: "7-1", parent: "7", kind: 中項目, number: "1", title: "安全管理"}
            criteria:
              - {id: "7-1-1", parent: "7-1", number: "1", text: "アクセス管理", points: 5, scoring: graded, evidence: manual, options: [{id: a, text: "十分", points: 5}, {id: b, text: "一部", points: 2}], variants: {new: {question: "新規の質問"}, renewal: {question: "更新の質問"}}}
              - {id: "7-1-2", parent: "7-1", number: "2", text: "持ち出し制限", required: true, evidence: manual}
              - {id: "7-1-3", parent: "7-1", number: "3", text: "外部アクセス防止", points: 3, evidence: hybrid}
            """;
    static final String MAP = """
            schema: 1
            frameworks: [lv, ro, pts, later]
            groups:
              - id: policy
                title: {ja: "方針", en: "Policy"}
                rationale: {ja: "どちらも方針の策定を求める", en: "both ask for a policy"}
                members:
                  - {criterion: "lv:1-1-1-1", relation: equal}
                  - {criterion: "ro:1", relation: equal}
                  - {criterion: "later:9", relation: subset}
              - id: access
                title: {ja: "アクセス"}
                rationale: {ja: "アクセス管理の一部が重なる", en: "access control overlaps in part"}
                members:
                  - {criterion: "pts:7-1-1", relation: intersect}
                  - {criterion: "lv:1-1-1-2", relation: subset}
            """;

    private final Map<String, String> files = new LinkedHashMap<>();

    TestCatalog() {
        files.put("catalog/index.yaml", INDEX);
        files.put("catalog/lv/1.yaml", LV1);
        files.put("catalog/lv/2.yaml", LV2);
        files.put("catalog/ro/1.yaml", RO);
        files.put("catalog/pts/1.yaml", PTS);
        files.put("catalog/equivalences.yaml", MAP);
    }

    /** Replaces one snippet in one file; fails when the snippet is not there, so a test cannot go stale. */
    TestCatalog replace(String file, String from, String to) {
        String text = files.get(file);
        if (text == null || !text.contains(from)) {
            throw new IllegalArgumentException(file + " does not contain: " + from);
        }
        files.put(file, text.replace(from, to));
        return this;
    }

    TestCatalog put(String file, String text) {
        files.put(file, text);
        return this;
    }

    LoadedCatalog load() {
        return new CatalogLoader(path -> Optional.ofNullable(files.get(path)), "catalog").load();
    }
}
