package jp.akashi.collector.export;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;

import org.apache.fontbox.FontBoxFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.font.CIDFontMapping;
import org.apache.pdfbox.pdmodel.font.FontMapper;
import org.apache.pdfbox.pdmodel.font.FontMapping;
import org.apache.pdfbox.pdmodel.font.FontMappers;
import org.apache.pdfbox.pdmodel.font.PDCIDSystemInfo;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the XHTML report to PDF with an embedded Japanese font. The font is a TrueType file
 * from the system (Debian: fonts-ipafont-gothic), found at {@code akashi.export.pdf-font} or in
 * the usual places; without one the PDF export is refused with a message saying what to install,
 * because a PDF with missing glyphs would silently drop the Japanese criterion texts.
 */
@Singleton
public class PdfRenderer {
    static final String FAMILY = "AkashiJapanese";
    private static final Logger LOG = LoggerFactory.getLogger(PdfRenderer.class);
    /** TrueType (glyf) fonts only: the renderer cannot embed CFF-based OpenType collections such as Noto CJK .ttc. */
    static final List<String> CANDIDATES = List.of(
            "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
            "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
            "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
            "/usr/share/fonts/truetype/takao-gothic/TakaoGothic.ttf",
            "/usr/share/fonts/truetype/vlgothic/VL-Gothic-Regular.ttf",
            "/usr/share/fonts/ipa-gothic/ipag.ttf");

    private final String configured;

    static {
        XRLog.setLoggerImpl(new Slf4jXrLogger());
    }

    @jakarta.inject.Inject
    public PdfRenderer(jp.akashi.collector.config.ExportProperties props) {
        this(props.pdfFont());
    }

    public PdfRenderer(String configured) {
        this.configured = configured;
    }

    /** The font to embed; throws {@link MissingFontException} with what to do when there is none. */
    public Path font() {
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (!Files.isReadable(p)) {
                throw new MissingFontException("akashi.export.pdf-font names " + p + ", which cannot be read");
            }
            return p;
        }
        for (String c : CANDIDATES) {
            Path p = Path.of(c);
            if (Files.isReadable(p)) {
                return p;
            }
        }
        throw new MissingFontException("PDF には日本語フォントが必要です: fonts-ipafont-gothic をインストールするか、"
                + "akashi.export.pdf-font に TrueType フォント (.ttf) のパスを設定してください (searched: " + String.join(", ", CANDIDATES) + ")");
    }

    /** Renders a report page made by {@link HtmlReport#render} with {@link #FAMILY} as its font. */
    public void render(String xhtml, OutputStream out) throws IOException {
        Path font = font();
        useForStandardFonts(font);
        PdfRendererBuilder b = new PdfRendererBuilder();
        b.useFastMode();
        b.useFont(font.toFile(), FAMILY);
        b.withHtmlContent(xhtml, null);
        b.toStream(out);
        b.run();
    }

    private static Path mappedFont;

    /**
     * The renderer registers PDF standard fonts (Times, Symbol …) it never draws with here; PDFBox
     * would look for system substitutes for them, scanning every installed font into a cache in the
     * home directory and warning about each one it lacks. Mapping them to the report's own font
     * avoids both (they are not marked as fallbacks: nothing is drawn with them, so there is nothing to warn about).
     */
    private static synchronized void useForStandardFonts(Path font) throws IOException {
        if (font.equals(mappedFont)) {
            return;
        }
        TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBufferedFile(font.toFile()));
        FontMappers.set(new FontMapper() {
            @Override
            public FontMapping<TrueTypeFont> getTrueTypeFont(String baseFont, PDFontDescriptor descriptor) {
                return new FontMapping<>(ttf, false);
            }

            @Override
            public FontMapping<FontBoxFont> getFontBoxFont(String baseFont, PDFontDescriptor descriptor) {
                return new FontMapping<>(ttf, false);
            }

            @Override
            public CIDFontMapping getCIDFont(String baseFont, PDFontDescriptor descriptor, PDCIDSystemInfo cidSystemInfo) {
                return new CIDFontMapping(null, ttf, false);
            }
        });
        mappedFont = font;
    }

    /** No Japanese font on this machine (or the configured one is unreadable). */
    public static final class MissingFontException extends RuntimeException {
        public MissingFontException(String message) {
            super(message);
        }
    }

    /** Sends the renderer's messages to the collector's log (warnings and above) instead of standard error. */
    static final class Slf4jXrLogger implements XRLogger {
        @Override
        public void log(String where, Level level, String msg) {
            log(where, level, msg, null);
        }

        @Override
        public void log(String where, Level level, String msg, Throwable th) {
            if (level.intValue() >= Level.SEVERE.intValue()) {
                LOG.error("{}: {}", where, msg, th);
            } else if (level.intValue() >= Level.WARNING.intValue()) {
                LOG.warn("{}: {}", where, msg, th);
            }
        }

        @Override
        public void setLevel(String logger, Level level) {
            // levels are the collector's logging configuration
        }

        @Override
        public boolean isLogLevelEnabled(Diagnostic diagnostic) {
            return diagnostic.getLevel().intValue() >= Level.WARNING.intValue();
        }
    }
}
