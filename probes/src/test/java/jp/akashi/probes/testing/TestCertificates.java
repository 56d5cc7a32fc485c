package jp.akashi.probes.testing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates made in the test (Bouncy Castle builder, JDK keys and signatures): CAs, leaves, expired ones. */
public final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A key pair with the certificate that holds it, and the chain to send (leaf first). */
    public record Issued(KeyPair keys, X509Certificate certificate, List<X509Certificate> chain) {
        /** A PKCS#12 key store holding this key and chain under alias {@code server}. */
        public KeyStore keyStore(char[] password) throws GeneralSecurityException {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try {
                ks.load(null, null);
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException(e);
            }
            ks.setKeyEntry("server", keys.getPrivate(), password, chain.toArray(new X509Certificate[0]));
            return ks;
        }
    }

    private TestCertificates() {
    }

    public static KeyPair rsa(int bits) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair();
    }

    public static KeyPair ec256() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** A self-signed certificate (a server's own, or a CA root when {@code ca}). */
    public static Issued selfSigned(String dn, KeyPair keys, Instant notBefore, Instant notAfter, List<String> sans, boolean ca)
            throws GeneralSecurityException {
        X509Certificate c = build(dn, keys.getPublic(), dn, keys.getPrivate(), notBefore, notAfter, sans, ca);
        return new Issued(keys, c, List.of(c));
    }

    /** A leaf signed by {@code issuer}; its chain is leaf then the issuer's chain. */
    public static Issued signedBy(Issued issuer, String dn, KeyPair keys, Instant notBefore, Instant notAfter, List<String> sans)
            throws GeneralSecurityException {
        X509Certificate c = build(dn, keys.getPublic(), issuer.certificate().getSubjectX500Principal().getName(),
                issuer.keys().getPrivate(), notBefore, notAfter, sans, false);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(c);
        chain.addAll(issuer.chain());
        return new Issued(keys, c, chain);
    }

    /** @param sans {@code DNS:name} or {@code IP:address} entries */
    private static X509Certificate build(String subject, PublicKey key, String issuer, PrivateKey signer, Instant notBefore,
                                         Instant notAfter, List<String> sans, boolean ca) throws GeneralSecurityException {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(notBefore), Date.from(notAfter), new X500Name(subject), key);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (!sans.isEmpty()) {
                GeneralName[] names = sans.stream().map(s -> s.startsWith("IP:")
                        ? new GeneralName(GeneralName.iPAddress, s.substring(3))
                        : new GeneralName(GeneralName.dNSName, s.substring(4))).toArray(GeneralName[]::new);
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            String alg = signer.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(alg).build(signer)));
        } catch (OperatorCreationException | java.io.IOException e) {
            throw new GeneralSecurityException("cannot build test certificate: " + e.getMessage(), e);
        }
    }
}
