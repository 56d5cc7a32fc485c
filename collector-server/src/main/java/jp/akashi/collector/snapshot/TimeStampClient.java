package jp.akashi.collector.snapshot;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;

import jp.akashi.probes.util.Hashes;

/**
 * Asks an RFC 3161 time-stamp authority ({@code akashi.snapshots.tsa-url}) to stamp a manifest's
 * SHA-256 (with a random nonce and the authority's certificate requested into the token), and
 * accepts the answer only when it is granted and is the stamp of exactly that request (BouncyCastle
 * checks the imprint, nonce and the signer certificate's time-stamping usage). The authority's
 * trust is the auditor's to decide offline; here a wrong or foreign answer just leaves the
 * snapshot pending.
 */
@Singleton
public class TimeStampClient {
    static final int MAX_RESPONSE = 256 * 1024;
    private final String url;
    private final Duration timeout;
    private final HttpClient http;
    private final SecureRandom random = new SecureRandom();

    public TimeStampClient(SnapshotsProperties settings) {
        String url = settings.tsaUrl();
        Duration timeout = settings.tsaTimeout();
        this.url = url == null || url.isBlank() ? null : url.strip();
        if (this.url != null) {
            URI u = URI.create(this.url);
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException("akashi.snapshots.tsa-url must be an http(s) URL: " + this.url);
            }
        }
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public boolean configured() {
        return url != null;
    }

    public String url() {
        return url;
    }

    /** A granted stamp: the DER TimeStampResp (what manifest.tsr holds) and the stamped time. */
    public record Stamp(byte[] response, Instant time) {
    }

    /** Stamps the SHA-256 of {@code manifest}; throws with the reason when the authority does not give a valid stamp. */
    public Stamp stamp(byte[] manifest) throws IOException {
        if (url == null) {
            throw new IllegalStateException("no time-stamp authority configured");
        }
        TimeStampRequestGenerator g = new TimeStampRequestGenerator();
        g.setCertReq(true);
        TimeStampRequest req = g.generate(TSPAlgorithms.SHA256, Hashes.sha256(manifest), new BigInteger(64, random));
        HttpResponse<byte[]> r;
        try {
            r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Content-Type", "application/timestamp-query")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(req.getEncoded())).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (r.statusCode() != 200) {
            throw new IOException("the time-stamp authority answered HTTP " + r.statusCode());
        }
        if (r.body().length > MAX_RESPONSE) {
            throw new IOException("the time-stamp authority's answer is larger than " + MAX_RESPONSE + " bytes");
        }
        try {
            TimeStampResponse resp = new TimeStampResponse(r.body());
            resp.validate(req);
            if (resp.getTimeStampToken() == null) {
                throw new IOException("the time-stamp authority refused: status " + resp.getStatus() + " " + resp.getStatusString());
            }
            return new Stamp(r.body(), resp.getTimeStampToken().getTimeStampInfo().getGenTime().toInstant());
        } catch (TSPException | IllegalArgumentException | ClassCastException e) {
            throw new IOException("not a valid time stamp of this snapshot: " + e.getMessage(), e);
        }
    }
}
