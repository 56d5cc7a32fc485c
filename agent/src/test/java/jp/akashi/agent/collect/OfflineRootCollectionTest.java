package jp.akashi.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import jp.akashi.probes.api.FactRegistry;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.ImageHostAccess;
import jp.akashi.probes.host.LocalHostAccess;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;

/**
 * The class-level guard for offline collection: this machine's own root, read as an image, must
 * never contradict the same machine collected live. Every fact the image run could read has the
 * live run's value; every fact it could not read is unsupported with the reason, never an error
 * of the host and never a value made up from the absence of a running system.
 */
@EnabledOnOs(OS.LINUX)
class OfflineRootCollectionTest {

    @Test
    void anImageOfThisMachineNeverContradictsItsLiveCollection() throws Exception {
        Map<String, Fact> live = collect(new LocalHostAccess());
        Map<String, Fact> image = collect(new ImageHostAccess(Path.of("/")));
        FactRegistry registry = FactRegistry.get();
        List<String> contradictions = new ArrayList<>();
        for (Fact f : image.values()) {
            Fact l = live.get(f.key());
            if (f.status() == FactStatus.OK && !registry.isVolatile(f.key()) && l != null && l.status() == FactStatus.OK
                    && !f.value().equals(l.value())) {
                contradictions.add(f.key() + ": image " + f.value() + " vs live " + l.value());
            }
            if (f.status() == FactStatus.OK && l != null && l.status() != FactStatus.OK) {
                contradictions.add(f.key() + ": image says " + f.value() + " where live could not tell (" + l.message() + ")");
            }
            if (f.status() == FactStatus.UNSUPPORTED && l != null && l.status() != FactStatus.UNSUPPORTED) {
                assertThat(f.message()).as(f.key()).isNotBlank();
            }
        }
        assertThat(contradictions).isEmpty();
        // not vacuous: what files hold is read from the image
        assertThat(image.values().stream().filter(f -> f.status() == FactStatus.OK).map(Fact::key))
                .contains("os.name", "os.version", "os.machine_id", "os.hostname", "account.uid0", "account.empty_password");
        assertThat(image.values().stream().filter(f -> f.status() == FactStatus.ERROR)
                .filter(f -> f.message() != null && f.message().contains(ImageHostAccess.OFFLINE)).map(Fact::key))
                .as("errors caused by the offline root are unsupported instead").isEmpty();
        assertThat(image.get("os.hostname").value()).isEqualTo(live.get("os.hostname").value());
    }

    private static Map<String, Fact> collect(jp.akashi.probes.host.HostAccess host) {
        return new ReportBuilder(host, Clock.systemUTC(), "test")
                .collect(ProbeContext.LINUX, null, 0, Map.of(), (p, i, n) -> { })
                .facts().stream().collect(Collectors.toMap(Fact::key, Function.identity(), (a, b) -> a));
    }
}
