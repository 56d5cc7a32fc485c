package jp.akashi.collector.testing;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A real SMTP server in the test (GreenMail) with a login: plain SMTP, or SMTPS with a
 * certificate for 127.0.0.1 made here, whose PEM the collector is told to trust
 * ({@code akashi.mail.trusted-certificate}), so the host name check stays on.
 */
public final class MailServer implements AutoCloseable {
    public static final String LOGIN = "akashi-mailer";
    public static final String PASSWORD = "smtp-secret-pw-1";
    public static final String FROM = "akashi@example.test";

    private final GreenMail mail;
    private final int port;
    private final boolean smtps;
    private final Path pem;
    private final GreenMailUser user;

    /** One received mail: who it went to, its subject and its plain and HTML parts. */
    public record Received(String to, String subject, String text, String html) {
    }

    /** The server certificate's PEM, made once per JVM: GreenMail reads its keystore once. */
    private static Path sharedPem;

    public MailServer(boolean smtps) throws Exception {
        this.smtps = smtps;
        this.port = TestCollector.freePort();
        this.pem = smtps ? tls() : null;
        this.mail = new GreenMail(new ServerSetup(port, "127.0.0.1", smtps ? ServerSetup.PROTOCOL_SMTPS : ServerSetup.PROTOCOL_SMTP));
        mail.start();
        this.user = mail.setUser(FROM, LOGIN, PASSWORD);
    }

    /** The collector's {@code akashi.mail.*} for this server. */
    public Map<String, Object> properties() {
        Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("akashi.mail.host", "127.0.0.1");
        p.put("akashi.mail.port", port);
        p.put("akashi.mail.username", LOGIN);
        p.put("akashi.mail.password", PASSWORD);
        p.put("akashi.mail.from", FROM);
        p.put("akashi.mail.ssl", smtps);
        p.put("akashi.mail.timeout", "PT10S");
        if (smtps) {
            p.put("akashi.mail.trusted-certificate", pem.toString());
        } else {
            p.put("akashi.mail.starttls", "optional");
        }
        return p;
    }

    public int port() {
        return port;
    }

    public Path certificate() {
        return pem;
    }

    /** Changes the login's password on the server (the collector's then is refused). */
    public void password(String password) {
        user.setPassword(password);
    }

    public List<Received> received() throws Exception {
        List<Received> out = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            String text = null;
            String html = null;
            if (m.getContent() instanceof MimeMultipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    BodyPart b = mp.getBodyPart(i);
                    if (b.isMimeType("text/plain")) {
                        text = (String) b.getContent();
                    } else if (b.isMimeType("text/html")) {
                        html = (String) b.getContent();
                    }
                }
            } else {
                text = String.valueOf(m.getContent());
            }
            out.add(new Received(m.getRecipients(Message.RecipientType.TO)[0].toString(), m.getSubject(), text, html));
        }
        return out;
    }

    public List<Received> receivedBy(String address) throws Exception {
        return received().stream().filter(r -> r.to().equals(address)).toList();
    }

    private static synchronized Path tls() throws Exception {
        if (sharedPem == null) {
            Path dir = Files.createTempDirectory("akashi-smtp-tls-");
            Path ks = dir.resolve("smtp-server.p12");
            Path pem = dir.resolve("smtp-server.pem");
            selfSigned(ks, pem);
            // GreenMail's own test certificate names no host; this one names 127.0.0.1
            System.setProperty("greenmail.tls.keystore.file", ks.toString());
            System.setProperty("greenmail.tls.keystore.password", "changeit");
            System.setProperty("greenmail.tls.key.password", "changeit");
            sharedPem = pem;
        }
        return sharedPem;
    }

    private static void selfSigned(Path keystore, Path pem) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair kp = g.generateKeyPair();
        X500Name name = new X500Name("CN=127.0.0.1");
        long now = System.currentTimeMillis();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now), new Date(now - 60_000),
                new Date(now + 86_400_000L * 30), name, kp.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("greenmail", kp.getPrivate(), "changeit".toCharArray(), new java.security.cert.Certificate[]{cert});
        try (OutputStream out = Files.newOutputStream(keystore)) {
            ks.store(out, "changeit".toCharArray());
        }
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n");
    }

    @Override
    public void close() {
        mail.stop();
    }
}
