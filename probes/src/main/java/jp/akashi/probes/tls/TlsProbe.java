package jp.akashi.probes.tls;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.model.AssetIdentity;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.model.MessageCode;

/**
 * Inspects TLS services: which protocol versions complete a handshake (each tried alone), what a
 * default client negotiates, and the server certificate (subject, issuer, names, validity,
 * self-signed, key, signature, trust against the JDK store, hostname match). Only handshakes are
 * made; no application data is sent. Versions this JDK will not offer are reported as
 * {@code not_testable}, never as "not accepted".
 */
public final class TlsProbe {
    public static final String PROBE_ID = "tls";
    public static final List<String> PROTOCOLS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    public static final List<String> KEYS = List.of("tls.endpoints", "tls.protocols_accepted", "tls.legacy_protocol_accepted",
            "tls.cert.expired", "tls.cert.min_days_left", "tls.cert.self_signed", "tls.cert.untrusted", "tls.cert.hostname_mismatch");

    /** How one protocol version fared on one endpoint. */
    public enum Acceptance {
        ACCEPTED("accepted"), NOT_ACCEPTED("not_accepted"), NOT_TESTABLE("not_testable");

        private final String wire;

        Acceptance(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /**
     * One TLS service.
     *
     * @param serverName name to send as SNI and to match the certificate against; {@code null} to use
     *                   {@code host} (an IP address is then matched against IP subjectAltNames)
     */
    public record Endpoint(String host, int port, String serverName) {
        public Endpoint {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("TLS endpoint needs a host");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("bad TLS port: " + port);
            }
        }

        String name() {
            return serverName != null ? serverName : host;
        }
    }

    /** What inspecting one endpoint found; {@code error} is set when it could not be inspected at all. */
    public record Inspection(Endpoint endpoint, Map<String, Acceptance> protocols, Map<String, String> rejections,
                             String negotiatedProtocol, String cipherSuite, List<X509Certificate> chain, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    private record Handshake(String protocol, String cipher, List<X509Certificate> chain, String failure, boolean connectFailed) {
        boolean ok() {
            return failure == null;
        }
    }

    private final Clock clock;
    private final Duration timeout;

    /** @param timeout for each connect and each handshake */
    public TlsProbe(Clock clock, Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.toSeconds() > 60) {
            throw new IllegalArgumentException("TLS timeout must be between 1 ms and 60 s");
        }
        this.clock = clock;
        this.timeout = timeout;
    }

    public Inspection inspect(Endpoint e) {
        SSLContext ctx = JdkTls.inspectionContext();
        Handshake first = handshake(ctx, e, null);
        if (first.connectFailed()) {
            return new Inspection(e, Map.of(), Map.of(), null, null, List.of(), "cannot connect to " + e.host() + ":" + e.port() + ": " + first.failure());
        }
        Map<String, Acceptance> protocols = new LinkedHashMap<>();
        Map<String, String> rejections = new LinkedHashMap<>();
        List<X509Certificate> chain = first.chain();
        for (String p : PROTOCOLS) {
            if (!JdkTls.canOffer(ctx, p)) {
                protocols.put(p, Acceptance.NOT_TESTABLE);
                rejections.put(p, "this JDK does not offer " + p + " (jdk.tls.disabledAlgorithms)");
                continue;
            }
            Handshake h = handshake(ctx, e, p);
            if (h.connectFailed()) {
                return new Inspection(e, protocols, rejections, null, null, List.of(),
                        "connection to " + e.host() + ":" + e.port() + " failed while testing " + p + ": " + h.failure());
            }
            protocols.put(p, h.ok() ? Acceptance.ACCEPTED : Acceptance.NOT_ACCEPTED);
            if (h.ok() && chain.isEmpty()) {
                chain = h.chain();
            } else if (!h.ok()) {
                rejections.put(p, h.failure());
            }
        }
        if (!first.ok() && chain.isEmpty()) {
            return new Inspection(e, protocols, rejections, null, null, List.of(),
                    "no TLS handshake succeeded on " + e.host() + ":" + e.port() + " (not a TLS service, or only versions this JDK cannot test): " + first.failure());
        }
        return new Inspection(e, protocols, rejections, first.protocol(), first.cipher(), chain, null);
    }

    /** One handshake; {@code protocol == null} means the JDK's default client offer. */
    private Handshake handshake(SSLContext ctx, Endpoint e, String protocol) {
        int ms = (int) timeout.toMillis();
        Socket raw = new Socket();
        try {
            raw.connect(new InetSocketAddress(e.host(), e.port()), ms);
            raw.setSoTimeout(ms);
        } catch (IOException ex) {
            closeQuietly(raw);
            return new Handshake(null, null, List.of(), message(ex), true);
        }
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, e.name(), e.port(), true)) {
            if (protocol != null) {
                s.setEnabledProtocols(new String[] {protocol});
                s.setEnabledCipherSuites(s.getSupportedCipherSuites()); // any suite the JDK can speak with that version
            }
            SSLParameters params = s.getSSLParameters();
            if (!CertificateFacts.isIpLiteral(e.name())) {
                params.setServerNames(List.of(new SNIHostName(e.name())));
            }
            s.setSSLParameters(params);
            s.startHandshake();
            SSLSession session = s.getSession();
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : session.getPeerCertificates()) {
                if (c instanceof X509Certificate x) {
                    chain.add(x);
                }
            }
            return new Handshake(session.getProtocol(), session.getCipherSuite(), chain, null, false);
        } catch (IOException | RuntimeException ex) {
            return new Handshake(null, null, List.of(), message(ex), false);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing was sent
        }
    }

    private static String message(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    /**
     * Inspects every endpoint of one asset and summarises them: {@code tls.endpoints} holds the
     * details, the other keys answer "does some endpoint …" for simple checks.
     *
     * @param address   the asset's address as recorded in its identity
     * @param assetKind {@link AssetIdentity#KIND_HOST} or {@link AssetIdentity#KIND_NETWORK_DEVICE}
     */
    public Report report(String address, List<Endpoint> endpoints, String source, String assetKind) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no TLS endpoints to inspect");
        }
        Instant started = clock.instant();
        List<Inspection> results = new ArrayList<>();
        for (Endpoint e : endpoints) {
            results.add(inspect(e));
        }
        Instant now = clock.instant();
        FactSink out = new FactSink(clock).forProbe(PROBE_ID);
        new Summary(results, now).record(out, "tls:" + address);
        String name = endpoints.get(0).serverName();
        AssetIdentity id = new AssetIdentity(assetKind, name, null, null, null, address, null);
        return new Report(Report.SCHEMA_VERSION, UUID.randomUUID(), null, null, source, id, started, clock.instant(), out.facts());
    }

    /** Turns inspections into facts; a "false"/number summary needs every endpoint inspected, a "true" needs one. */
    private static final class Summary {
        private final List<Inspection> results;
        private final Instant now;
        private final List<Inspection> inspected;
        private final String failures;
        /** PKIX result per inspected endpoint (null = trusted), computed once: it loads the trust store. */
        private final Map<Inspection, String> chainProblems = new java.util.IdentityHashMap<>();

        Summary(List<Inspection> results, Instant now) {
            this.results = results;
            this.now = now;
            this.inspected = results.stream().filter(Inspection::ok).toList();
            for (Inspection r : inspected) {
                chainProblems.put(r, CertificateFacts.chainProblem(r.chain(), now));
            }
            this.failures = results.stream().filter(r -> !r.ok()).map(Inspection::error).reduce((a, b) -> a + "; " + b).orElse(null);
        }

        void record(FactSink out, String source) {
            StringBuilder excerpt = new StringBuilder();
            StringBuilder pem = new StringBuilder();
            List<Object> objects = new ArrayList<>();
            for (Inspection r : results) {
                objects.add(object(r));
                describe(r, excerpt, pem);
            }
            Evidence ev = Evidence.of(source, excerpt + pem.toString(), excerpt.toString());
            out.ok("tls.endpoints", objects, ev);

            if (failures != null) {
                out.error("tls.protocols_accepted", incomplete(), ev);
            } else {
                out.ok("tls.protocols_accepted", TlsProbe.PROTOCOLS.stream()
                        .filter(p -> inspected.stream().anyMatch(r -> r.protocols().get(p) == Acceptance.ACCEPTED)).toList(), ev);
            }
            legacy(out, ev);
            anyTrue(out, "tls.cert.expired", ev, r -> CertificateFacts.expired(leaf(r), now));
            anyTrue(out, "tls.cert.self_signed", ev, r -> CertificateFacts.selfSigned(leaf(r)));
            anyTrue(out, "tls.cert.untrusted", ev, r -> chainProblems.get(r) != null);
            anyTrue(out, "tls.cert.hostname_mismatch", ev, r -> !CertificateFacts.hostnameMatches(leaf(r), r.endpoint().name()));
            if (failures != null) {
                out.error("tls.cert.min_days_left", incomplete(), ev);
            } else {
                out.ok("tls.cert.min_days_left", inspected.stream().mapToLong(r -> CertificateFacts.daysLeft(leaf(r), now)).min().orElseThrow(), ev);
            }
        }

        private MessageCode incomplete() {
            return code("tls.endpoints_uninspected", results.size() - inspected.size(), results.size(), failures);
        }

        private static X509Certificate leaf(Inspection r) {
            return r.chain().get(0);
        }

        private void anyTrue(FactSink out, String key, Evidence ev, java.util.function.Predicate<Inspection> test) {
            if (inspected.stream().anyMatch(test)) {
                out.ok(key, true, ev);
            } else if (failures != null) {
                out.error(key, incomplete(), ev);
            } else {
                out.ok(key, false, ev);
            }
        }

        private void legacy(FactSink out, Evidence ev) {
            List<String> legacy = List.of("TLSv1", "TLSv1.1");
            boolean accepted = inspected.stream().anyMatch(r -> legacy.stream().anyMatch(p -> r.protocols().get(p) == Acceptance.ACCEPTED));
            boolean untestable = inspected.stream().anyMatch(r -> legacy.stream().anyMatch(p -> r.protocols().get(p) == Acceptance.NOT_TESTABLE));
            if (accepted) {
                out.ok("tls.legacy_protocol_accepted", true, ev);
            } else if (failures != null) {
                out.error("tls.legacy_protocol_accepted", incomplete(), ev);
            } else if (untestable) {
                out.unsupported("tls.legacy_protocol_accepted", code("tls.legacy_untestable"));
            } else {
                out.ok("tls.legacy_protocol_accepted", false, ev);
            }
        }

        private Map<String, Object> object(Inspection r) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("port", (long) r.endpoint().port());
            if (r.endpoint().serverName() != null) {
                m.put("server_name", r.endpoint().serverName());
            }
            Map<String, Object> protocols = new LinkedHashMap<>();
            r.protocols().forEach((p, a) -> protocols.put(p, a.wire()));
            if (!protocols.isEmpty()) {
                m.put("protocols", protocols);
            }
            if (!r.ok()) {
                m.put("error", r.error());
                return m;
            }
            X509Certificate c = leaf(r);
            put(m, "negotiated_protocol", r.negotiatedProtocol());
            put(m, "cipher_suite", r.cipherSuite());
            m.put("subject", CertificateFacts.subject(c));
            m.put("issuer", CertificateFacts.issuer(c));
            m.put("san", CertificateFacts.subjectAltNames(c));
            m.put("not_before", c.getNotBefore().toInstant().toString());
            m.put("not_after", c.getNotAfter().toInstant().toString());
            m.put("expired", CertificateFacts.expired(c, now));
            m.put("days_left", CertificateFacts.daysLeft(c, now));
            m.put("self_signed", CertificateFacts.selfSigned(c));
            String problem = chainProblems.get(r);
            m.put("chain_trusted", problem == null);
            put(m, "chain_problem", problem);
            m.put("hostname_match", CertificateFacts.hostnameMatches(c, r.endpoint().name()));
            m.put("key_type", CertificateFacts.keyType(c.getPublicKey()));
            m.put("key_bits", (long) CertificateFacts.keyBits(c.getPublicKey()));
            m.put("signature_algorithm", c.getSigAlgName());
            put(m, "sha256", CertificateFacts.sha256(c));
            return m;
        }

        private static void put(Map<String, Object> m, String k, Object v) {
            if (v != null) {
                m.put(k, v);
            }
        }

        private static void describe(Inspection r, StringBuilder excerpt, StringBuilder pem) {
            excerpt.append(r.endpoint().host()).append(':').append(r.endpoint().port());
            r.protocols().forEach((p, a) -> excerpt.append(' ').append(p).append('=').append(a.wire()));
            excerpt.append('\n');
            r.rejections().forEach((p, why) -> excerpt.append("  ").append(p).append(": ").append(why).append('\n'));
            if (!r.ok()) {
                excerpt.append("  error: ").append(r.error()).append('\n');
                return;
            }
            X509Certificate c = leaf(r);
            excerpt.append("  negotiated ").append(r.negotiatedProtocol()).append(' ').append(r.cipherSuite()).append('\n')
                    .append("  subject ").append(CertificateFacts.subject(c)).append('\n')
                    .append("  issuer ").append(CertificateFacts.issuer(c)).append('\n')
                    .append("  serial ").append(CertificateFacts.serial(c)).append(", valid ").append(c.getNotBefore().toInstant())
                    .append(" to ").append(c.getNotAfter().toInstant()).append('\n');
            for (X509Certificate x : r.chain()) {
                try {
                    pem.append("-----BEGIN CERTIFICATE-----\n")
                            .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(x.getEncoded()))
                            .append("\n-----END CERTIFICATE-----\n");
                } catch (CertificateEncodingException ex) {
                    pem.append("(certificate not encodable: ").append(ex.getMessage()).append(")\n");
                }
            }
        }
    }
}
