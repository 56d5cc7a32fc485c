package jp.akashi.agent.transport;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Trust for the collector's TLS certificate: either exactly the pinned certificate (its SHA-256
 * fingerprint, as printed by the collector and carried by the enroll command), or, without a
 * pin, the system's CAs with host name verification. The certificate the server presented is
 * remembered so that enrollment can tell the user what it saw.
 */
public final class PinnedTrust extends X509ExtendedTrustManager {
    private final String pin;
    private final X509TrustManager system;
    private volatile X509Certificate presented;

    public PinnedTrust(String pin) throws GeneralSecurityException {
        this.pin = pin == null ? null : normalise(pin);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        X509TrustManager found = null;
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                found = x;
            }
        }
        this.system = found;
    }

    /** {@code sha256:<lower-case hex>}; accepts upper case and colon-separated hex too. */
    public static String normalise(String fp) {
        String s = fp.strip().toLowerCase();
        if (s.startsWith("sha256:")) {
            s = s.substring(7);
        }
        s = s.replace(":", "");
        if (!s.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("fingerprint must be sha256: followed by 64 hex digits");
        }
        return "sha256:" + s;
    }

    public static String fingerprint(X509Certificate cert) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server certificate seen in the last handshake (even a refused one). */
    public X509Certificate presented() {
        return presented;
    }

    public boolean pinned() {
        return pin != null;
    }

    public SSLContext sslContext() throws GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[]{this}, null);
        return ctx;
    }

    private void check(X509Certificate[] chain, String authType, Runnable systemCheck) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the collector presented no certificate");
        }
        presented = chain[0];
        if (pin != null) {
            String seen = fingerprint(chain[0]);
            if (!MessageDigest.isEqual(seen.getBytes(), pin.getBytes())) {
                throw new CertificateException("the collector's certificate fingerprint " + seen
                        + " does not match the pinned " + pin);
            }
            chain[0].checkValidity();
            return;
        }
        if (system == null) {
            throw new CertificateException("no system trust store and no pinned fingerprint");
        }
        try {
            systemCheck.run();
        } catch (RuntimeException e) {
            if (e.getCause() instanceof CertificateException ce) {
                throw ce;
            }
            throw e;
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, authType, () -> wrap(() -> ((X509ExtendedTrustManager) system).checkServerTrusted(chain, authType, socket)));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, authType, () -> wrap(() -> ((X509ExtendedTrustManager) system).checkServerTrusted(chain, authType, engine)));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType, () -> wrap(() -> system.checkServerTrusted(chain, authType)));
    }

    private interface CertCheck {
        void run() throws CertificateException;
    }

    private static void wrap(CertCheck c) {
        try {
            c.run();
        } catch (CertificateException e) {
            throw new RuntimeException(e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("the agent does not accept client connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("the agent does not accept client connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the agent does not accept client connections");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
