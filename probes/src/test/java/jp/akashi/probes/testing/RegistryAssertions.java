package jp.akashi.probes.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;

import jp.akashi.probes.api.FactRegistry;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.util.Json;

/** Every fact a probe produced is a registered key, and its value has the registered type on the wire. */
public final class RegistryAssertions {
    private RegistryAssertions() {
    }

    public static void assertRegisteredAndTyped(List<Fact> facts) {
        FactRegistry reg = FactRegistry.get();
        for (Fact f : facts) {
            assertThat(reg.contains(f.key())).as("unregistered fact key " + f.key()).isTrue();
            if (f.ok()) {
                try {
                    Object wire = Json.mapper().readValue(Json.mapper().writeValueAsString(f.value()), Object.class);
                    assertThat(reg.typeMatches(f.key(), wire)).as(f.key() + " = " + wire + " is not a " + reg.entry(f.key()).type()).isTrue();
                } catch (JsonProcessingException e) {
                    throw new AssertionError("fact " + f.key() + " does not serialise: " + e.getMessage(), e);
                }
            }
        }
    }
}
