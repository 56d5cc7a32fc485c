package jp.akashi.collector.export;

import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.answer.Answer;
import jp.akashi.collector.answer.AnswerService;
import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.catalog.EvidenceType;
import jp.akashi.collector.catalog.Framework;
import jp.akashi.collector.catalog.FrameworkVersion;
import jp.akashi.collector.catalog.ScoringKind;
import jp.akashi.collector.evaluate.ComplianceService;
import jp.akashi.collector.evaluate.CriterionVerdict;
import jp.akashi.collector.security.Caller;

/**
 * Importing a filled-in self-assessment sheet (Kubota, METI ★3): a preview that sorts every row
 * with an answer into new / changed / unchanged / refused against the current answers, and the
 * confirmation that stores the new and changed ones as answer versions by the importing user
 * through {@link AnswerService#importAnswers} (one transaction, review and audit log as for any
 * answer). The preview carries a {@link Preview#basis} — the current answer of every criterion it
 * compared with — and the confirmation is refused (409) when the answers changed since.
 */
@Singleton
public class SheetImport {
    public static final String NEW = "new";
    public static final String CHANGED = "changed";
    public static final String UNCHANGED = "unchanged";
    public static final String REFUSED = "refused";

    private final Catalog catalog;
    private final AnswerService answers;
    private final ComplianceService compliance;

    public SheetImport(Catalog catalog, AnswerService answers, ComplianceService compliance) {
        this.catalog = catalog;
        this.answers = answers;
        this.compliance = compliance;
    }

    /** The current answer a row is compared with. */
    public record Current(String status, String comment, String answeredBy, long answeredAt) {
    }

    /**
     * One row with an answer.
     *
     * @param kind    new, changed, unchanged or refused
     * @param status  the status to store (met, not_met, not_applicable), or null when refused for the word
     * @param comment the comment to store (with the evidence reference as its last line)
     * @param current the current answer, or null
     */
    public record Item(String kind, String criterionId, String id, String cell, String word, String status, String comment,
                       Current current, String reason, String reasonJa) {
        public boolean writes() {
            return NEW.equals(kind) || CHANGED.equals(kind);
        }
    }

    /**
     * @param basis  per criterion compared, the id of its current answer ("" for none)
     * @param token  a digest of the basis, to confirm through the API ({@code basis=})
     */
    public record Preview(String framework, String version, String filename, String sha256, List<Item> items,
                          Map<String, Integer> counts, int noAnswer, List<String> sheetsRead,
                          Map<String, SheetImportReader.Problem> sheetsNotRead,
                          Map<String, String> basis, String token) {
        public List<Item> writes() {
            return items.stream().filter(Item::writes).toList();
        }
    }

    /** The result of a confirmed import. */
    public record Imported(Preview preview, List<Answer> answers) {
    }

    /** Reads the file and compares it with the current answers; stores nothing. */
    public Preview preview(String framework, String filename, byte[] bytes) {
        FrameworkVersion v = importable(framework);
        Map<String, Criterion> byId = index(v);
        Framework f = catalog.framework(framework).orElseThrow();
        SheetImportReader.Read read = SheetImportReader.read(bytes, id -> Optional.ofNullable(byId.get(id)), sheet -> {
            if (sheet.equals(WorkbookWriter.SUMMARY_SHEET) || sheet.equals(WorkbookWriter.SUMMARY_SHEET_EN)) {
                return new SheetImportReader.Problem("the summary sheet", "概要のシート");
            }
            boolean older = f.versions().stream().anyMatch(x -> !x.version().equals(v.version()) && x.version().equals(sheet));
            return older ? new SheetImportReader.Problem("an older version: the sheet of " + v.version() + " is read",
                    "旧版のシートです（" + v.version() + " のシートを読みます）") : null;
        });
        List<String> ids = read.lines().stream().filter(l -> l.criterion() != null).map(l -> l.criterion().globalId()).distinct().toList();
        Map<String, Answer> current = answers.current(ids);
        Map<String, CriterionVerdict> verdicts = compliance.currentVerdicts();
        List<Item> items = new ArrayList<>();
        for (SheetImportReader.Line l : read.lines()) {
            items.add(classify(l, l.criterion() == null ? null : current.get(l.criterion().globalId()),
                    l.criterion() == null ? null : verdicts.get(l.criterion().globalId())));
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String k : List.of(NEW, CHANGED, UNCHANGED, REFUSED)) {
            counts.put(k, (int) items.stream().filter(i -> i.kind().equals(k)).count());
        }
        Map<String, String> basis = new TreeMap<>();
        ids.forEach(id -> basis.put(id, current.containsKey(id) ? current.get(id).id() : ""));
        return new Preview(framework, v.version(), filename, sha256(bytes), List.copyOf(items), counts, read.noAnswer(),
                read.sheetsRead(), read.sheetsNotRead(), basis, token(basis));
    }

    /**
     * Stores the new and changed rows of the file. {@code basis}, when given, is the preview's
     * (its map, or its token through the API): the answers must still be what the preview compared with.
     */
    public Imported confirm(Caller caller, String framework, String filename, byte[] bytes, Map<String, String> basis, String token) {
        Preview p = preview(framework, filename, bytes);
        if (basis != null && !basis.equals(p.basis()) || token != null && !token.equals(p.token())) {
            throw changedSincePreview();
        }
        List<AnswerService.ImportedAnswer> rows = p.writes().stream()
                .map(i -> new AnswerService.ImportedAnswer(i.criterionId(), i.status(), i.comment(), i.cell())).toList();
        if (rows.isEmpty()) {
            return new Imported(p, List.of());
        }
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("framework", framework);
        file.put("version", p.version());
        file.put("sha256", p.sha256());
        file.put("filename", filename == null ? "" : filename);
        file.putAll(p.counts());
        return new Imported(p, answers.importAnswers(caller, rows, p.basis(), file));
    }

    static Refusal changedSincePreview() {
        return Refusal.conflict("the answers changed since the preview; preview the file again",
                "プレビューの後に回答が変わりました。もう一度プレビューしてください");
    }

    private Item classify(SheetImportReader.Line l, Answer current, CriterionVerdict verdict) {
        Criterion c = l.criterion();
        Current cur = current == null ? null : new Current(current.status(), current.comment(), current.answeredBy(), current.answeredAt());
        String gid = c == null ? null : c.globalId();
        if (l.refused() != null) {
            return new Item(REFUSED, gid, l.id(), l.cell(), l.word(), null, null, cur, l.refused().en(), l.refused().ja());
        }
        String status = SheetWords.PARTIAL.equals(l.status()) ? Answer.NOT_MET : l.status();
        String comment = comment(l, current);
        if (comment != null && comment.length() > 10_000) {
            return refused(l, gid, status, cur, "the comment is longer than 10,000 characters", "コメントが10,000文字を超えています");
        }
        boolean shownAlready = verdict != null && SheetWords.normal(l.word()).equals(SheetWords.normal(Labels.answerColumn(verdict.verdict().wire())))
                && Objects.equals(comment, current == null ? null : current.comment());
        if ("graded".equals(c.scoring())) {
            return refused(l, gid, status, cur, "a graded item: answer it with points on its page", "段階評価の項目です。項目のページで点数とともに回答してください");
        }
        boolean automatic = c.evidence() == EvidenceType.AUTO && !c.checks().isEmpty();
        if (current != null && current.status().equals(status) && Objects.equals(current.comment(), comment) || shownAlready) {
            return new Item(UNCHANGED, gid, l.id(), l.cell(), l.word(), status, comment, cur, null, null);
        }
        if (automatic && !Answer.NOT_APPLICABLE.equals(status)) {
            return refused(l, gid, status, cur, "decided by automatic checks: only 該当なし (not applicable) can be answered",
                    "自動判定の項目です。回答できるのは「該当なし（対象外）」だけです");
        }
        return new Item(current == null ? NEW : CHANGED, gid, l.id(), l.cell(), l.word(), status, comment, cur, null, null);
    }

    private static Item refused(SheetImportReader.Line l, String gid, String status, Current cur, String en, String ja) {
        return new Item(REFUSED, gid, l.id(), l.cell(), l.word(), status, null, cur, en, ja);
    }

    /**
     * The comment to store: the sheet's comment and evidence reference; a sheet without such a
     * column keeps that part of the current answer. 一部 (partial) is stored as not met, the word kept first.
     */
    static String comment(SheetImportReader.Line l, Answer current) {
        String[] now = EvidenceNote.split(current == null ? null : current.comment());
        String comment = l.comment() == null ? now[0] : l.comment();
        String evidence = l.evidence() == null ? now[1] : l.evidence();
        if (SheetWords.PARTIAL.equals(l.status())) {
            String mark = "シートの回答: " + l.word();
            comment = comment.startsWith(mark) ? comment : comment.isBlank() ? mark : mark + "\n" + comment;
        }
        String joined = EvidenceNote.join(comment, evidence);
        return joined == null ? null : joined.strip();
    }

    /** The latest version of a framework answered by status (Kubota, METI); 安全・安心マーク's points are not imported. */
    public FrameworkVersion importable(String framework) {
        FrameworkVersion v = catalog.latest(framework).orElseThrow(() -> Refusal.notFound("no framework " + framework));
        if (v.scoring().kind() == ScoringKind.POINTS) {
            throw Refusal.badRequest(framework + " is scored with points per application type: its sheet is not imported "
                            + "(Kubota and METI sheets are)",
                    framework + " は申請区分ごとの配点で評価するため、シートの取り込みには対応していません（クボタと METI のシートに対応しています）");
        }
        return v;
    }

    /** A version's criteria by the ids a sheet may name them with: the number as printed and the local id. */
    private static Map<String, Criterion> index(FrameworkVersion v) {
        Map<String, Criterion> m = new HashMap<>();
        for (Criterion c : v.criteria()) {
            m.putIfAbsent(SheetWords.id(c.id()), c);
        }
        for (Criterion c : v.criteria()) {
            if (c.number() != null) {
                m.put(SheetWords.id(c.number()), c);
            }
        }
        return m;
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String token(Map<String, String> basis) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(basis).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
