package jp.akashi.collector.export;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Cell styles, made once per workbook (Excel limits their number). Every font of the workbook,
 * the default one too (Calibri in a new POI workbook), is {@link #FONT}: Japanese text in a Latin
 * font falls back glyph by glyph and prints unevenly.
 */
final class WorkbookStyles {
    /** The Japanese font of Office 2016 and later (Windows and macOS). */
    static final String FONT = "游ゴシック";

    final CellStyle title;
    final CellStyle header;
    final CellStyle label;
    final CellStyle wrap;
    final CellStyle number;
    /** A value of the header block, underlined: a line to write on when it is empty. */
    final CellStyle fill;
    final Map<String, CellStyle> verdicts = new LinkedHashMap<>();

    WorkbookStyles(XSSFWorkbook wb) {
        Font plain = wb.getFontAt(0);
        plain.setFontName(FONT);
        plain.setFontHeightInPoints((short) 10);
        Font bold = font(wb, false);
        Font big = font(wb, true);
        title = wb.createCellStyle();
        title.setFont(big);
        header = bordered(wb);
        header.setFont(bold);
        header.setFillForegroundColor(IndexedColors.PALE_BLUE.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setAlignment(HorizontalAlignment.CENTER);
        label = bordered(wb);
        label.setFont(bold);
        wrap = bordered(wb);
        number = bordered(wb);
        number.setAlignment(HorizontalAlignment.RIGHT);
        fill = wb.createCellStyle();
        fill.setBorderBottom(BorderStyle.THIN);
        fill.setVerticalAlignment(VerticalAlignment.TOP);
        fill.setAlignment(HorizontalAlignment.LEFT);
        Map<String, IndexedColors> colors = Map.of("met", IndexedColors.LIGHT_GREEN, "not_met", IndexedColors.ROSE,
                "unanswered", IndexedColors.LIGHT_YELLOW, "expired", IndexedColors.LIGHT_ORANGE,
                "unknown", IndexedColors.GREY_25_PERCENT, "not_applicable", IndexedColors.WHITE);
        colors.forEach((k, c) -> {
            CellStyle s = bordered(wb);
            s.setFont(bold);
            s.setFillForegroundColor(c.getIndex());
            s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            verdicts.put(k, s);
        });
    }

    CellStyle verdict(String wire) {
        return verdicts.getOrDefault(wire, verdicts.get("unknown"));
    }

    private static Font font(XSSFWorkbook wb, boolean big) {
        Font f = wb.createFont();
        f.setFontName(FONT);
        f.setBold(true);
        f.setFontHeightInPoints((short) (big ? 14 : 10));
        return f;
    }

    private static CellStyle bordered(XSSFWorkbook wb) {
        CellStyle s = wb.createCellStyle();
        s.setWrapText(true);
        s.setVerticalAlignment(VerticalAlignment.TOP);
        s.setBorderTop(BorderStyle.THIN);
        s.setBorderBottom(BorderStyle.THIN);
        s.setBorderLeft(BorderStyle.THIN);
        s.setBorderRight(BorderStyle.THIN);
        return s;
    }
}
