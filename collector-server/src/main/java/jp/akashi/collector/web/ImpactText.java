package jp.akashi.collector.web;

import java.util.ArrayList;
import java.util.List;

/** What fixing a check unblocks, in words: 「この修正で必須 3 件・★3 2 件が達成になります（+5点）」. */
final class ImpactText {
    private ImpactText() {
    }

    /** The sentence, or null when the fix turns no criterion met and gains no point. */
    static String of(int required, int star3, int points, String lang) {
        boolean en = "en".equals(lang);
        List<String> parts = new ArrayList<>();
        if (required > 0) {
            parts.add(en ? required + " required criteri" + (required == 1 ? "on" : "a") : "必須 " + required + " 件");
        }
        if (star3 > 0) {
            parts.add(en ? star3 + " ★3 criteri" + (star3 == 1 ? "on" : "a") : "★3 " + star3 + " 件");
        }
        if (parts.isEmpty() && points <= 0) {
            return null;
        }
        String gained = points > 0 ? (en ? " (+" + points + " points)" : "（+" + points + "点）") : "";
        if (parts.isEmpty()) {
            return en ? "Fixing this gains " + points + " points" : "この修正で " + points + " 点増えます";
        }
        return en ? "Fixing this meets " + String.join(" and ", parts) + gained
                : "この修正で" + String.join("・", parts) + "が達成になります" + gained;
    }
}
