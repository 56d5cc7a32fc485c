package jp.akashi.probes.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;

import jp.akashi.probes.util.Hashes;

/**
 * Pure functions over a server's certificate chain: validity, self-signature, key, names, and
 * whether the chain validates against the JDK trust store.
 */
public final class CertificateFacts {

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private CertificateFacts() {
    }

    public static String subject(X509Certificate c) {
        return c.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    public static String issuer(X509Certificate c) {
        return c.getIssuerX500Principal().getName(X500Principal.RFC2253);
    }

    /** subjectAltName entries as {@code DNS:name} / {@code IP:address}. */
    public static List<String> subjectAltNames(X509Certificate c) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> sans = c.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == SAN_DNS) {
                        out.add("DNS:" + san.get(1));
                    } else if (type == SAN_IP) {
                        out.add("IP:" + san.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // an unparsable extension names nothing
        }
        return out;
    }

    public static boolean expired(X509Certificate c, Instant now) {
        return now.isAfter(c.getNotAfter().toInstant()) || now.isBefore(c.getNotBefore().toInstant());
    }

    /** Whole days until notAfter, rounded down (−1 on the day after expiry). */
    public static long daysLeft(X509Certificate c, Instant now) {
        return Math.floorDiv(Duration.between(now, c.getNotAfter().toInstant()).getSeconds(), 86_400L);
    }

    /** Issued by itself: same subject and issuer, and its own key verifies its signature. */
    public static boolean selfSigned(X509Certificate c) {
        if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
            return false;
        }
        try {
            c.verify(c.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** {@code RSA}, {@code EC}, {@code Ed25519}, {@code Ed448}, {@code DSA} … */
    public static String keyType(PublicKey k) {
        if (k instanceof EdECPublicKey e) {
            return e.getParams().getName();
        }
        return k.getAlgorithm();
    }

    /** Key size in bits, or -1 when the key type has none we know how to read. */
    public static int keyBits(PublicKey k) {
        if (k instanceof RSAPublicKey r) {
            return r.getModulus().bitLength();
        }
        if (k instanceof ECPublicKey e) {
            return e.getParams().getCurve().getField().getFieldSize();
        }
        if (k instanceof EdECPublicKey e) {
            return "Ed448".equalsIgnoreCase(e.getParams().getName()) ? 448 : 255;
        }
        if (k instanceof DSAPublicKey d) {
            return d.getParams().getP().bitLength();
        }
        return -1;
    }

    public static String sha256(X509Certificate c) {
        try {
            return Hashes.sha256Hex(c.getEncoded());
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /**
     * RFC 6125 matching against subjectAltName only (no CN fallback, as browsers do): an IP literal
     * must be an IP entry; a name may match a wildcard in the left-most label only.
     */
    public static boolean hostnameMatches(X509Certificate c, String name) {
        if (name == null || name.isBlank()) {
            return false;
        }
        List<String> sans = subjectAltNames(c);
        if (isIpLiteral(name)) {
            try {
                InetAddress want = InetAddress.getByName(name);
                for (String san : sans) {
                    if (san.startsWith("IP:") && InetAddress.getByName(san.substring(3)).equals(want)) {
                        return true;
                    }
                }
            } catch (java.net.UnknownHostException e) {
                return false;
            }
            return false;
        }
        String host = name.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        for (String san : sans) {
            if (san.startsWith("DNS:") && dnsMatches(san.substring(4).toLowerCase(Locale.ROOT).replaceAll("\\.$", ""), host)) {
                return true;
            }
        }
        return false;
    }

    static boolean isIpLiteral(String s) {
        return s.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || (s.contains(":") && s.matches("[0-9A-Fa-f:.]+"));
    }

    private static boolean dnsMatches(String pattern, String host) {
        if (!pattern.startsWith("*.")) {
            return pattern.equals(host);
        }
        int dot = host.indexOf('.');
        // "*.example.com" covers exactly one label, and never a bare public suffix like "*.com"
        return dot > 0 && pattern.substring(2).indexOf('.') > 0 && host.substring(dot + 1).equals(pattern.substring(2));
    }

    /**
     * Validates the chain as sent against the JDK's default trust store (PKIX, at {@code now}, no
     * revocation check). Returns null when it validates, else why not.
     */
    public static String chainProblem(List<X509Certificate> chain, Instant now) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            Set<TrustAnchor> anchors = new HashSet<>();
            for (var tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    Arrays.stream(x.getAcceptedIssuers()).forEach(ca -> anchors.add(new TrustAnchor(ca, null)));
                }
            }
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(now));
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(trimAnchor(chain)), params);
            return null;
        } catch (GeneralSecurityException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return m.length() > 300 ? m.substring(0, 300) : m;
        }
    }

    /** A chain may end with its own root; PKIX wants the path without the trust anchor. */
    private static List<X509Certificate> trimAnchor(List<X509Certificate> chain) {
        if (chain.size() > 1 && selfSigned(chain.get(chain.size() - 1))) {
            return chain.subList(0, chain.size() - 1);
        }
        return chain;
    }

    /** Serial number as the usual colon-less hex, for evidence. */
    static String serial(X509Certificate c) {
        BigInteger s = c.getSerialNumber();
        return s == null ? "" : s.toString(16);
    }
}
