package jp.akashi.collector.export;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import jp.akashi.collector.Refusal;

/**
 * What an uploaded workbook must be before POI opens it: an .xlsx (a ZIP package with
 * xl/workbook.xml) without macros (vbaProject.bin, a macro-enabled content type), ActiveX,
 * embedded objects or links to other workbooks (xl/externalLinks), with bounded parts —
 * measured by inflating each part here, so a ZIP bomb is stopped before it is parsed. An
 * encrypted workbook and an old .xls are OLE2 files: refused with what to do instead.
 */
final class WorkbookSafety {
    static final int MAX_ENTRIES = 1_000;
    /** One part (a sheet's XML, the shared strings) inflated; the 153-item Kubota sheet is well under 1 MB. */
    static final long MAX_PART_BYTES = 8L * 1024 * 1024;
    static final long MAX_TOTAL_BYTES = 32L * 1024 * 1024;
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};
    private static final byte[] ZIP = {'P', 'K', 3, 4};

    private WorkbookSafety() {
    }

    /** Refuses (400, or 413 for size) a file that is not a plain, bounded .xlsx workbook. */
    static void check(byte[] b) {
        if (starts(b, OLE2)) {
            throw refuse("an encrypted (password-protected) workbook or an old .xls file (Excel 97-2003) is not read: "
                            + "remove the password and save it as .xlsx",
                    "パスワード付き（暗号化）のブック、または古い .xls 形式（Excel 97-2003）は読み込めません。パスワードを外し、.xlsx 形式で保存してください");
        }
        if (!starts(b, ZIP)) {
            throw refuse("not an Excel workbook (.xlsx)", "Excel ブック（.xlsx）ではありません");
        }
        boolean workbook = false;
        int entries = 0;
        long total = 0;
        byte[] buf = new byte[64 * 1024];
        try (ZipInputStream zin = new ZipInputStream(new ByteArrayInputStream(b), StandardCharsets.UTF_8)) {
            for (ZipEntry e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
                if (++entries > MAX_ENTRIES) {
                    throw tooLarge("more than " + MAX_ENTRIES + " parts in the package", "ファイル内の部品が " + MAX_ENTRIES + " 個を超えています");
                }
                String name = e.getName().toLowerCase(Locale.ROOT);
                refuseContent(name);
                workbook |= name.equals("xl/workbook.xml");
                boolean types = name.equals("[content_types].xml");
                StringBuilder typesText = types ? new StringBuilder() : null;
                long size = 0;
                for (int n = zin.read(buf); n > 0; n = zin.read(buf)) {
                    size += n;
                    total += n;
                    if (size > MAX_PART_BYTES) {
                        throw tooLarge("the part " + e.getName() + " is larger than " + MAX_PART_BYTES / 1024 / 1024 + " MB unpacked",
                                "ファイル内の " + e.getName() + " が展開後 " + MAX_PART_BYTES / 1024 / 1024 + " MB を超えています");
                    }
                    if (total > MAX_TOTAL_BYTES) {
                        throw tooLarge("the workbook is larger than " + MAX_TOTAL_BYTES / 1024 / 1024 + " MB unpacked",
                                "ブックが展開後 " + MAX_TOTAL_BYTES / 1024 / 1024 + " MB を超えています");
                    }
                    if (types) {
                        typesText.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                }
                if (types && typesText.toString().toLowerCase(Locale.ROOT).contains("macroenabled")) {
                    throw macros();
                }
            }
        } catch (ZipException e) {
            throw refuse("the file is damaged (not a readable .xlsx): " + e.getMessage(), "ファイルが壊れています（.xlsx として読めません）");
        } catch (IOException e) {
            throw refuse("the file cannot be read as .xlsx: " + e.getMessage(), "ファイルを .xlsx として読めません");
        }
        if (!workbook) {
            throw refuse("not an Excel workbook (.xlsx): the package has no xl/workbook.xml (a Word or PowerPoint file renamed?)",
                    "Excel ブック（.xlsx）ではありません（Word や PowerPoint のファイルの名前を変えたものではありませんか）");
        }
    }

    private static void refuseContent(String name) {
        if (name.endsWith("vbaproject.bin") || name.endsWith("vbaprojectsignature.bin")) {
            throw macros();
        }
        if (name.startsWith("xl/externallinks/")) {
            throw refuse("the workbook links to other workbooks (external links): break the links (Data > Edit Links) and upload again",
                    "ブックに外部参照（他のブックへのリンク）があります。リンクを解除してから（データ → リンクの編集）もう一度アップロードしてください");
        }
        if (name.startsWith("xl/activex/") || name.startsWith("xl/embeddings/")) {
            throw refuse("the workbook contains ActiveX controls or embedded objects: remove them and upload again",
                    "ブックに ActiveX コントロールか埋め込みオブジェクトがあります。削除してからもう一度アップロードしてください");
        }
    }

    private static Refusal macros() {
        return refuse("the workbook contains macros (.xlsm, VBA): save it as a macro-free .xlsx and upload again",
                "ブックにマクロ（.xlsm、VBA）が含まれています。マクロなしの .xlsx 形式で保存してからもう一度アップロードしてください");
    }

    static Refusal refuse(String en, String ja) {
        return Refusal.badRequest(en, ja);
    }

    static Refusal tooLarge(String en, String ja) {
        return new Refusal(Refusal.Kind.TOO_LARGE, en, ja);
    }

    private static boolean starts(byte[] b, byte[] magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (b[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** For POI's own reading: the same bound on one part, and no part inflating more than 100 times. */
    static void limitPoi() {
        org.apache.poi.openxml4j.util.ZipSecureFile.setMaxEntrySize(MAX_PART_BYTES);
        org.apache.poi.openxml4j.util.ZipSecureFile.setMinInflateRatio(0.01);
    }

    static InputStream in(byte[] b) {
        return new ByteArrayInputStream(b);
    }
}
