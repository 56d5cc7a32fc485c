package jp.akashi.probes.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * A real RFC 3161 time-stamp authority for tests: its own key and certificate (extended key
 * usage time stamping, critical), Bouncy Castle's {@link TimeStampTokenGenerator}, served over
 * HTTP on loopback ({@code application/timestamp-query} in, {@code application/timestamp-reply}
 * out). It can also answer 503 (an authority that is down), or stamp another hash than asked.
 */
public final class LocalTimeStampAuthority implements AutoCloseable {
    static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.3161.1");
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final KeyPair keys;
    private final X509Certificate certificate;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean down;
    private volatile boolean otherHash;
    private HttpServer server;

    public LocalTimeStampAuthority(String name) throws GeneralSecurityException {
        this.keys = TestCertificates.ec256();
        this.certificate = certificate("CN=" + name + ",O=Akashi test TSA", keys);
    }

    private static X509Certificate certificate(String dn, KeyPair keys) throws GeneralSecurityException {
        try {
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(dn), BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), new X500Name(dn), keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            b.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        } catch (org.bouncycastle.operator.OperatorCreationException | IOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    public LocalTimeStampAuthority start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/tsa", ex -> {
            requests.incrementAndGet();
            try (InputStream in = ex.getRequestBody(); OutputStream out = ex.getResponseBody()) {
                byte[] body = in.readAllBytes();
                if (down) {
                    ex.sendResponseHeaders(503, -1);
                    return;
                }
                if (!"POST".equals(ex.getRequestMethod())
                        || !"application/timestamp-query".equals(ex.getRequestHeaders().getFirst("Content-Type"))) {
                    ex.sendResponseHeaders(400, -1);
                    return;
                }
                byte[] reply;
                try {
                    reply = respond(new TimeStampRequest(body));
                } catch (Exception e) {
                    ex.sendResponseHeaders(400, -1);
                    return;
                }
                ex.getResponseHeaders().set("Content-Type", "application/timestamp-reply");
                ex.sendResponseHeaders(200, reply.length);
                out.write(reply);
            }
        });
        server.start();
        return this;
    }

    /** The DER TimeStampResp for {@code request} (or for another hash, when told to). */
    public byte[] respond(TimeStampRequest request) throws Exception {
        TimeStampRequest stamped = request;
        if (otherHash) {
            byte[] other = MessageDigest.getInstance("SHA-256").digest("another document".getBytes(StandardCharsets.UTF_8));
            TimeStampRequestGenerator g = new TimeStampRequestGenerator();
            g.setCertReq(request.getCertReq());
            stamped = g.generate(TSPAlgorithms.SHA256, other, request.getNonce());
        }
        DigestCalculator sha256 = new JcaDigestCalculatorProviderBuilder().build()
                .get(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
        TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", keys.getPrivate(), certificate), sha256, POLICY);
        tokens.addCertificates(new JcaCertStore(java.util.List.of(certificate)));
        TimeStampResponseGenerator responses = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
        TimeStampResponse r = responses.generate(stamped, BigInteger.valueOf(SERIAL.incrementAndGet()), new Date());
        return r.getEncoded();
    }

    /** A stamp over {@code data}'s SHA-256, made without HTTP (for archives built in the test). */
    public byte[] stamp(byte[] data) throws Exception {
        TimeStampRequestGenerator g = new TimeStampRequestGenerator();
        g.setCertReq(true);
        return respond(g.generate(TSPAlgorithms.SHA256, MessageDigest.getInstance("SHA-256").digest(data),
                BigInteger.valueOf(SERIAL.incrementAndGet())));
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/tsa";
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public String certificatePem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** While down, every request gets 503. */
    public void down(boolean down) {
        this.down = down;
    }

    /** While set, the stamp is over another hash than the one asked for. */
    public void stampOtherHash(boolean other) {
        this.otherHash = other;
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
