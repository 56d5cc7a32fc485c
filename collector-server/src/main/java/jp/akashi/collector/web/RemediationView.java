package jp.akashi.collector.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.evaluate.CheckDefinition;
import jp.akashi.collector.evaluate.Remediation;

/**
 * A check's remediation in the page's language: why it matters and, per platform, what to do.
 *
 * @param why   why the check matters
 * @param steps per platform, in the check file's order
 */
public record RemediationView(String why, List<Platform> steps) {

    /** @param platform the platform key (debian, rhel, windows, macos, network); its label comes from the messages */
    public record Platform(String platform, String steps, String setting, List<String> commands, String verify) {
    }

    /** The check's remediation for {@code platforms} (null: all of them); null when the check has none. */
    static RemediationView of(CheckDefinition check, List<String> platforms, String lang) {
        Remediation r = check == null ? null : check.remediation();
        if (r == null) {
            return null;
        }
        Map<String, Remediation.Step> chosen = platforms == null ? r.platforms() : r.forPlatforms(platforms);
        List<Platform> out = new ArrayList<>();
        chosen.forEach((p, s) -> out.add(new Platform(p, s.steps().in(lang), s.setting(), s.commands(), s.verify())));
        return new RemediationView(r.why().in(lang), out);
    }
}
