package jp.akashi.collector.store;


import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

/**
 * The report settings row (one, id 1) with its defaults: no row is the configured company
 * ({@code akashi.export.company-name}), no logo, every framework, Japanese. The logo is kept in the
 * database so every collector on it renders the same reports.
 */
@Singleton
public class ReportSettingsStore {
    private final String defaultCompany;

    @jakarta.inject.Inject
    public ReportSettingsStore(jp.akashi.collector.config.ExportProperties props) {
        this(props.companyName());
    }

    public ReportSettingsStore(String company) {
        this.defaultCompany = company == null || company.isBlank() ? null : company.strip();
    }

    /** The configured company ({@code akashi.export.company-name}), or null. */
    public String defaultCompany() {
        return defaultCompany;
    }

    /** The settings in force: the saved ones, a blank company falling back to the configured one. */
    public ReportSettings get(Handle h) {
        Optional<ReportSettings> saved = h.createQuery("SELECT company_name, language, frameworks, logo, logo_type, updated_by, updated_at "
                        + "FROM report_settings WHERE id = 1")
                .map((rs, ctx) -> {
                    byte[] logo = rs.getBytes(4);
                    ReportSettings.Logo l = null;
                    if (logo != null && logo.length > 0) {
                        int[] size = ImageSize.of(logo);
                        l = new ReportSettings.Logo(logo, rs.getString(5), size[0], size[1]);
                    }
                    String company = rs.getString(1);
                    return new ReportSettings(company == null || company.isBlank() ? defaultCompany : company, rs.getString(2),
                            split(rs.getString(3)), l, rs.getString(6), rs.getLong(7));
                }).findOne();
        return saved.orElseGet(() -> new ReportSettings(defaultCompany, ReportSettings.JA, List.of(), null, null, null));
    }

    /** Whether the company shown is one saved on the settings page (not the configured default). */
    public Optional<String> savedCompany(Handle h) {
        return h.createQuery("SELECT company_name FROM report_settings WHERE id = 1").mapTo(String.class).findOne()
                .filter(c -> c != null && !c.isBlank());
    }

    /** Saves the texts; the logo is kept. {@code company} null or blank: the configured one. */
    public void putTexts(Handle h, String company, String language, List<String> frameworks, String by, long at) {
        ensureRow(h, by, at);
        h.createUpdate("UPDATE report_settings SET company_name = :c, language = :l, frameworks = :f, updated_by = :by, updated_at = :at WHERE id = 1")
                .bind("c", company == null || company.isBlank() ? null : company.strip()).bind("l", language)
                .bind("f", String.join(",", frameworks)).bind("by", by).bind("at", at).execute();
    }

    /** Saves (or with null removes) the logo; the image must have been checked. */
    public void putLogo(Handle h, byte[] bytes, String type, String by, long at) {
        ensureRow(h, by, at);
        h.createUpdate("UPDATE report_settings SET logo = :b, logo_type = :t, updated_by = :by, updated_at = :at WHERE id = 1")
                .bind("b", bytes).bind("t", type).bind("by", by).bind("at", at).execute();
    }

    private static void ensureRow(Handle h, String by, long at) {
        if (h.createQuery("SELECT COUNT(*) FROM report_settings WHERE id = 1").mapTo(Integer.class).one() == 0) {
            h.createUpdate("INSERT INTO report_settings (id, language, frameworks, updated_by, updated_at) VALUES (1, 'ja', '', :by, :at)")
                    .bind("by", by).bind("at", at).execute();
        }
    }

    private static List<String> split(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }
}
