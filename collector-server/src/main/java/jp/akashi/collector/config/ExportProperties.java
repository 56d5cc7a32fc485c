package jp.akashi.collector.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Exports and reports ({@code akashi.export.*}); the defaults are here and only here (docs/CONFIGURATION.md).
 *
 * @param pdfFont     TrueType font for the PDF reports' Japanese text; empty: the usual places are searched
 *                    (Debian: fonts-ipafont-gothic)
 * @param companyName default 会社名 of the exports when the レポート設定 page leaves it empty; empty: an
 *                    underlined cell to fill in
 */
@ConfigurationProperties("akashi.export")
public record ExportProperties(
        @Bindable(defaultValue = "") String pdfFont,
        @Bindable(defaultValue = "") String companyName) {
    public ExportProperties {
        pdfFont = pdfFont == null ? "" : pdfFont.strip();
        companyName = companyName == null ? "" : companyName.strip();
    }
}
