package jp.akashi.collector.evaluate;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;

/**
 * The receivers of degradation notifications ({@code akashi.notify.*}: lists of http(s) URLs, a YAML list
 * or comma-separated); how they are delivered is {@link NotifyProperties}. The defaults are here and only
 * here (docs/CONFIGURATION.md). An entry that is not http(s) stops the start ({@link Notifier}).
 *
 * @param webhooks      generic JSON event receivers
 * @param teamsWebhooks Microsoft Teams Workflows webhooks (an Adaptive Card)
 * @param slackWebhooks Slack incoming webhooks (Block Kit)
 */
@ConfigurationProperties("akashi.notify")
public record NotifyReceivers(
        @Bindable(defaultValue = "") List<String> webhooks,
        @Bindable(defaultValue = "") List<String> teamsWebhooks,
        @Bindable(defaultValue = "") List<String> slackWebhooks) {
    public NotifyReceivers {
        webhooks = webhooks == null ? List.of() : webhooks.stream().filter(u -> u != null && !u.isBlank()).map(String::strip).toList();
        teamsWebhooks = teamsWebhooks == null ? List.of() : teamsWebhooks.stream().filter(u -> u != null && !u.isBlank()).map(String::strip).toList();
        slackWebhooks = slackWebhooks == null ? List.of() : slackWebhooks.stream().filter(u -> u != null && !u.isBlank()).map(String::strip).toList();
    }

    @Override
    public String toString() {
        return "NotifyReceivers[" + webhooks.size() + " webhooks, " + teamsWebhooks.size() + " Teams, " + slackWebhooks.size() + " Slack]";
    }
}
