package jp.akashi.collector.export;

import java.util.List;
import java.util.Map;

import jp.akashi.collector.evaluate.CheckDefinition;
import jp.akashi.collector.evaluate.Remediation;

/**
 * A check's remediation as one spreadsheet cell, in Japanese (the exports' language): why it
 * matters, then per platform the steps, the setting, the commands and how to confirm.
 */
public final class RemediationText {
    static final Map<String, String> PLATFORMS = Map.of("debian", "Debian / Ubuntu", "rhel", "RHEL 系", "windows", "Windows",
            "macos", "macOS", "network", "ネットワーク機器");

    private RemediationText() {
    }

    /** @param platforms the asset's platforms (null: every platform the check has); "" when the check has no remediation */
    public static String of(CheckDefinition check, List<String> platforms) {
        Remediation r = check == null ? null : check.remediation();
        if (r == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(r.why().ja());
        Map<String, Remediation.Step> steps = platforms == null ? r.platforms() : r.forPlatforms(platforms);
        steps.forEach((p, s) -> {
            sb.append("\n【").append(PLATFORMS.getOrDefault(p, p)).append("】").append(s.steps().ja());
            if (s.setting() != null) {
                sb.append("\n設定: ").append(s.setting());
            }
            if (!s.commands().isEmpty()) {
                sb.append("\nコマンド: ").append(String.join(" ; ", s.commands()));
            }
            sb.append("\n確認: ").append(s.verify());
        });
        return sb.toString();
    }
}
