package jp.akashi.collector.export;

import java.util.List;
import java.util.Map;

import jp.akashi.collector.evaluate.CheckDefinition;
import jp.akashi.collector.evaluate.Remediation;

/**
 * A check's remediation as one spreadsheet cell or report paragraph, in the report's language: why
 * it matters, then per platform the steps, the setting, the commands and how to confirm.
 */
public final class RemediationText {
    static final Map<String, String> PLATFORMS = Map.of("debian", "Debian / Ubuntu", "rhel", "RHEL 系", "windows", "Windows",
            "macos", "macOS", "network", "ネットワーク機器");
    static final Map<String, String> PLATFORMS_EN = Map.of("debian", "Debian / Ubuntu", "rhel", "RHEL family", "windows", "Windows",
            "macos", "macOS", "network", "Network devices");

    private RemediationText() {
    }

    /** @param platforms the asset's platforms (null: every platform the check has); "" when the check has no remediation */
    public static String of(CheckDefinition check, List<String> platforms) {
        return of(check, platforms, false);
    }

    /** @param en English (each text's English where it has one, else its Japanese) */
    public static String of(CheckDefinition check, List<String> platforms, boolean en) {
        Remediation r = check == null ? null : check.remediation();
        if (r == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text(r.why(), en));
        Map<String, Remediation.Step> steps = platforms == null ? r.platforms() : r.forPlatforms(platforms);
        steps.forEach((p, s) -> {
            sb.append(en ? "\n[" : "\n【").append((en ? PLATFORMS_EN : PLATFORMS).getOrDefault(p, p)).append(en ? "] " : "】")
                    .append(text(s.steps(), en));
            if (s.setting() != null) {
                sb.append(Labels.w(en, "\n設定: ", "\nSetting: ")).append(s.setting());
            }
            if (!s.commands().isEmpty()) {
                sb.append(Labels.w(en, "\nコマンド: ", "\nCommands: ")).append(String.join(" ; ", s.commands()));
            }
            sb.append(Labels.w(en, "\n確認: ", "\nVerify: ")).append(s.verify());
        });
        return sb.toString();
    }

    private static String text(jp.akashi.collector.evaluate.Text t, boolean en) {
        return en && t.en() != null && !t.en().isBlank() ? t.en() : t.ja();
    }
}
