package jp.akashi.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.model.AssetIdentity;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.model.Report;

class CompactFactsTest {
    static final Instant T = Instant.parse("2026-11-20T00:00:00Z");

    static List<Fact> facts(Instant at, long uptime) {
        return new ArrayList<>(List.of(
                new Fact("os.hostname", FactStatus.OK, "ホスト-01", null, at, "linux.os", Evidence.of("file:/etc/hostname", "ホスト-01")),
                new Fact("os.uptime_seconds", FactStatus.OK, uptime, null, at, "linux.os", Evidence.of("file:/proc/uptime", uptime + " 0")),
                new Fact("net.listening", FactStatus.OK, List.of(Map.of("port", 22, "proto", "tcp", "address", "0.0.0.0"),
                        Map.of("proto", "udp", "port", 123)), null, at, "linux.net", null),
                new Fact("auth.lockout.threshold", FactStatus.ERROR, null, "permission denied", at, "linux.auth", null),
                new Fact("patch.pending_count", FactStatus.OK, 3, null, at, "linux.patch", null)));
    }

    static Report report(List<Fact> facts) {
        return new Report(Report.SCHEMA_VERSION, UUID.randomUUID(), "agent-1", "test", Report.SOURCE_AGENT,
                new AssetIdentity(AssetIdentity.KIND_HOST, "ホスト-01", "m-1", null, null, null, "linux"), T, T.plusSeconds(1), facts);
    }

    static String hash(List<Fact> facts) {
        return CompactFacts.encode(report(facts)).contentHash();
    }

    @Test
    void theCompactFormDecodesToTheSameValuesAsTheReport() {
        List<Fact> facts = facts(T, 100);
        Map<String, CompactFacts.Value> decoded = CompactFacts.decode(CompactFacts.encode(report(facts)).compact());
        assertThat(decoded).isEqualTo(CompactFacts.values(facts));
        assertThat(decoded.get("patch.pending_count").value()).isEqualTo(3L);
        assertThat(decoded.get("os.hostname").value()).isEqualTo("ホスト-01");
        assertThat(decoded.get("auth.lockout.threshold").ok()).isFalse();
        assertThat(decoded.get("auth.lockout.threshold").message()).isEqualTo("permission denied");
        assertThat(decoded.get("os.uptime_seconds").collectedAt()).isEqualTo(T.toEpochMilli());
    }

    @Test
    void theContentHashIsStableAcrossVersions() {
        // pinned: stored bodies and asset states are keyed by it, so a change would make every
        // asset's next report look new
        assertThat(hash(facts(T, 100))).isEqualTo("ac2b1885e94578604e72f0c2141d4a7c8c14efcd0d21289596898489a9779c3a");
    }

    @Test
    void orderTimesAndVolatileValuesAreNotAChangeOfContent() {
        String base = hash(facts(T, 100));
        List<Fact> shuffled = facts(T.plusSeconds(3600), 3700);
        Collections.reverse(shuffled);
        assertThat(hash(shuffled)).isEqualTo(base);
    }

    @Test
    void valuesMessagesEvidenceAndIdentityAre() {
        String base = hash(facts(T, 100));
        List<Fact> value = facts(T, 100);
        value.set(4, new Fact("patch.pending_count", FactStatus.OK, 4, null, T, "linux.patch", null));
        List<Fact> message = facts(T, 100);
        message.set(3, new Fact("auth.lockout.threshold", FactStatus.ERROR, null, "no such file", T, "linux.auth", null));
        List<Fact> evidence = facts(T, 100);
        evidence.set(0, new Fact("os.hostname", FactStatus.OK, "ホスト-01", null, T, "linux.os", Evidence.of("file:/etc/hostname", "ホスト-02")));
        List<Fact> nested = facts(T, 100);
        nested.set(2, new Fact("net.listening", FactStatus.OK, List.of(Map.of("port", 2222, "proto", "tcp", "address", "0.0.0.0")),
                null, T, "linux.net", null));
        assertThat(List.of(hash(value), hash(message), hash(evidence), hash(nested))).doesNotContain(base).doesNotHaveDuplicates();
        Report other = new Report(Report.SCHEMA_VERSION, UUID.randomUUID(), "agent-1", "test", Report.SOURCE_AGENT,
                new AssetIdentity(AssetIdentity.KIND_HOST, "ホスト-02", "m-1", null, null, null, "linux"), T, T, facts(T, 100));
        assertThat(CompactFacts.encode(other).contentHash()).isNotEqualTo(base);
    }

    @Test
    void theSoleSourceViewIsTheMergedViewOfThatOneSource() {
        // written in encode's pass for a one-source asset instead of merging and encoding again:
        // it must say exactly what the merge would (values, times, messages, codes, report, source)
        List<Fact> facts = facts(T, 100);
        facts.add(new Fact("auth.password.min_length", FactStatus.UNSUPPORTED, null, "not on this edition", T.plusSeconds(2),
                "windows.auth", null, new jp.akashi.probes.model.MessageCode("probe.unsupported", List.of("エディション", "Home"))));
        facts.add(new Fact("disk.encryption", FactStatus.OK, Map.of("c", Map.of("on", true, "method", "XTS-AES 128"), "d", List.of()),
                null, T, "windows.disk", null));
        facts.add(new Fact("a.first", FactStatus.OK, 2.5, null, T, null, null));
        Collections.shuffle(facts, new java.util.Random(7));
        Report r = report(facts);
        String key = "agent:" + UUID.randomUUID();
        CompactFacts.Encoded e = CompactFacts.encode(r, key);
        Map<String, CompactFacts.Value> merged = FactMerge.merge(List.of(
                new FactMerge.SourceFacts(key, r.reportId().toString(), CompactFacts.values(facts))));
        assertThat(CompactFacts.decode(e.sole())).isEqualTo(CompactFacts.decode(CompactFacts.encodeValues(merged))).isEqualTo(merged);
        assertThat(List.copyOf(CompactFacts.decode(e.sole()).keySet())).isEqualTo(List.copyOf(merged.keySet()));
        assertThat(CompactFacts.decode(e.sole()).get("os.hostname").source()).isEqualTo(key);
        assertThat(CompactFacts.decode(e.sole()).get("os.hostname").reportId()).isEqualTo(r.reportId().toString());
        // the same pass gives the same compact form and hash as without it
        assertThat(e.compact()).isEqualTo(CompactFacts.encode(r).compact());
        assertThat(e.contentHash()).isEqualTo(CompactFacts.encode(r).contentHash());
        assertThat(CompactFacts.encode(r).sole()).isNull();
        // a source key is written as JSON text, escaped, like every other string
        String odd = "target:t-1:認証\"x\\y";
        assertThat(CompactFacts.decode(CompactFacts.encode(r, odd).sole()).get("a.first").source()).isEqualTo(odd);
    }
}
