package jp.akashi.collector.export;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jp.akashi.collector.config.DisplayZone;

/**
 * The columns of a version sheet: the source's own (from the catalog data: group kinds and field
 * names), then 回答 / 状況 / 根拠. A sheet of one application type (安全・安心マーク 新規/更新申請)
 * shows that type's weights and texts only; the texts before a change (fields named 変更前 …) are
 * left to the reference sheet.
 */
final class WorkbookColumns {
    static final String NUMBER = "No.";
    /** Fields holding a text as it was before a change (安全・安心マーク 変更対照表): not a column. */
    static final String BEFORE_CHANGE = "変更前";

    /** @param numeric the value is written as a number when it is one (No. 1–153, points) */
    record Column(String header, int width, boolean numeric, Function<FrameworkReport.Row, String> value) {
        Column(String header, int width, Function<FrameworkReport.Row, String> value) {
            this(header, width, false, value);
        }
    }

    /** The columns an import reads besides 回答 ({@link SheetWords}). */
    static final String COMMENT = "コメント";
    static final String EVIDENCE_REFERENCE = "証跡（資料名・保管場所）";

    private WorkbookColumns() {
    }

    /**
     * @param application the application type of the sheet, or null for a sheet of the whole version
     * @param earned      points earned per criterion id on that application type (from its score)
     */
    static List<Column> of(FrameworkReport v, String application, Map<String, Integer> earned, DisplayZone zone) {
        List<Column> cols = new ArrayList<>(sourceGroups(v));
        cols.add(new Column(NUMBER, 9, true, FrameworkReport.Row::number));
        String textHeader;
        switch (v.scoringKind()) {
            case "meti-levels" -> {
                cols.add(new Column("★", 6, r -> r.level() == null ? "不明" : "★" + r.level()));
                cols.add(new Column("NIST CSF", 9, r -> r.nistCsf() == null ? "" : r.nistCsf()));
                textHeader = "評価基準";
            }
            case "required-optional" -> {
                cols.add(new Column("回答対象", 9, r -> r.required() == null ? "" : r.required() ? "必須" : "任意"));
                textHeader = "達成条件";
            }
            default -> {
                cols.add(new Column("区分", 12, r -> weight(r, application)));
                textHeader = "確認内容";
            }
        }
        if (application == null) {
            cols.add(new Column(textHeader, 50, RowText::requirement));
        } else {
            cols.add(new Column(textHeader, 50, r -> question(r, application)));
            if (v.rows().stream().anyMatch(r -> answerText(r, application) != null)) {
                cols.add(new Column("回答文", 45, r -> {
                    String a = answerText(r, application);
                    return a == null ? "" : a;
                }));
            }
        }
        for (String f : criterionFields(v, application != null)) {
            cols.add(new Column(f, 45, row -> row.fields().getOrDefault(f, "")));
        }
        cols.add(new Column(WorkbookWriter.ANSWER_HEADER, 13, r -> Labels.answerColumn(r.verdict())));
        if ("points".equals(v.scoringKind())) {
            cols.add(new Column("得点", 8, true, r -> points(r, application, earned)));
        }
        cols.add(new Column("状況", 45, r -> String.join("\n", RowText.status(r, zone, application == null))));
        cols.add(new Column("根拠", 70, r -> String.join("\n", RowText.evidence(r, zone))));
        cols.add(new Column("判定方法", 14, r -> Labels.evidence(r.evidence())
                + (r.checks().isEmpty() ? "" : "\n" + String.join("\n", r.checks()))));
        // filled in by the supplier and read back by an import (SheetImport): the answer's own comment and evidence reference
        cols.add(new Column(COMMENT, 40, r -> ownComment(r)[0]));
        cols.add(new Column(EVIDENCE_REFERENCE, 40, r -> ownComment(r)[1]));
        return cols;
    }

    /** {comment, evidence reference} of the answer given to this criterion itself (not one of an equivalent criterion). */
    private static String[] ownComment(FrameworkReport.Row r) {
        FrameworkReport.AnswerRef a = r.answer();
        return a == null || a.via() != null ? new String[]{"", ""} : EvidenceNote.split(a.comment());
    }

    /** 必須 / 5点 / 5点（段階評価） on the application type; 配点未公表 for an item the association lists without its weight. */
    static String weight(FrameworkReport.Row r, String application) {
        Integer points = application == null ? r.maxPoints() : r.pointsFor(application);
        boolean required = application == null ? Boolean.TRUE.equals(r.required()) : r.requiredFor(application);
        if (points != null) {
            return points + "点" + ("graded".equals(r.scoring()) ? "（段階評価）" : "");
        }
        if (required) {
            return "必須";
        }
        return application == null ? "" : "配点未公表";
    }

    /** The item's question on the application type: its own text there, else the item's text. */
    static String question(FrameworkReport.Row r, String application) {
        FrameworkReport.Variant v = r.variants().get(application);
        if (v != null && v.question() != null && !v.question().isBlank()) {
            return v.question();
        }
        return r.textMissing() ? "（抽出元に本文なし）" : r.text() == null ? "" : r.text();
    }

    private static String answerText(FrameworkReport.Row r, String application) {
        FrameworkReport.Variant v = r.variants().get(application);
        return v == null || v.answer() == null || v.answer().isBlank() ? null : v.answer();
    }

    private static String points(FrameworkReport.Row r, String application, Map<String, Integer> earned) {
        if (application == null) {
            return r.maxPoints() == null || r.points() == null ? "" : String.valueOf(r.points());
        }
        Integer got = earned.get(r.id());
        return r.pointsFor(application) == null || got == null ? "" : String.valueOf(got);
    }

    /** Group kinds in the order they nest, each followed by its fields worth a column (not a repeat of the title). */
    private static List<Column> sourceGroups(FrameworkReport v) {
        Map<String, Set<String>> kinds = new LinkedHashMap<>();
        for (FrameworkReport.Row row : v.rows()) {
            for (FrameworkReport.PathItem p : row.path()) {
                Set<String> fields = kinds.computeIfAbsent(p.kind(), k -> new LinkedHashSet<>());
                p.fields().forEach((k, val) -> {
                    if (val != null && !val.isBlank() && !val.equals(p.title())) {
                        fields.add(k);
                    }
                });
            }
        }
        List<Column> cols = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (Map.Entry<String, Set<String>> k : kinds.entrySet()) {
            String kind = k.getKey();
            cols.add(new Column(kind, 20, row -> row.path().stream().filter(p -> p.kind().equals(kind))
                    .map(FrameworkReport.PathItem::label).findFirst().orElse("")));
            for (String field : k.getValue()) {
                if (placed.add(field)) {
                    // METI's 要求事項 groups carry a field named like their kind: the requirement's own text
                    String header = kinds.containsKey(field) ? field + "（内容）" : field;
                    cols.add(new Column(header, 36, row -> groupField(row, field)));
                }
            }
        }
        return cols;
    }

    static Set<String> criterionFields(FrameworkReport v, boolean withoutBeforeChange) {
        Set<String> out = new LinkedHashSet<>();
        for (FrameworkReport.Row row : v.rows()) {
            for (String f : row.fields().keySet()) {
                if (!(withoutBeforeChange && f.startsWith(BEFORE_CHANGE))) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    /** A group field of the criterion's path; the innermost group that has it wins (Kubota puts some 目的 on 要求事項). */
    private static String groupField(FrameworkReport.Row row, String field) {
        String v = "";
        for (FrameworkReport.PathItem p : row.path()) {
            String x = p.fields().get(field);
            if (x != null && !x.isBlank()) {
                v = x;
            }
        }
        return v;
    }
}
