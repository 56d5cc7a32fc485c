package jp.akashi.probes.tls;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * What this JDK's TLS client can do, and the inspection-only context the probe handshakes with.
 * The JDK refuses to offer protocols listed in {@code jdk.tls.disabledAlgorithms} (TLSv1 and
 * TLSv1.1 by default since 8u291/11.0.11/17): such a protocol is "not testable here", which is
 * different from "the server does not accept it".
 */
final class JdkTls {

    /**
     * Accepts every certificate. Used ONLY to look at what a server presents (its certificate may be
     * expired or self-signed — that is what we report); no data is ever exchanged over these sessions,
     * and trust is judged separately against the JDK trust store.
     */
    private static final X509TrustManager INSPECT_ONLY = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // never used as a server
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // inspection: the chain is evaluated afterwards, not trusted for any traffic
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    private JdkTls() {
    }

    static SSLContext inspectionContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {INSPECT_ONLY}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS implementation", e);
        }
    }

    /** Whether this JDK will put {@code protocol} in a ClientHello (tried locally, nothing is sent). */
    static boolean canOffer(SSLContext ctx, String protocol) {
        try {
            SSLEngine engine = ctx.createSSLEngine("inspection.invalid", 443);
            engine.setUseClientMode(true);
            engine.setEnabledProtocols(new String[] {protocol});
            engine.setEnabledCipherSuites(engine.getSupportedCipherSuites());
            engine.beginHandshake();
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(ByteBuffer.allocate(0), out);
            return out.position() > 0;
        } catch (SSLException | IllegalArgumentException e) {
            return false;
        }
    }
}
