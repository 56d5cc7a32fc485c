package jp.akashi.collector.export;

import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * What every sheet has around its table: the header block a submitted sheet starts with (title,
 * 会社名, 提出者, 提出日 and the sheet's own facts) and the print setup (A4 landscape, one page wide,
 * the table's header row repeated on every page, the used range as print area).
 */
final class SheetLayout {
    static final String COMPANY = "会社名";
    static final String SUBMITTER = "提出者";
    static final String DATE = "提出日";
    /** What an export of a past date shows: the snapshot it comes from, or that it has verdicts only. */
    static final String BASIS = "時点の指定";

    private SheetLayout() {
    }

    static String company(boolean en) {
        return en ? "Company" : COMPANY;
    }

    static String basis(boolean en) {
        return en ? "As of" : BASIS;
    }

    /**
     * Writes the header block from row 0 and returns the row the table starts at (after one empty row).
     *
     * @param facts more label/value pairs (an Integer value is written as a number)
     */
    static int headerBlock(Sheet s, WorkbookStyles st, String title, WorkbookWriter.Submission who, Map<String, Object> facts) {
        Cell t = s.createRow(0).createCell(0);
        t.setCellValue(title);
        t.setCellStyle(st.title);
        int r = 1;
        boolean en = who.en();
        r = field(s, st, r, company(en), who.company());
        r = field(s, st, r, en ? "Submitted by" : SUBMITTER, who.submitter());
        r = field(s, st, r, en ? "Date" : DATE, who.date());
        if (who.basis() != null) {
            r = field(s, st, r, basis(en), who.basis());
        }
        for (Map.Entry<String, Object> f : facts.entrySet()) {
            r = field(s, st, r, f.getKey(), f.getValue());
        }
        return r + 1;
    }

    private static int field(Sheet s, WorkbookStyles st, int r, String label, Object value) {
        Row row = s.createRow(r);
        Cell a = row.createCell(0);
        a.setCellValue(label);
        a.setCellStyle(st.label);
        Cell b = row.createCell(1);
        if (value instanceof Integer n) {
            b.setCellValue(n);
        } else {
            b.setCellValue(value == null ? "" : value.toString());
        }
        b.setCellStyle(st.fill);
        // the value may be longer than column B: it runs on over the next cells, which stay empty but underlined
        for (int i = 2; i <= 3; i++) {
            row.createCell(i).setCellStyle(st.fill);
        }
        return r + 1;
    }

    /**
     * A4 landscape, fit to one page wide (as many pages tall as needed), print area A1 to the last
     * used cell; {@code headerRow} (0-based, or -1 for none) printed at the top of every page.
     */
    static void print(XSSFWorkbook wb, Sheet s, int headerRow, int lastCol) {
        PrintSetup ps = s.getPrintSetup();
        ps.setPaperSize(PrintSetup.A4_PAPERSIZE);
        ps.setLandscape(true);
        s.setFitToPage(true);
        ps.setFitWidth((short) 1);
        ps.setFitHeight((short) 0);
        s.setHorizontallyCenter(true);
        if (headerRow >= 0) {
            s.setRepeatingRows(new CellRangeAddress(headerRow, headerRow, -1, -1));
        }
        wb.setPrintArea(wb.getSheetIndex(s), 0, Math.max(lastCol, 0), 0, Math.max(s.getLastRowNum(), 0));
        s.getFooter().setCenter("&P / &N");
    }
}
