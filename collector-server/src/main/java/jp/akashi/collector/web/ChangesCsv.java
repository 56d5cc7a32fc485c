package jp.akashi.collector.web;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jp.akashi.collector.config.DisplayZone;
import jp.akashi.collector.export.VerdictsCsv;

/**
 * The change feed as CSV (UTF-8 with BOM for Excel, CRLF, formula-neutralised cells): one line per
 * change, with what changed, from and to, when, the asset or criterion, and the link path in the
 * console where its facts and raw evidence are.
 */
final class ChangesCsv implements AutoCloseable {
    static final List<String> HEADER = List.of("種類", "kind", "日時", "資産ID", "資産名", "対象ID", "対象", "変化前", "変化後",
            "理由・担当", "リンク");
    private final Writer out;
    private final DisplayZone zone;

    ChangesCsv(OutputStream os, DisplayZone zone) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
        this.zone = zone;
        out.write('\uFEFF');
        line(HEADER);
    }

    void write(ChangeView.Feed f) throws IOException {
        for (ChangeView.CheckLine c : f.checks()) {
            line(List.of(kindJa(c.kind()), "check." + c.kind(), time(c.at()), c.assetId(), c.assetName(), c.checkId(), c.checkTitle(),
                    checkLabel(c.from()), checkLabel(c.to()), nz(c.reason()), c.assetHref() + "#check-" + c.checkId()));
        }
        for (ChangeView.CriterionLine c : f.criteria()) {
            line(List.of("判定の変化", "criterion", time(c.at()), "", "", c.criterionId(), nz(c.text()), verdictLabel(c.from()),
                    verdictLabel(c.to()), "", c.href()));
        }
        for (ChangeView.AssetLine a : f.assets()) {
            line(List.of(assetJa(a.kind()), "asset." + a.kind(), time(a.at()), a.id(), a.name(), "", "", "", "", "", a.href()));
        }
        for (ChangeView.ExceptionLine e : f.exceptions()) {
            line(List.of("例外: " + exceptionJa(e.event()), "exception." + e.event(), time(e.at()), "", "", e.id(), e.target(), "", "",
                    nz(e.by()), e.href()));
        }
        for (ChangeView.AnswerLine a : f.answers()) {
            line(List.of("answered".equals(a.kind()) ? "回答" : "回答の期限が近い", "answer." + a.kind(), time(a.at()), "", "",
                    a.criterionId(), nz(a.text()), "", nz(a.status()), nz(a.by()), a.href()));
        }
    }

    private static String checkLabel(String status) {
        return status == null ? "（なし）" : VerdictsCsv.statusLabel(status);
    }

    private static String verdictLabel(String wire) {
        return wire == null ? "（なし）" : jp.akashi.collector.export.Labels.verdict(wire);
    }

    private String time(long at) {
        return at <= 0 ? "" : zone.minute(at) + " " + zone.abbreviation(at);
    }

    static String kindJa(String kind) {
        return switch (kind) {
            case "regression" -> "新たに不適合";
            case "fixed" -> "適合に回復";
            default -> "チェックの変化";
        };
    }

    static String assetJa(String kind) {
        return switch (kind) {
            case "new" -> "新しい資産";
            case "stale" -> "報告が途絶えた資産";
            default -> "廃止された資産";
        };
    }

    static String exceptionJa(String event) {
        return switch (event) {
            case "requested" -> "申請";
            case "approved" -> "承認";
            case "rejected" -> "却下";
            case "revoked" -> "取り消し";
            case "expired" -> "期限切れ";
            default -> "期限が近い";
        };
    }

    private void line(List<String> cells) throws IOException {
        VerdictsCsv.line(out, cells);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
