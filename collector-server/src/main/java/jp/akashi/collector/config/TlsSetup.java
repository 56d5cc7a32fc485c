package jp.akashi.collector.config;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import jp.akashi.probes.util.Hashes;

/**
 * Makes sure the collector has a TLS key and certificate before the server starts: the one the
 * administrator supplied, or a self-signed one generated on first start and kept in the data
 * directory. Agents pin the certificate's SHA-256 fingerprint at enrollment.
 */
public final class TlsSetup {

    /** Where the server's keystore is and how to open it. */
    public record Keystore(Path path, String password, String fingerprint, boolean generated) {
    }

    private TlsSetup() {
    }

    public static Keystore ensure(Settings s) throws IOException, GeneralSecurityException {
        if (s.tlsKeystore() != null) {
            if (s.tlsKeystorePassword() == null) {
                throw new IllegalArgumentException("--tls-keystore needs --tls-keystore-password (or AKASHI_TLS_KEYSTORE_PASSWORD)");
            }
            KeyStore ks = load(s.tlsKeystore(), s.tlsKeystorePassword());
            return new Keystore(s.tlsKeystore(), s.tlsKeystorePassword(), fingerprint(firstCertificate(ks)), false);
        }
        Path dir = s.dataDir().resolve("tls");
        Path ksPath = dir.resolve("collector.p12");
        Path passPath = dir.resolve("keystore.pass");
        if (Files.exists(ksPath) && Files.exists(passPath)) {
            String pass = Files.readString(passPath, StandardCharsets.UTF_8).strip();
            KeyStore ks = load(ksPath, pass);
            return new Keystore(ksPath, pass, fingerprint(firstCertificate(ks)), false);
        }
        if (Files.exists(ksPath) && !Files.exists(passPath)) {
            // the password goes in first, so this is not another instance at work: a lost file
            throw new IOException(ksPath + " is there but " + passPath + " is not: restore keystore.pass from the backup, or "
                    + "remove collector.p12 to make a new certificate (agents then need the new fingerprint)");
        }
        // first start: several instances on one shared volume may get here at once; the first
        // password and the first keystore win (FirstFile), so all of them serve one certificate
        FirstFile.privateDirectory(dir);
        FirstFile.create(passPath, (randomPassword() + "\n").getBytes(StandardCharsets.UTF_8), "rw-------");
        String pass = Files.readString(passPath, StandardCharsets.UTF_8).strip();
        if (!Files.exists(ksPath)) {
            KeyStore ks = selfSigned(pass);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            ks.store(out, pass.toCharArray());
            if (FirstFile.create(ksPath, out.toByteArray(), "rw-------")) {
                return new Keystore(ksPath, pass, fingerprint(firstCertificate(ks)), true);
            }
        }
        // another instance's, complete before it was linked
        return new Keystore(ksPath, pass, fingerprint(firstCertificate(load(ksPath, pass))), false);
    }

    /**
     * {@code sha256//<base64>} of the certificate's public key (SubjectPublicKeyInfo), as
     * {@code curl --pinnedpubkey} takes it: the one-line agent install pins the collector with it.
     */
    public static String publicKeyPin(Path keystore, String password) throws IOException, GeneralSecurityException {
        byte[] spki = firstCertificate(load(keystore, password)).getPublicKey().getEncoded();
        return "sha256//" + java.util.Base64.getEncoder().encodeToString(Hashes.sha256(spki));
    }

    /** {@code sha256:<hex>} of the certificate's DER encoding, as agents pin it. */
    public static String fingerprint(X509Certificate cert) throws GeneralSecurityException {
        return "sha256:" + HexFormat.of().formatHex(Hashes.sha256(cert.getEncoded()));
    }

    private static KeyStore load(Path path, String password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(path)) {
            ks.load(in, password.toCharArray());
        }
        return ks;
    }

    private static X509Certificate firstCertificate(KeyStore ks) throws GeneralSecurityException {
        for (String alias : Collections.list(ks.aliases())) {
            if (ks.isKeyEntry(alias)) {
                Certificate c = ks.getCertificate(alias);
                if (c instanceof X509Certificate x) {
                    return x;
                }
            }
        }
        throw new GeneralSecurityException("the keystore holds no private key with an X.509 certificate");
    }

    private static KeyStore selfSigned(String password) throws GeneralSecurityException, IOException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair kp = gen.generateKeyPair();
        String host = localHostName();
        X500Name subject = new X500Name("CN=" + host + ",O=Akashi collector (self-signed)");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(3650))), subject, kp.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(altNames(host).toArray(new GeneralName[0])));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        X509Certificate cert;
        try {
            cert = new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("akashi", kp.getPrivate(), password.toCharArray(), new Certificate[]{cert});
        return ks;
    }

    private static List<GeneralName> altNames(String host) {
        Set<String> dns = new LinkedHashSet<>(List.of("localhost", host));
        Set<String> ips = new LinkedHashSet<>(List.of("127.0.0.1", "::1"));
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (!a.isLinkLocalAddress()) {
                        String h = a.getHostAddress();
                        int pct = h.indexOf('%');
                        ips.add(pct >= 0 ? h.substring(0, pct) : h);
                    }
                }
            }
        } catch (SocketException e) {
            // no interface list: loopback names only
        }
        List<GeneralName> out = new ArrayList<>();
        dns.forEach(d -> out.add(new GeneralName(GeneralName.dNSName, d)));
        ips.forEach(i -> out.add(new GeneralName(GeneralName.iPAddress, i)));
        return out;
    }

    private static String localHostName() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            return h.matches("[A-Za-z0-9.-]{1,253}") ? h : "localhost";
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static String randomPassword() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
