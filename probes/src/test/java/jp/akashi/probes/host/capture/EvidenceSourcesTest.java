package jp.akashi.probes.host.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.HostProbes;
import jp.akashi.probes.api.Probe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.api.ProbeRunner;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.host.LocalHostAccess;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.util.Hashes;

/**
 * Issue 14 §1 "evidence that does not match its source": for every fact of a real collection (this
 * machine, and every captured host), the evidence names a command that actually ran or a file that
 * was actually read (and exists), and its hash is the hash of the excerpt shown.
 */
class EvidenceSourcesTest {
    static final String EMPTY = Hashes.sha256Hex(new byte[0]);

    @Test
    void everyFactOfThisMachineCitesWhatItWasDerivedFrom() throws Exception {
        assumeTrue(HostProbes.localOsFamily().equals(ProbeContext.LINUX), "Linux only");
        List<Probe> linux = HostProbes.all().stream().filter(p -> p.id().startsWith("linux.")).toList();
        try (LocalHostAccess local = new LocalHostAccess()) {
            RecordingHostAccess rec = new RecordingHostAccess(local, Clock.systemUTC());
            List<Fact> facts = new ProbeRunner(linux).run(new ProbeContext(rec, Clock.systemUTC(), ProbeContext.LINUX, Map.of()));
            assertThat(problems(facts, rec.capture(ProbeContext.LINUX))).isEmpty();
        }
    }

    @Test
    void everyFactOfTheCapturedHostsCitesWhatItWasDerivedFrom() throws IOException {
        Path dir = Path.of("src/test/resources/fixtures/captures");
        List<Path> captures;
        try (Stream<Path> s = Files.list(dir)) {
            captures = s.filter(p -> p.getFileName().toString().matches(".*\\.json(\\.gz)?") && !p.toString().endsWith(".expected.json")).toList();
        }
        assertThat(captures).isNotEmpty();
        for (Path p : captures) {
            HostCapture c = HostCapture.read(p);
            RecordingHostAccess rec = new RecordingHostAccess(new ReplayHostAccess(c), Clock.fixed(c.capturedAt(), ZoneOffset.UTC));
            List<Fact> facts = new ProbeRunner(HostProbes.all()).run(
                    new ProbeContext(rec, Clock.fixed(c.capturedAt(), ZoneOffset.UTC), c.osFamily(), Map.of()));
            assertThat(problems(facts, rec.capture(c.osFamily()))).as(p.getFileName().toString()).isEmpty();
        }
    }

    /** What is wrong with the facts' evidence, given what the probes actually did on the host. */
    static List<String> problems(List<Fact> facts, HostCapture did) {
        Set<String> ran = new HashSet<>();
        did.commands().forEach(c -> ran.add(String.join(" ", c.argv())));
        Set<String> read = new HashSet<>();
        Set<String> absent = new HashSet<>();
        for (FileRead f : did.files()) {
            (f.ok() ? read : f.status() == FileRead.Status.NOT_FOUND ? absent : read).add(f.path());
        }
        Set<String> seen = new HashSet<>();
        did.stats().forEach(s -> (s.entry() != null ? seen : absent).add(s.path()));
        did.listings().forEach(l -> {
            l.entries().forEach(e -> seen.add(e.path()));
            // a listing cannot tell an empty directory from a missing one: the directory was looked at
            seen.add(l.dir());
        });
        List<String> out = new ArrayList<>();
        for (Fact f : facts) {
            Evidence e = f.evidence();
            if (e == null) {
                continue;
            }
            String hash = Hashes.sha256Hex(e.excerpt().getBytes(StandardCharsets.UTF_8));
            if (!hash.equals(e.sha256())) {
                out.add(f.key() + ": sha256 " + e.sha256() + " is not the hash of the excerpt shown"
                        + (EMPTY.equals(e.sha256()) ? " (the empty input's)" : ""));
            }
            String src = e.source();
            if (src.startsWith("cmd:")) {
                if (!ran.contains(src.substring(4))) {
                    out.add(f.key() + ": cites " + src + ", which never ran");
                }
            } else if (src.startsWith("file:") || src.startsWith("stat:")) {
                String path = src.substring(5);
                boolean exists = read.contains(path) || seen.contains(path);
                if (!exists) {
                    out.add(f.key() + ": cites " + src + (absent.contains(path) ? ", which does not exist" : ", which was never read"));
                }
            }
        }
        return out;
    }
}
