package jp.akashi.collector.export;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.catalog.Criterion;

/**
 * Reads a filled-in self-assessment workbook into rows — criterion, answer, comment, evidence
 * reference and the cell they came from — without looking at the database. Any sheet whose header
 * row (within its first {@value #HEADER_SEARCH} rows) has an id column (No. / 番号 / 評価基準 …) and
 * an answer column (回答 / 実施状況 / 自己評価 …) is read, in any column order; the product's own
 * export is one such layout. Formulas are never evaluated: a formula cell counts with the value
 * Excel saved for it. Rows the sheet gives no answer in (blank, 未回答, 判定不能, 期限切れ) are only
 * counted; a row with an unknown id, an unknown answer word or a criterion given twice is refused
 * with its reason. A file that is not a safe, bounded .xlsx is refused as a whole
 * ({@link WorkbookSafety}, {@value #MAX_ROWS} rows a sheet, {@value #MAX_CELLS} cells).
 */
public final class SheetImportReader {
    static final int HEADER_SEARCH = 30;
    static final int MAX_SHEETS = 50;
    static final int MAX_ROWS = 5_000;
    static final int MAX_CELLS = 200_000;

    static {
        WorkbookSafety.limitPoi();
    }

    private SheetImportReader() {
    }

    /** Why a row is not taken, in English and Japanese. */
    public record Problem(String en, String ja) {
    }

    /**
     * One row with an answer.
     *
     * @param cell      the answer's cell, {@code 'シート'!H12}
     * @param id        the id as the sheet has it
     * @param word      the answer as the sheet has it
     * @param status    met, not_met, not_applicable or {@link SheetWords#PARTIAL}; null when refused for the word
     * @param criterion the criterion, or null when the id is unknown
     * @param refused   why the row is not taken, or null
     */
    public record Line(String cell, String id, String word, String status, String comment, String evidence, Criterion criterion,
                       Problem refused) {
        Line refuse(Problem p) {
            return new Line(cell, id, word, status, comment, evidence, criterion, p);
        }
    }

    /**
     * @param lines       the rows with an answer, in sheet order
     * @param noAnswer    rows with an id but no answer given
     * @param sheetsRead  the sheets read
     * @param sheetsNotRead the other sheets, with why
     */
    public record Read(List<Line> lines, int noAnswer, List<String> sheetsRead, Map<String, Problem> sheetsNotRead) {
    }

    /**
     * @param criterion the criterion an id of the sheet names (No. 12, 4-4-5-1), if any
     * @param skip      sheets not to read, with why (the product's sheets of older versions), or null to read
     */
    public static Read read(byte[] xlsx, Function<String, Optional<Criterion>> criterion, Function<String, Problem> skip) {
        WorkbookSafety.check(xlsx);
        try (OPCPackage pkg = OPCPackage.open(WorkbookSafety.in(xlsx)); XSSFWorkbook wb = new XSSFWorkbook(pkg)) {
            if (wb.getNumberOfSheets() > MAX_SHEETS) {
                throw WorkbookSafety.tooLarge("more than " + MAX_SHEETS + " sheets", "シートが " + MAX_SHEETS + " 枚を超えています");
            }
            int cells = 0;
            for (Sheet s : wb) {
                if (s.getLastRowNum() + 1 > MAX_ROWS) {
                    throw WorkbookSafety.tooLarge("the sheet " + s.getSheetName() + " has more than " + MAX_ROWS + " rows",
                            "シート「" + s.getSheetName() + "」の行数が " + MAX_ROWS + " を超えています");
                }
                for (Row r : s) {
                    cells += r.getPhysicalNumberOfCells();
                }
                if (cells > MAX_CELLS) {
                    throw WorkbookSafety.tooLarge("the workbook has more than " + MAX_CELLS + " cells",
                            "ブックのセルが " + MAX_CELLS + " 個を超えています");
                }
            }
            List<Line> lines = new ArrayList<>();
            List<String> read = new ArrayList<>();
            Map<String, Problem> notRead = new LinkedHashMap<>();
            int[] noAnswer = new int[1];
            for (Sheet s : wb) {
                Problem why = skip.apply(s.getSheetName());
                if (why != null) {
                    notRead.put(s.getSheetName(), why);
                    continue;
                }
                Optional<Header> h = header(s, criterion);
                if (h.isEmpty()) {
                    notRead.put(s.getSheetName(), new Problem("no header row with an id column and an answer column",
                            "番号の列と回答の列がある見出し行がありません"));
                    continue;
                }
                read.add(s.getSheetName());
                rows(s, h.get(), criterion, lines, noAnswer);
            }
            if (read.isEmpty()) {
                throw WorkbookSafety.refuse("no sheet has a header row with an id column (No. / 番号 / 評価基準) and an answer column "
                                + "(回答 / 実施状況 / 自己評価)",
                        "番号の列（No. / 番号 / 評価基準）と回答の列（回答 / 実施状況 / 自己評価）がある見出し行のシートがありません");
            }
            return new Read(duplicatesRefused(lines), noAnswer[0], read, notRead);
        } catch (Refusal e) {
            throw e;
        } catch (IOException | InvalidFormatException | RuntimeException e) {
            // POI reports damaged and unexpected content with many unchecked exceptions: the file is refused, nothing else happens
            throw WorkbookSafety.refuse("the file cannot be read as .xlsx: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), "ファイルを .xlsx として読めません（壊れているか、形式が違います）");
        }
    }

    /** The header row: which column holds which kind. */
    private record Header(int row, Map<SheetWords.Kind, Integer> columns) {
    }

    private static Optional<Header> header(Sheet s, Function<String, Optional<Criterion>> criterion) {
        int last = Math.min(s.getLastRowNum(), HEADER_SEARCH - 1);
        for (int r = 0; r <= last; r++) {
            Row row = s.getRow(r);
            if (row == null) {
                continue;
            }
            Map<SheetWords.Kind, Integer> cols = new EnumMap<>(SheetWords.Kind.class);
            List<Integer> ids = new ArrayList<>();
            for (Cell c : row) {
                SheetWords.Kind k = SheetWords.header(text(c));
                if (k == SheetWords.Kind.ID) {
                    ids.add(c.getColumnIndex());
                } else if (k != null) {
                    cols.putIfAbsent(k, c.getColumnIndex());
                }
            }
            if (!ids.isEmpty() && cols.containsKey(SheetWords.Kind.ANSWER)) {
                cols.put(SheetWords.Kind.ID, idColumn(s, r, ids, criterion));
                return Optional.of(new Header(r, cols));
            }
        }
        return Optional.empty();
    }

    /** Of several id-like columns (METI: No. and the 評価基準 text), the one whose values name the most criteria. */
    private static int idColumn(Sheet s, int header, List<Integer> candidates, Function<String, Optional<Criterion>> criterion) {
        int best = candidates.get(0);
        int bestHits = -1;
        for (int col : candidates) {
            int hits = 0;
            for (int r = header + 1; r <= s.getLastRowNum(); r++) {
                Row row = s.getRow(r);
                Cell c = row == null ? null : row.getCell(col);
                if (c != null && criterion.apply(SheetWords.id(text(c))).isPresent()) {
                    hits++;
                }
            }
            if (hits > bestHits) {
                best = col;
                bestHits = hits;
            }
        }
        return best;
    }

    private static void rows(Sheet s, Header h, Function<String, Optional<Criterion>> criterion, List<Line> out, int[] noAnswer) {
        int idCol = h.columns().get(SheetWords.Kind.ID);
        int answerCol = h.columns().get(SheetWords.Kind.ANSWER);
        for (int r = h.row() + 1; r <= s.getLastRowNum(); r++) {
            Row row = s.getRow(r);
            if (row == null) {
                continue;
            }
            String id = SheetWords.id(text(row.getCell(idCol)));
            if (id.isEmpty()) {
                continue;
            }
            String word = text(row.getCell(answerCol)).strip();
            if (unsavedFormula(row.getCell(answerCol))) {
                String cell = new CellReference(s.getSheetName(), r, answerCol, false, false).formatAsString();
                out.add(new Line(cell, id, row.getCell(answerCol).getCellFormula(), null, null, null, criterion.apply(id).orElse(null),
                        new Problem("a formula without a saved value (the file was not saved by Excel): formulas are not calculated; "
                                + "open and save the file in Excel, or type the answer",
                                "保存された値のない数式です（数式は計算しません）。Excel で開いて保存し直すか、回答を直接入力してください")));
                continue;
            }
            if (SheetWords.noAnswer(word)) {
                noAnswer[0]++;
                continue;
            }
            String cell = new CellReference(s.getSheetName(), r, answerCol, false, false).formatAsString();
            String comment = column(row, h, SheetWords.Kind.COMMENT);
            String evidence = column(row, h, SheetWords.Kind.EVIDENCE);
            Criterion c = criterion.apply(id).orElse(null);
            String status = SheetWords.answer(word);
            Line line = new Line(cell, id, word, status, comment, evidence, c, null);
            if (c == null) {
                line = line.refuse(new Problem("unknown id " + id + " (no such criterion in this framework)",
                        "番号 " + id + " の評価基準はこのフレームワークにありません"));
            } else if (status == null) {
                line = line.refuse(new Problem("unknown answer '" + word + "': use はい / いいえ / 一部 / 該当なし (or Yes / No / Partial / N/A, ○ × △)",
                        "回答「" + word + "」は読めません。はい / いいえ / 一部 / 該当なし（または ○ × △、実施済 / 未実施）のどれかにしてください"));
            }
            out.add(line);
        }
    }

    private static String column(Row row, Header h, SheetWords.Kind kind) {
        Integer col = h.columns().get(kind);
        return col == null ? null : text(row.getCell(col)).strip();
    }

    /** A criterion given in more than one row: every one of those rows is refused (which one is meant is not known). */
    private static List<Line> duplicatesRefused(List<Line> lines) {
        Map<String, List<String>> cells = new LinkedHashMap<>();
        for (Line l : lines) {
            if (l.criterion() != null) {
                cells.computeIfAbsent(l.criterion().globalId(), k -> new ArrayList<>()).add(l.cell());
            }
        }
        List<Line> out = new ArrayList<>();
        for (Line l : lines) {
            List<String> same = l.criterion() == null ? List.of() : cells.get(l.criterion().globalId());
            if (same.size() > 1 && l.refused() == null) {
                l = l.refuse(new Problem("the criterion " + l.id() + " is answered more than once: " + String.join(", ", same),
                        "評価基準 " + l.id() + " の回答が複数あります: " + String.join("、", same)));
            }
            out.add(l);
        }
        return out;
    }

    /** A formula cell the file holds no value for (written by a program that did not calculate it). */
    static boolean unsavedFormula(Cell c) {
        return c instanceof XSSFCell x && x.getCellType() == CellType.FORMULA && !x.getCTCell().isSetV();
    }

    /** A cell's text as shown; a formula's value as Excel last saved it (never evaluated). */
    static String text(Cell c) {
        if (c == null || unsavedFormula(c)) {
            return "";
        }
        CellType t = c.getCellType() == CellType.FORMULA ? c.getCachedFormulaResultType() : c.getCellType();
        return switch (t) {
            case STRING -> c.getStringCellValue();
            case NUMERIC -> number(c.getNumericCellValue());
            case BOOLEAN -> c.getBooleanCellValue() ? "TRUE" : "FALSE";
            default -> "";
        };
    }

    private static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
