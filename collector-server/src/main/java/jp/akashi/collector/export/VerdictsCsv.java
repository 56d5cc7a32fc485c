package jp.akashi.collector.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.config.DisplayZone;

/**
 * Every check's result on every asset as CSV (RFC 4180, UTF-8 with a byte-order mark so Excel
 * reads the Japanese correctly, CRLF line ends), written row by row so a large fleet is never
 * held in memory.
 */
public final class VerdictsCsv implements AutoCloseable {
    static final List<String> HEADER = List.of("資産ID", "資産名", "ホスト名", "チェックID", "チェック名", "判定", "status", "理由",
            "この判定になった時刻", "評価時刻", "レポートID", "対応する評価基準");

    /** One check result on one asset, as stored in a snapshot's data/check-results.jsonl. */
    public record ResultLine(String assetId, String assetName, String hostname, String checkId, String status, String reasonJa,
                             String reasonEn, String reportId, String since, String evaluatedAt) {
    }

    /** The optional last column: what to do about a failing or undecided result on the asset's platform. */
    static final String REMEDIATION_HEADER = "対処方法";

    private final Writer out;
    private final boolean remediation;
    private final Map<String, String> checkTitles;
    private final Map<String, List<String>> criteriaByCheck;
    private final DisplayZone zone;

    /**
     * @param checkTitles     check id → Japanese title
     * @param criteriaByCheck check id → the criteria (global ids) it serves
     */
    public VerdictsCsv(OutputStream os, Map<String, String> checkTitles, Map<String, List<String>> criteriaByCheck,
                       DisplayZone zone) throws IOException {
        this(os, checkTitles, criteriaByCheck, false, zone);
    }

    /**
     * @param remediation with the {@link #REMEDIATION_HEADER} column
     * @param zone        the zone times are written in
     */
    public VerdictsCsv(OutputStream os, Map<String, String> checkTitles, Map<String, List<String>> criteriaByCheck,
                       boolean remediation, DisplayZone zone) throws IOException {
        this.zone = zone;
        this.out = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
        this.checkTitles = checkTitles;
        this.criteriaByCheck = criteriaByCheck;
        this.remediation = remediation;
        out.write('\uFEFF');
        List<String> header = new java.util.ArrayList<>(HEADER);
        if (remediation) {
            header.add(REMEDIATION_HEADER);
        }
        line(header);
    }

    public void write(ResultLine r) throws IOException {
        write(r, "");
    }

    /** @param fix the remediation cell (used only when the column is on) */
    public void write(ResultLine r, String fix) throws IOException {
        List<String> cells = new java.util.ArrayList<>(List.of(nz(r.assetId()), nz(r.assetName()), nz(r.hostname()), nz(r.checkId()),
                nz(checkTitles.get(r.checkId())), statusLabel(r.status()), nz(r.status()), nz(r.reasonJa()), Labels.time(r.since(), zone),
                Labels.time(r.evaluatedAt(), zone), nz(r.reportId()), String.join(" ", criteriaByCheck.getOrDefault(r.checkId(), List.of()))));
        if (remediation) {
            cells.add(nz(fix));
        }
        line(cells);
    }

    public static String statusLabel(String status) {
        if (status == null) {
            return "";
        }
        return switch (status) {
            case "PASS" -> "適合";
            case "FAIL" -> "不適合";
            case "NOT_APPLICABLE" -> "対象外";
            default -> "判定不能";
        };
    }

    private void line(List<String> cells) throws IOException {
        line(out, cells);
    }

    /** One CSV line of {@code cells} (null as empty), each {@link #quote quoted}, ended by CRLF. */
    public static void line(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(cells.get(i) == null ? "" : cells.get(i)));
        }
        out.write("\r\n");
    }

    /**
     * Quotes when needed; a leading =, +, - or @, or a leading TAB or CR (which spreadsheets skip
     * before reading a formula), is prefixed with ' so a spreadsheet never runs it as a formula.
     */
    public static String quote(String s) {
        String v = s;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
