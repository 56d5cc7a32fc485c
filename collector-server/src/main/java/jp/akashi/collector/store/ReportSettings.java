package jp.akashi.collector.store;

import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * What the reports (PDF, Excel, report.html) are made with: the submitting company (null: a line to
 * fill in), an optional logo, the frameworks shown by default (empty: all) and the language.
 *
 * @param language {@link #JA}, {@link #EN} or {@link #VIEWER} (the exporting person's console language)
 * @param updatedBy who saved them last, or null for the configured defaults
 */
public record ReportSettings(String company, String language, List<String> frameworks, Logo logo, String updatedBy, Long updatedAt) {
    public static final String JA = "ja";
    public static final String EN = "en";
    public static final String VIEWER = "viewer";
    public static final List<String> LANGUAGES = List.of(JA, EN, VIEWER);

    public ReportSettings {
        frameworks = frameworks == null ? List.of() : List.copyOf(frameworks);
    }

    /** A checked logo image: its bytes, {@code png} or {@code jpeg}, and its size in pixels. */
    public record Logo(byte[] bytes, String type, int width, int height) {
        public String mediaType() {
            return "image/" + type;
        }

        /** The image as a data: URI, so an HTML report holding it stays one self-contained file. */
        public String dataUri() {
            return "data:" + mediaType() + ";base64," + Base64.getEncoder().encodeToString(bytes);
        }

        /** The file name a snapshot stores it under. */
        public String fileName() {
            return "report-logo." + ("jpeg".equals(type) ? "jpg" : type);
        }
    }

    /** The language a report is written in: the setting, or for {@link #VIEWER} the viewer's ({@code ja} when unknown). */
    public String languageFor(String viewer) {
        if (!VIEWER.equals(language)) {
            return language;
        }
        return viewer != null && viewer.toLowerCase(Locale.ROOT).startsWith(EN) ? EN : JA;
    }

    /** Whether a framework appears in reports by default. */
    public boolean shows(String framework) {
        return frameworks.isEmpty() || frameworks.contains(framework);
    }
}
