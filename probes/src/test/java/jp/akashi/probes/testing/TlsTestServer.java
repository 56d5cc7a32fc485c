package jp.akashi.probes.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** An in-JVM TLS server on a free loopback port that completes handshakes with a given key and protocols. */
public final class TlsTestServer implements AutoCloseable {
    private final SSLServerSocket server;

    private TlsTestServer(SSLServerSocket server) {
        this.server = server;
    }

    public static TlsTestServer start(KeyStore keyStore, char[] password, List<String> protocols) throws GeneralSecurityException, IOException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, password);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        SSLServerSocket ss = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        ss.setEnabledProtocols(protocols.toArray(new String[0]));
        ss.setEnabledCipherSuites(ss.getSupportedCipherSuites());
        Thread t = new Thread(() -> {
            while (!ss.isClosed()) {
                try (Socket s = ss.accept()) {
                    s.setSoTimeout(5000);
                    ((SSLSocket) s).startHandshake();
                } catch (IOException handshakeFailedOrClosed) {
                    // a refused protocol is the point of half the tests
                }
            }
        }, "tls-test-server");
        t.setDaemon(true);
        t.start();
        return new TlsTestServer(ss);
    }

    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
