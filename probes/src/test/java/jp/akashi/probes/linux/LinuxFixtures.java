package jp.akashi.probes.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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

    /**
     * A host whose files are the tree under {@code fixtures/linux/<dir>}: {@code auth/rhel-9/etc/login.defs}
     * becomes {@code /etc/login.defs}.
     */
    public static FixtureHost tree(String dir) {
        return addTree(new FixtureHost(), dir);
    }

    /** Adds the files of {@code fixtures/linux/<dir>} to {@code host} at their absolute paths. */
    public static FixtureHost addTree(FixtureHost host, String dir) {
        URL url = LinuxFixtures.class.getResource("/fixtures/linux/" + dir);
        if (url == null) {
            throw new IllegalArgumentException("fixture tree not found: " + dir);
        }
        try {
            Path root = Path.of(url.toURI());
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                    String abs = "/" + root.relativize(p).toString().replace('\\', '/');
                    host.file(abs, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return host;
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
