package jp.akashi.collector.store;

import java.util.LinkedHashMap;
import java.util.Map;

import jp.akashi.probes.util.Hashes;

/**
 * How a snapshot records the report settings it was built with: {@link #MEMBER} (also summarised in
 * snapshot.json) and the logo beside it, so its report.html and later exports of it stay as built
 * when the settings change.
 */
public final class ReportSettingsRecord {
    public static final String MEMBER = "data/report-settings.json";

    private ReportSettingsRecord() {
    }

    /** The key of a report's facts that holds the logo as a data: URI (the HTML report draws it, not as a row). */
    public static final String LOGO_FACT = "\u0000logo";

    /** Adds the company (a 会社名 row, when there is one) and the logo to a report's facts. */
    public static void brand(Map<String, String> facts, String company, ReportSettings.Logo logo) {
        brand(facts, company, logo, false);
    }

    /** @param en the row's label in English ("Company") */
    public static void brand(Map<String, String> facts, String company, ReportSettings.Logo logo, boolean en) {
        if (company != null) {
            facts.put(en ? "Company" : "会社名", company);
        }
        if (logo != null) {
            facts.put(LOGO_FACT, logo.dataUri());
        }
    }

    /** The logo's member in the snapshot, or null. */
    public static String logoMember(ReportSettings s) {
        return s.logo() == null ? null : "data/" + s.logo().fileName();
    }

    /** The settings as recorded: company, language, frameworks and the logo's member, type, size and SHA-256. */
    public static Map<String, Object> of(ReportSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("company", s.company());
        m.put("language", s.language());
        m.put("frameworks", s.frameworks());
        if (s.logo() != null) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("member", logoMember(s));
            l.put("type", s.logo().type());
            l.put("width", s.logo().width());
            l.put("height", s.logo().height());
            l.put("sha256", Hashes.sha256Hex(s.logo().bytes()));
            m.put("logo", l);
        } else {
            m.put("logo", null);
        }
        m.put("updatedBy", s.updatedBy());
        m.put("updatedAt", s.updatedAt() == null ? null : java.time.Instant.ofEpochMilli(s.updatedAt()).toString());
        return m;
    }
}
