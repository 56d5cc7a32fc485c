package jp.akashi.probes.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.HostProbes;
import jp.akashi.probes.api.FactRegistry;
import jp.akashi.probes.api.Probe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.testing.FixtureHost;
import jp.akashi.probes.util.Json;

/** A whole Windows report built from fixtures, as an agent on that host would send it. */
class WindowsReportTest {

    @Test
    void everyWindowsKeyIsReportedWithItsRegisteredTypeAndSurvivesTheWire() throws Exception {
        for (FixtureHost host : List.of(WindowsFixtureHosts.japaneseWin11(), WindowsFixtureHosts.englishServer2022(),
                WindowsFixtureHosts.japaneseWin10Unelevated())) {
            Report r = WindowsFixtureHosts.report(host);
            Map<String, Fact> f = r.facts().stream().collect(Collectors.toMap(Fact::key, x -> x));
            List<String> declared = HostProbes.all().stream().filter(p -> p.id().startsWith("windows."))
                    .flatMap(p -> p.keys().stream()).toList();
            assertThat(f.keySet()).containsAll(declared);
            assertThat(f.keySet()).noneMatch(k -> k.startsWith("os.distribution"));
            FactRegistry reg = FactRegistry.get();
            for (Fact x : r.facts()) {
                assertThat(reg.contains(x.key())).as(x.key()).isTrue();
                if (x.ok()) {
                    assertThat(reg.typeMatches(x.key(), x.value())).as(x.key() + " = " + x.value()).isTrue();
                    assertThat(x.evidence() == null || x.evidence().excerpt().length() <= 4096).isTrue();
                } else {
                    assertThat(x.message()).as(x.key()).isNotBlank();
                }
            }
            // (read back as a tree: Evidence's omitted default "truncated" does not bind to the record yet)
            var back = Json.mapper().readTree(Json.mapper().writeValueAsString(r));
            assertThat(back.path("facts")).hasSameSizeAs(r.facts());
            assertThat(back.path("asset").path("osFamily").asText()).isEqualTo("windows");
        }
    }

    @Test
    void japaneseWindows11ReportIsMostlyObservedValues() {
        Report r = WindowsFixtureHosts.report(WindowsFixtureHosts.japaneseWin11());
        assertThat(r.asset().hostname()).isEqualTo("PC-SOUMU-014");
        assertThat(r.asset().machineId()).isEqualTo("7d1c4a52-0f3e-4b8e-9a61-2f5c9d3e8b17");
        List<String> notOk = r.facts().stream().filter(x -> !x.ok()).map(Fact::key).toList();
        // only what Windows cannot tell: empty passwords; the domain-joined PC has no other gaps
        assertThat(notOk).containsExactly("account.empty_password");
    }

    @Test
    void windowsProbesStayOffOtherPlatforms() {
        for (Probe p : HostProbes.all()) {
            if (p.id().startsWith("windows.")) {
                assertThat(p.appliesTo(new ProbeContext(new FixtureHost(), jp.akashi.probes.testing.ProbeTesting.CLOCK, ProbeContext.LINUX, Map.of())))
                        .as(p.id()).isFalse();
            }
        }
    }
}
