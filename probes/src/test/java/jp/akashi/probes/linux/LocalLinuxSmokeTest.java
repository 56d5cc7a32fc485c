package jp.akashi.probes.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.HostProbes;
import jp.akashi.probes.api.FactRegistry;
import jp.akashi.probes.api.Probe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.api.ProbeRunner;
import jp.akashi.probes.host.LocalHostAccess;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.util.Json;

/**
 * Every Linux probe against the machine the build runs on (a Debian 12 host, as root, in CI):
 * each declared key is reported, ok values have their registered types after a JSON round trip,
 * and facts this machine certainly has are ok.
 */
class LocalLinuxSmokeTest {

    @Test
    void allLinuxProbesOnThisMachine() throws Exception {
        assumeTrue(HostProbes.localOsFamily().equals(ProbeContext.LINUX), "Linux only");
        List<Probe> linux = HostProbes.all().stream().filter(p -> p.id().startsWith("linux.")).toList();
        try (LocalHostAccess host = new LocalHostAccess()) {
            ProbeContext ctx = new ProbeContext(host, Clock.systemUTC(), ProbeContext.LINUX, Map.of());
            Map<String, Long> millis = new LinkedHashMap<>();
            long[] start = {System.nanoTime()};
            String[] current = {null};
            long begin = System.nanoTime();
            List<Fact> facts = new ProbeRunner(linux).run(ctx, (probe, i, n) -> {
                long now = System.nanoTime();
                if (current[0] != null) {
                    millis.put(current[0], (now - start[0]) / 1_000_000);
                }
                current[0] = probe.id();
                start[0] = now;
            });
            long end = System.nanoTime();
            millis.put(current[0], (end - start[0]) / 1_000_000);
            System.out.println("Linux collection: " + (end - begin) / 1_000_000 + " ms " + millis);

            // what a report carries: decode the JSON again before checking types
            String json = Json.mapper().writeValueAsString(facts);
            List<Map<String, Object>> decoded = Json.mapper().readValue(json,
                    Json.mapper().getTypeFactory().constructCollectionType(List.class, Map.class));
            Map<String, Map<String, Object>> byKey = decoded.stream()
                    .collect(Collectors.toMap(m -> (String) m.get("key"), m -> m, (a, b) -> b, LinkedHashMap::new));

            List<String> declared = new ArrayList<>();
            linux.forEach(p -> declared.addAll(p.keys()));
            assertThat(byKey.keySet()).containsAll(declared);
            FactRegistry reg = FactRegistry.get();
            for (Map<String, Object> f : decoded) {
                String key = (String) f.get("key");
                if ("ok".equals(f.get("status"))) {
                    assertThat(reg.typeMatches(key, f.get("value"))).as(key + " = " + f.get("value")).isTrue();
                } else {
                    assertThat(f.get("value")).as(key).isNull();
                    assertThat((String) f.get("message")).as(key + " message").isNotBlank()
                            .as("%s is declared by its probe, which must record it itself", key)
                            .doesNotContain("did not report this fact").doesNotContain("failed: java");
                    System.out.println("  " + f.get("status") + " " + key + ": " + f.get("message"));
                }
            }
            assertThat(byKey.get("os.family")).containsEntry("status", "ok").containsEntry("value", "linux");
            assertThat(byKey.get("os.distribution")).containsEntry("value", "debian");
            assertThat(byKey.get("patch.manager")).containsEntry("status", "ok").containsEntry("value", "apt");
            assertThat(byKey.get("patch.installed_count")).containsEntry("status", "ok");
            assertThat(byKey.get("net.listening")).containsEntry("status", "ok");
            assertThat(byKey.get("net.listening").get("value")).isInstanceOf(List.class);
            assertThat(byKey.get("account.uid0")).containsEntry("status", "ok");
            assertThat(String.valueOf(byKey.get("account.uid0").get("value"))).contains("root");
            assertThat(byKey.get("auth.password.max_age_days")).containsEntry("status", "ok");
            assertThat(byKey.get("software.installed")).containsEntry("status", "ok");
            if (host.privileged()) {
                assertThat(byKey.get("account.builtin_admin_enabled")).containsEntry("status", "ok");
                assertThat(byKey.get("account.empty_password")).containsEntry("status", "ok");
            }
        }
    }
}
