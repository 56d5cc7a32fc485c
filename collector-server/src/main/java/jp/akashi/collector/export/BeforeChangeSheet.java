package jp.akashi.collector.export;

import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The texts of a version as they were before a change (安全・安心マーク 変更対照表: fields named 変更前 …),
 * on a reference sheet after the application sheets, so those show the current texts only.
 */
final class BeforeChangeSheet {
    private BeforeChangeSheet() {
    }

    static boolean has(FrameworkReport v) {
        return v.rows().stream().anyMatch(r -> r.fields().keySet().stream().anyMatch(BeforeChangeSheet::before));
    }

    static void write(XSSFWorkbook wb, WorkbookStyles st, Sheet s, FrameworkReport v, WorkbookWriter.Submission who) {
        int top = SheetLayout.headerBlock(s, st, v.name() + "　変更前の文言（参考、現行の文言は申請区分ごとのシート）", who, Map.of());
        String[] headers = {WorkbookColumns.NUMBER, "区分", "変更前の文言"};
        int[] widths = {9, 24, 100};
        Row h = s.createRow(top);
        for (int i = 0; i < headers.length; i++) {
            Cell c = h.createCell(i);
            c.setCellValue(headers[i]);
            c.setCellStyle(st.header);
            s.setColumnWidth(i, widths[i] * 256);
        }
        int r = top + 1;
        for (FrameworkReport.Row row : v.rows()) {
            for (Map.Entry<String, String> f : row.fields().entrySet()) {
                if (before(f.getKey()) && f.getValue() != null && !f.getValue().isBlank()) {
                    Row x = s.createRow(r++);
                    cell(x, 0, row.number(), st);
                    cell(x, 1, f.getKey(), st);
                    cell(x, 2, WorkbookWriter.clip(f.getValue()), st);
                }
            }
        }
        s.createFreezePane(0, top + 1);
        SheetLayout.print(wb, s, top, headers.length - 1);
    }

    private static void cell(Row x, int i, String value, WorkbookStyles st) {
        Cell c = x.createCell(i);
        c.setCellValue(value);
        c.setCellStyle(st.wrap);
    }

    private static boolean before(String field) {
        return field.startsWith(WorkbookColumns.BEFORE_CHANGE);
    }
}
