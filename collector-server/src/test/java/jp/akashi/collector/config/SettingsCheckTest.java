package jp.akashi.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;

/** A setting of a configuration record that cannot be read stops the start with its key, never falls back to the default. */
class SettingsCheckTest {
    @Test
    void anUnreadableSettingStopsTheStartNamingTheKey() {
        for (Map.Entry<String, Object> bad : Map.<String, Object>of("akashi.targets.parallelism", "four",
                "akashi.ingest.max-clock-skew", "soon", "akashi.evaluation.batch-delay", "-PT").entrySet()) {
            Throwable t = catchThrowable(() -> new TestCollector(Map.of(), Map.of(bad.getKey(), bad.getValue())).close());
            assertThat(t).as(bad.getKey()).isNotNull();
            StringBuilder all = new StringBuilder();
            for (Throwable c = t; c != null; c = c.getCause()) {
                all.append(c.getMessage()).append('\n');
            }
            assertThat(all.toString()).as(bad.getKey()).contains(bad.getKey()).contains(String.valueOf(bad.getValue()));
        }
    }
}
