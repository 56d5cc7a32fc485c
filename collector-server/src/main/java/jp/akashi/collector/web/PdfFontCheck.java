package jp.akashi.collector.web;

import jakarta.inject.Singleton;

import java.util.Optional;

import jp.akashi.collector.export.ExportService;
import jp.akashi.collector.export.PdfRenderer;

/**
 * Whether PDF reports can be made on this collector (they embed a Japanese TrueType font from the
 * system). Pages with export buttons say so next to the PDF button, and the PDF route answers with
 * a page saying what to install instead of a broken download.
 */
@Singleton
public class PdfFontCheck {
    private final ExportService exports;

    public PdfFontCheck(ExportService exports) {
        this.exports = exports;
    }

    /** What is missing and how to fix it, or empty when PDF reports can be made. */
    public Optional<String> problem() {
        try {
            exports.requirePdfFont();
            return Optional.empty();
        } catch (PdfRenderer.MissingFontException e) {
            return Optional.of(e.getMessage());
        }
    }
}
