package jp.akashi.collector.api;

import java.util.List;

import jp.akashi.collector.evaluate.Remediation;
import jp.akashi.collector.ingest.CompactFacts;

/** The remediation platforms of an asset, from its kind, OS family and Linux distribution family (else its OS name). */
public final class RemediationPlatforms {
    private RemediationPlatforms() {
    }

    public static List<String> of(AssetService.Detail d) {
        CompactFacts.Value dist = d.facts().get("os.distribution_family");
        String hint = dist != null && dist.ok() && dist.value() instanceof String s ? s : d.asset().osName();
        return Remediation.platformsOfAsset(d.asset().kind(), d.asset().osFamily(), hint);
    }
}
