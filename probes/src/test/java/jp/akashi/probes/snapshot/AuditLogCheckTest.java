package jp.akashi.probes.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.util.Json;

/** The offline audit-log checks from member bytes: one log against its snapshot.json, and a later log against an earlier one. */
class AuditLogCheckTest {
    record E(long seq, long at, String actor, String action, String target, String details) {
    }

    static List<E> entries(int n) {
        List<E> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(new E(i, 1_796_000_000_000L + i, "user:admin", "auth.login", null, i % 2 == 0 ? "{\"n\":" + i + "}" : null));
        }
        return out;
    }

    /** The JSON lines as a snapshot holds them, hashes computed with the documented formula. */
    static byte[] log(List<E> entries) throws Exception {
        StringBuilder sb = new StringBuilder();
        String prev = AuditChainWalk.GENESIS;
        for (E e : entries) {
            String hash = AuditChainWalk.hash(prev, e.seq(), e.at(), e.actor(), e.action(), e.target(), e.details());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", e.seq());
            m.put("atEpochMs", e.at());
            m.put("actor", e.actor());
            m.put("action", e.action());
            m.put("target", e.target());
            m.put("details", e.details());
            m.put("prevHash", prev);
            m.put("hash", hash);
            sb.append(Json.mapper().writeValueAsString(m)).append('\n');
            prev = hash;
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] meta(byte[] log, boolean verified) throws Exception {
        String[] lines = new String(log, StandardCharsets.UTF_8).split("\n");
        var last = Json.mapper().readTree(lines[lines.length - 1]);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("headSeq", last.get("seq").asLong());
        a.put("headHash", last.get("hash").asText());
        a.put("chainVerified", verified);
        a.put("message", verified ? null : "rewritten since snapshot 1: entry seq 5 no longer has the hash that snapshot recorded");
        return Json.mapper().writeValueAsBytes(Map.of("auditLog", a));
    }

    record Checked(AuditLogCheck.Summary summary, List<String> problems, List<String> notes) {
    }

    static Checked check(byte[] log, byte[] meta) {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        return new Checked(AuditLogCheck.check(log, meta, problems, notes), problems, notes);
    }

    @Test
    void anIntactLogThatExtendsTheEarlierOnePasses() throws Exception {
        byte[] earlier = log(entries(5));
        byte[] later = log(entries(9));
        Checked e = check(earlier, meta(earlier, true));
        Checked l = check(later, meta(later, true));
        assertThat(e.problems()).isEmpty();
        assertThat(l.problems()).isEmpty();
        assertThat(l.notes()).anyMatch(n -> n.startsWith("audit log: 9 entries, hash chain recomputed, head seq 9"));
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        AuditLogCheck.checkExtends(l.summary(), e.summary(), "earlier.zip", problems, notes);
        assertThat(problems).isEmpty();
        assertThat(notes).containsExactly("audit log extends the one of earlier.zip (same hashes up to its head seq 5)");
    }

    @Test
    void aRewrittenAndRecomputedOrCutLaterLogDoesNotExtend() throws Exception {
        byte[] earlier = log(entries(6));
        List<E> rewritten = entries(9);
        rewritten.set(2, new E(3, rewritten.get(2).at(), "user:someone-else", "auth.login", null, null));
        byte[] later = log(rewritten);
        Checked l = check(later, meta(later, true));
        assertThat(l.problems()).as("consistent in itself").isEmpty();
        List<String> problems = new ArrayList<>();
        AuditLogCheck.checkExtends(l.summary(), check(earlier, meta(earlier, true)).summary(), "earlier.zip", problems, new ArrayList<>());
        assertThat(problems).singleElement().asString().startsWith("data/audit-log.jsonl does not extend the audit log of earlier.zip: seq 3 differs")
                .contains("signed head seq 6 no longer matches");

        byte[] cut = log(entries(4));
        List<String> cutProblems = new ArrayList<>();
        AuditLogCheck.checkExtends(check(cut, meta(cut, true)).summary(), check(earlier, meta(earlier, true)).summary(), "earlier.zip",
                cutProblems, new ArrayList<>());
        assertThat(cutProblems).singleElement().asString().contains("it ends at seq 4, the earlier snapshot's signed head is seq 6 (entries removed)");
    }

    @Test
    void aBrokenChainOrABreakTheCollectorRecordedIsAProblem() throws Exception {
        byte[] log = log(entries(6));
        String text = new String(log, StandardCharsets.UTF_8).replace("\"seq\":4,\"atEpochMs\":1796000000004,\"actor\":\"user:admin\"",
                "\"seq\":4,\"atEpochMs\":1796000000004,\"actor\":\"user:mallory\"");
        byte[] edited = text.getBytes(StandardCharsets.UTF_8);
        assertThat(edited).isNotEqualTo(log);
        Checked c = check(edited, meta(log, true));
        assertThat(c.problems()).containsExactly("data/audit-log.jsonl: hash chain broken at seq 4 (entry does not match its hash)");

        Checked recorded = check(log, meta(log, false));
        assertThat(recorded.problems()).singleElement().asString()
                .startsWith("audit log: the collector found its audit chain broken when it made this snapshot: rewritten since snapshot 1");

        Checked mismatch = check(log(entries(5)), meta(log, true));
        assertThat(mismatch.problems()).singleElement().asString().startsWith("data/audit-log.jsonl: ends at seq 5");
    }

    @Test
    void aRepairEntryAcceptsExactlyTheBreaksItLists() throws Exception {
        List<E> es = entries(5);
        byte[] genuine = log(es);
        // entry 2 edited in place (its stored hash kept), then a repair at seq 6 accepting it as it is now
        E edited = new E(2, es.get(1).at(), "user:mallory", "auth.login", null, es.get(1).details());
        String[] lines = new String(genuine, StandardCharsets.UTF_8).split("\n");
        var two = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(lines[1]);
        two.put("actor", "user:mallory");
        lines[1] = Json.mapper().writeValueAsString(two);
        String recomputed = AuditChainWalk.hash(two.get("prevHash").asText(), 2, edited.at(), edited.actor(), edited.action(), null, edited.details());
        String details = Json.mapper().writeValueAsString(Map.of("reason", "entry_changed", "message", "entry seq 2 changed",
                "accepted", List.of(Map.of("seq", 2, "hash", recomputed, "stored", two.get("hash").asText()))));
        var last = Json.mapper().readTree(lines[4]);
        String repairHash = AuditChainWalk.hash(last.get("hash").asText(), 6, 1_796_000_000_006L, "user:admin", AuditChainWalk.REPAIR_ACTION, null, details);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("seq", 6);
        r.put("atEpochMs", 1_796_000_000_006L);
        r.put("actor", "user:admin");
        r.put("action", AuditChainWalk.REPAIR_ACTION);
        r.put("target", null);
        r.put("details", details);
        r.put("prevHash", last.get("hash").asText());
        r.put("hash", repairHash);
        byte[] repaired = (String.join("\n", lines) + "\n" + Json.mapper().writeValueAsString(r) + "\n").getBytes(StandardCharsets.UTF_8);
        Checked c = check(repaired, meta(repaired, true));
        assertThat(c.problems()).isEmpty();
        assertThat(c.notes()).anyMatch(n -> n.startsWith("audit log: repaired at seq 6 by user:admin (1 break(s) accepted): entry seq 2 changed"));

        // any other change is still a break
        byte[] again = new String(repaired, StandardCharsets.UTF_8).replace("\"seq\":3,\"atEpochMs\":1796000000003,\"actor\":\"user:admin\"",
                "\"seq\":3,\"atEpochMs\":1796000000003,\"actor\":\"user:eve\"").getBytes(StandardCharsets.UTF_8);
        assertThat(check(again, meta(repaired, true)).problems()).containsExactly("data/audit-log.jsonl: hash chain broken at seq 3 (entry does not match its hash)");
    }
}
