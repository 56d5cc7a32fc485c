package jp.akashi.probes.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.testing.FixtureHost;

/** Fixture files under fixtures/linux/ and assertions shared by the Linux probe tests. */
public final class LinuxFixtures {
    private LinuxFixtures() {
    }

    /** The text of {@code fixtures/linux/<family>/<name>}. */
    public static String text(String family, String name) {
        return FixtureHost.resource("/fixtures/linux/" + family + "/" + name);
    }

    /** The value of a list-of-objects fact. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> objects(Map<String, Fact> facts, String key) {
        Fact f = facts.get(key);
        assertThat(f).as(key).isNotNull();
        assertThat(f.status()).as(key + " status (" + f.message() + ")").isEqualTo(FactStatus.OK);
        return (List<Map<String, Object>>) f.value();
    }

    /** The fact is ok and has {@code value}. */
    public static void assertOk(Map<String, Fact> facts, String key, Object value) {
        Fact f = facts.get(key);
        assertThat(f).as(key).isNotNull();
        assertThat(f.status()).as(key + " status (" + f.message() + ")").isEqualTo(FactStatus.OK);
        assertThat(f.value()).as(key).isEqualTo(value);
        assertThat(f.evidence()).as(key + " evidence").isNotNull();
        assertThat(f.evidence().sha256()).as(key + " evidence hash").hasSize(64);
    }

    /** The fact is not ok, has no value, and its message contains {@code words}. */
    public static void assertNotOk(Map<String, Fact> facts, String key, FactStatus status, String words) {
        Fact f = facts.get(key);
        assertThat(f).as(key).isNotNull();
        assertThat(f.status()).as(key + " status").isEqualTo(status);
        assertThat(f.value()).as(key).isNull();
        assertThat(f.message()).as(key + " message").contains(words);
    }
}
