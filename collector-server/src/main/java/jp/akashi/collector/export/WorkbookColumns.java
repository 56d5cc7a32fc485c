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
    static final String COMMENT_EN = "Comment";
    static final String EVIDENCE_REFERENCE_EN = "Evidence (document name, location)";

    private WorkbookColumns() {
    }

    /**
     * @param application the application type of the sheet, or null for a sheet of the whole version
     * @param earned      points earned per criterion id on that application type (from its score)
     */
    static List<Column> of(FrameworkReport v, String application, Map<String, Integer> earned, DisplayZone zone) {
        return of(v, application, earned, zone, false);
    }

    /**
     * @param en the product's own headers and values in English (an English workbook); the source's group
     *           kinds, field names and criterion texts stay as the catalog has them. Every English header the
     *           import reads ({@code No.}, {@code Answer}, {@code Comment}, {@code Evidence (…)}) is one of {@link SheetWords}.
     */
    static List<Column> of(FrameworkReport v, String application, Map<String, Integer> earned, DisplayZone zone, boolean en) {
        List<Column> cols = new ArrayList<>(sourceGroups(v));
        cols.add(new Column(NUMBER, 9, true, FrameworkReport.Row::number));
        String textHeader;
        switch (v.scoringKind()) {
            case "meti-levels" -> {
                cols.add(new Column("★", 6, r -> r.level() == null ? Labels.w(en, "不明", "unknown") : "★" + r.level()));
                cols.add(new Column("NIST CSF", 9, r -> r.nistCsf() == null ? "" : r.nistCsf()));
                textHeader = Labels.w(en, "評価基準", "Criterion");
            }
            case "required-optional" -> {
                cols.add(new Column(Labels.w(en, "回答対象", "Required"), 9, r -> r.required() == null ? ""
                        : r.required() ? Labels.w(en, "必須", "required") : Labels.w(en, "任意", "optional")));
                textHeader = Labels.w(en, "達成条件", "Condition");
            }
            default -> {
                cols.add(new Column(Labels.w(en, "区分", "Weight"), 12, r -> en ? weightEn(r, application) : weight(r, application)));
                textHeader = Labels.w(en, "確認内容", "Question");
            }
        }
        if (application == null) {
            cols.add(new Column(textHeader, 50, RowText::requirement));
        } else {
            cols.add(new Column(textHeader, 50, r -> question(r, application)));
            if (v.rows().stream().anyMatch(r -> answerText(r, application) != null)) {
                cols.add(new Column(Labels.w(en, "回答文", "Answer text"), 45, r -> {
                    String a = answerText(r, application);
                    return a == null ? "" : a;
                }));
            }
        }
        for (String f : criterionFields(v, application != null)) {
            cols.add(new Column(f, 45, row -> row.fields().getOrDefault(f, "")));
        }
        cols.add(new Column(WorkbookWriter.answerHeader(en), 13, r -> Labels.answerColumn(r.verdict(), en)));
        if ("points".equals(v.scoringKind())) {
            cols.add(new Column(Labels.w(en, "得点", "Points"), 8, true, r -> points(r, application, earned)));
        }
        // not "Status" / "Evidence" in English: those name the answer and evidence columns to an import
        cols.add(new Column(Labels.w(en, "状況", "Verdict"), 45, r -> String.join("\n",
                RowText.status(r, zone, application == null, en))));
        cols.add(new Column(Labels.w(en, "根拠", "Basis"), 70, r -> String.join("\n", RowText.evidence(r, zone, en))));
        cols.add(new Column(Labels.w(en, "判定方法", "Decided by"), 14, r -> Labels.evidence(r.evidence(), en)
                + (r.checks().isEmpty() ? "" : "\n" + String.join("\n", r.checks()))));
        // filled in by the supplier and read back by an import (SheetImport): the answer's own comment and evidence reference
        cols.add(new Column(Labels.w(en, COMMENT, COMMENT_EN), 40, r -> ownComment(r)[0]));
        cols.add(new Column(Labels.w(en, EVIDENCE_REFERENCE, EVIDENCE_REFERENCE_EN), 40, r -> ownComment(r)[1]));
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

    static String weightEn(FrameworkReport.Row r, String application) {
        Integer points = application == null ? r.maxPoints() : r.pointsFor(application);
        boolean required = application == null ? Boolean.TRUE.equals(r.required()) : r.requiredFor(application);
        if (points != null) {
            return points + " points" + ("graded".equals(r.scoring()) ? " (graded)" : "");
        }
        if (required) {
            return "required";
        }
        return application == null ? "" : "weight not published";
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
