package jp.akashi.collector.evaluate;

import java.util.List;
import java.util.Map;

/**
 * A framework version's score for one application type (安全・安心マーク: new or renewal; others: "default").
 *
 * @param status  METI: reached / not_reached / undetermined for the top level asked; Kubota:
 *                met / not_met / undetermined for 必須; 安全・安心マーク: pass / fail / undetermined
 * @param summary one line for dashboards
 * @param parts   the figures and lists behind it (levels, 必須/任意, points, missing criteria)
 */
public record Score(String framework, String version, String application, String status, Text summary,
                    Map<String, Object> parts, List<Text> notes) {
}
