package jp.akashi.collector.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import jp.akashi.collector.testing.Reports;
import jp.akashi.collector.testing.TestCollector;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.snapshot.SnapshotKeys;

/** Helpers for the snapshot and export tests: binary downloads, uploads, a small seeded state, ZIP surgery. */
final class SnapshotTesting {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SnapshotTesting() {
    }

    record Bytes(int status, byte[] body, HttpResponse<byte[]> raw) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    static Bytes get(TestCollector c, String path, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(c.uri(path)).timeout(Duration.ofSeconds(120)).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Bytes(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static TestCollector.Response upload(TestCollector c, String bearer, String filename, byte[] content) {
        return c.uploadAttachment(bearer, filename, content);
    }

    /** Two hosts reporting, an evidence file on an answer, an exception: a state with every kind of content. */
    static void seed(TestCollector c, String admin) throws IOException {
        String[] a1 = c.enrollAgent();
        String[] a2 = c.enrollAgent();
        assertThat(c.postJson("/api/v1/reports", a1[1], Reports.host(a1[0], "snap-web-1", "snap-web-1", Reports.linuxPolicyFacts("snap-web-1", true))).status())
                .isEqualTo(201);
        assertThat(c.postJson("/api/v1/reports", a2[1], Reports.host(a2[0], "snap-db-1", "snap-db-1", Reports.linuxPolicyFacts("snap-db-1", false))).status())
                .isEqualTo(201);
        byte[] pdf = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n% セキュリティポリシー 第3版\n%%EOF\n".getBytes(StandardCharsets.UTF_8);
        TestCollector.Response up = upload(c, admin, "セキュリティ ポリシー.pdf", pdf);
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        TestCollector.Response ans = c.postJson("/api/v1/criteria/jaipa-isp:1-1-1/answers", admin, Map.of("status", "met",
                "comment", "第3版を 2026-10 に取締役会で承認 <script>alert(1)</script>",
                "attachments", List.of(Map.of("sha256", up.json().get("sha256").asText(), "filename", "セキュリティ ポリシー.pdf"))));
        assertThat(ans.status()).as(ans.body()).isEqualTo(201);
        assertThat(c.postJson("/api/v1/criteria/kubota:1/answers", admin, Map.of("status", "met", "comment", "方針書あり")).status()).isEqualTo(201);
        assertThat(c.postJson("/api/v1/criteria/kubota:2/answers", admin, Map.of("status", "not_met")).status()).isEqualTo(201);
        TestCollector.Response ex = c.approvedException(admin, Map.of("targetType", "criterion", "targetId", "kubota:137",
                "justification", "閉域網の制御装置のため定義ファイルは月次で手動更新",
                "expiresAt", java.time.LocalDate.now().plusMonths(3).toString()));
        assertThat(ex.status()).as(ex.body()).isEqualTo(201);
        c.awaitEvaluation();
    }

    static PublicKey publicKey(TestCollector c) throws Exception {
        Bytes pem = get(c, "/api/v1/snapshots/public-key", null);
        assertThat(pem.status()).isEqualTo(200);
        return SnapshotKeys.readPublicKeyPem(pem.text());
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> all = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                all.put(e.getName(), in.readAllBytes());
            }
        }
        return all;
    }

    /** Writes a copy of a snapshot with one member's bytes changed. */
    static Path withChanged(Path dir, byte[] zip, String member, UnaryOperator<byte[]> change) throws IOException {
        Map<String, byte[]> all = unzip(zip);
        assertThat(all).containsKey(member);
        all.put(member, change.apply(all.get(member)));
        Path out = Files.createTempFile(dir, "tampered-", ".zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(out), StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> e : all.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out;
    }

    static byte[] flipOneByte(byte[] b) {
        byte[] c = b.clone();
        c[c.length / 2] ^= 0x01;
        return c;
    }
}
