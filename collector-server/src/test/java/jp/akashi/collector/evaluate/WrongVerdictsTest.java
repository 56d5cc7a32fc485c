package jp.akashi.collector.evaluate;

import static jp.akashi.collector.evaluate.EvalFixtures.facts;
import static jp.akashi.collector.evaluate.EvalFixtures.host;
import static jp.akashi.collector.evaluate.EvalFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Issue 14 §1: the classes of wrong verdicts seen on freshly built Debian 12 servers, each on the
 * facts that produced it.
 */
class WrongVerdictsTest {

    /** Weekly rotation keeping 4 files (28 days) passed on "present 336 days" from a year-less syslog date. */
    @Test
    void aConfiguredRetentionBelowTheLimitFailsWhateverThePresentLogsSay() {
        CheckResult r = run("log.auth_retention_6_months", host(facts().ok("os.family", "linux").ok("log.writer", "rsyslog")
                .ok("log.auth.retention_days", 28).ok("log.auth.oldest_age_days", 336).build()));
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.reason().ja()).contains("28 日").contains("336 日分");
        assertThat(r.reason().en()).contains("configured for 28 days");
    }

    /** A PASS reason never quotes a configured retention that would fail, over every combination. */
    @Test
    void aPassNeverQuotesAFailingConfiguredValue() {
        List<Object> retentions = new ArrayList<>(List.of(0, 28, 182, 183, 364, 365, 400));
        retentions.add(null);
        List<String> failures = new ArrayList<>();
        for (String check : List.of("log.auth_retention_6_months", "log.auth_retention_1_year")) {
            long limit = check.endsWith("6_months") ? 183 : 365;
            for (Object retention : retentions) {
                for (int present : new int[] {0, 100, 200, 400}) {
                    for (String writer : new String[] {"rsyslog", "journald", "none"}) {
                        EvalFixtures.Facts f = facts().ok("os.family", "linux").ok("log.writer", writer).ok("log.auth.oldest_age_days", present);
                        if (writer.equals("none")) {
                            // what the probe records when nothing writes the log (LinuxLogProbeTest)
                            f.error("log.auth.retention_days", "nothing executes the rotation settings of /var/log/auth.log");
                        } else if (retention == null) {
                            f.unsupported("log.auth.retention_days", "rotated by size");
                        } else {
                            f.ok("log.auth.retention_days", retention);
                        }
                        CheckResult r = run(check, host(f.build(), "confidential"));
                        if (r.status() == CheckStatus.PASS && retention != null && ((Integer) retention) < limit) {
                            failures.add(check + " PASS with configured " + retention + ": " + r.reason().en());
                        }
                        if (r.status() == CheckStatus.PASS && writer.equals("none")) {
                            failures.add(check + " PASS with no log writer: " + r.reason().en());
                        }
                        if (r.status() == CheckStatus.PASS && r.reason().en().matches(".*configured (for )?\\?.*")) {
                            failures.add(check + " PASS quoting an unknown configuration: " + r.reason().en());
                        }
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void logsPresentDecideOnlyWhenTheConfigurationHasNoDayCountAndAWriterRuns() {
        CheckResult bySize = run("log.auth_retention_6_months", host(facts().ok("os.family", "linux").ok("log.writer", "rsyslog")
                .unsupported("log.auth.retention_days", "rotated by size").ok("log.auth.oldest_age_days", 200).build()));
        assertThat(bySize.status()).isEqualTo(CheckStatus.PASS);
        assertThat(bySize.reason().en()).contains("present for 200 days").doesNotContain("configured for").doesNotContain("?");
        CheckResult nobody = run("log.auth_retention_6_months", host(facts().ok("os.family", "linux").ok("log.writer", "none")
                .error("log.auth.retention_days", "nothing executes the rotation settings of /var/log/auth.log")
                .ok("log.auth.oldest_age_days", 400).build()));
        assertThat(nobody.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(nobody.reason().en()).contains("nothing executes");
    }
}
