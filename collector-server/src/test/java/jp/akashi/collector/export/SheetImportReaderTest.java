package jp.akashi.collector.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.CatalogLoader;
import jp.akashi.collector.catalog.Criterion;

/** The reader alone, on the real Kubota catalog: header names, answer words, cached formula values, bounds. */
class SheetImportReaderTest {
    static Map<String, Criterion> kubota = new HashMap<>();

    @BeforeAll
    static void catalog() {
        new Catalog(CatalogLoader.DEFAULT_ROOT).latest("kubota").orElseThrow().criteria().forEach(c -> kubota.put(c.number(), c));
    }

    static SheetImportReader.Read read(Consumer<XSSFWorkbook> build) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            build.accept(wb);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return SheetImportReader.read(out.toByteArray(), id -> Optional.ofNullable(kubota.get(id)), s -> null);
        }
    }

    static void cells(Sheet s, int r, String... values) {
        Row row = s.createRow(r);
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                row.createCell(i).setCellValue(values[i]);
            }
        }
    }

    @Test
    void headerVariantsAreFoundAndTheKubotaColumn回答対象IsNotAnAnswer() throws IOException {
        SheetImportReader.Read r = read(wb -> {
            Sheet s = wb.createSheet("シート1");
            cells(s, 0, "回答対象", " Ｎｏ． ", "評価\n結果", "補 足", "根拠資料（保管場所）");
            cells(s, 1, "必須", "1", "　はい　", "規程あり", "共有/規程.pdf");
            cells(s, 2, "必須", "2", "Partial", null, null);
            cells(s, 3, "必須", "3", "◯", null, null);
            cells(s, 4, "必須", "4", "期限切れ（要再確認）", "古いコメント", null);
        });
        assertThat(r.lines()).hasSize(3);
        SheetImportReader.Line one = r.lines().get(0);
        assertThat(one.cell()).isEqualTo("シート1!C2");
        assertThat(one.status()).isEqualTo("met");
        assertThat(one.comment()).isEqualTo("規程あり");
        assertThat(one.evidence()).isEqualTo("共有/規程.pdf");
        assertThat(r.lines().get(1).status()).isEqualTo(SheetWords.PARTIAL);
        assertThat(r.lines().get(2).status()).isEqualTo("met");
        assertThat(r.noAnswer()).as("the export's 期限切れ is no answer").isEqualTo(1);
    }

    @Test
    void aFormulaCountsWithItsSavedValueOnly() throws IOException {
        SheetImportReader.Read r = read(wb -> {
            Sheet s = wb.createSheet("a");
            cells(s, 0, "No.", "回答");
            Row row = s.createRow(1);
            row.createCell(0).setCellValue(5);
            row.createCell(1).setCellFormula("IF(TRUE,\"はい\",\"いいえ\")");
            row.getCell(1).setCellValue("いいえ");
            Row unsaved = s.createRow(2);
            unsaved.createCell(0).setCellValue(6);
            unsaved.createCell(1).setCellFormula("\"はい\"");
        });
        assertThat(r.lines()).hasSize(2);
        assertThat(r.lines().get(0).status()).as("the saved value, not the formula's result").isEqualTo("not_met");
        assertThat(r.lines().get(1).refused().ja()).as("a formula without a saved value is not calculated").contains("保存された値のない数式");
    }

    @Test
    void aWorkbookWithoutAnIdAndAnAnswerColumnIsRefused() {
        assertThatThrownBy(() -> read(wb -> cells(wb.createSheet("x"), 0, "項目", "状況")))
                .isInstanceOf(Refusal.class).hasMessageContaining("no sheet has a header row");
    }

    @Test
    void words() {
        assertThat(SheetWords.answer("ＹＥＳ")).isEqualTo("met");
        assertThat(SheetWords.answer("n/a")).isEqualTo("not_applicable");
        assertThat(SheetWords.answer("N / A")).isEqualTo("not_applicable");
        assertThat(SheetWords.answer("実施済み")).isEqualTo("met");
        assertThat(SheetWords.answer("未実施")).isEqualTo("not_met");
        assertThat(SheetWords.answer("△")).isEqualTo(SheetWords.PARTIAL);
        assertThat(SheetWords.answer("たぶん")).isNull();
        assertThat(SheetWords.header("回答対象")).isNull();
        assertThat(SheetWords.header("根拠")).as("the export's own 根拠 column is output, not input").isNull();
        assertThat(SheetWords.id("１２")).isEqualTo("12");
        assertThat(SheetWords.id("12.0")).isEqualTo("12");
        assertThat(EvidenceNote.split(EvidenceNote.join("a\nb", "x.pdf"))).containsExactly("a\nb", "x.pdf");
        assertThat(EvidenceNote.split(EvidenceNote.join("", "x.pdf"))).containsExactly("", "x.pdf");
        assertThat(EvidenceNote.join(" ", null)).isNull();
    }
}
