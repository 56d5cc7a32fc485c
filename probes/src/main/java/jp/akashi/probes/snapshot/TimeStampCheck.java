package jp.akashi.probes.snapshot;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TSPValidationException;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * The offline check of a snapshot's RFC 3161 time stamp ({@code manifest.tsr}: the authority's
 * DER TimeStampResp, what {@code openssl ts -verify -in manifest.tsr -data manifest.txt} reads):
 * it must stamp the SHA-256 of exactly {@code manifest.txt}, and, with the authority's
 * certificate given by the auditor, be signed by that certificate (for time stamping). Only then
 * is the stamped time a date the collector's key holder could not have chosen. Without a token
 * the result says "no external time stamp", which is not an error unless a certificate was given.
 */
public final class TimeStampCheck {
    public static final String FILE_NAME = "manifest.tsr";
    /** A token stamped this long before the manifest's own instant means one of the two clocks is wrong. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private TimeStampCheck() {
    }

    /** The stamped time and who stamped it, when the token was read. */
    public record Stamp(Instant time, String authority, String serial, boolean trusted) {
    }

    /**
     * @param manifest  the bytes of manifest.txt
     * @param tsr       the bytes of manifest.tsr, or null when the archive has none
     * @param authority the time-stamp authority's certificate the auditor trusts, or null
     * @param createdAt the instant the manifest states
     * @return the stamp read (also when it does not verify), or null
     */
    public static Stamp check(byte[] manifest, byte[] tsr, X509Certificate authority, Instant createdAt, List<String> problems,
                              List<String> notes) {
        return check(manifest, tsr, authority, createdAt, new Findings(problems, notes));
    }

    static Stamp check(byte[] manifest, byte[] tsr, X509Certificate authority, Instant createdAt, Findings f) {
        if (tsr == null) {
            if (authority != null) {
                f.problem("ts.missingButAsked", FILE_NAME);
            } else {
                f.note("ts.none", FILE_NAME);
            }
            return null;
        }
        // Bouncy Castle is loaded only for a snapshot that has a token (class loading costs a cold verifier ~0.5 s)
        return Token.check(manifest, tsr, authority, createdAt, f);
    }

    /** The token's checks, apart so that Bouncy Castle is loaded only when there is one. */
    private static final class Token {
        private static final Map<ASN1ObjectIdentifier, String> DIGESTS = Map.of(NISTObjectIdentifiers.id_sha256, "SHA-256",
                NISTObjectIdentifiers.id_sha384, "SHA-384", NISTObjectIdentifiers.id_sha512, "SHA-512");

        static Stamp check(byte[] manifest, byte[] tsr, X509Certificate authority, Instant createdAt, Findings f) {
            TimeStampToken token;
            try {
                token = token(tsr);
            } catch (IOException | TSPException | RuntimeException e) {
                f.problem("ts.unreadable", FILE_NAME, e.getMessage());
                return null;
            }
            var info = token.getTimeStampInfo();
            Instant time = info.getGenTime().toInstant();
            String serial = info.getSerialNumber().toString(16);
            String algorithm = DIGESTS.get(info.getMessageImprintAlgOID());
            if (algorithm == null) {
                f.problem("ts.unsupportedDigest", FILE_NAME, info.getMessageImprintAlgOID());
                return new Stamp(time, null, serial, false);
            }
            byte[] expected = digest(algorithm, manifest);
            if (!MessageDigest.isEqual(expected, info.getMessageImprintDigest())) {
                f.problem("ts.otherHash", FILE_NAME, algorithm, HexFormat.of().formatHex(info.getMessageImprintDigest()),
                        HexFormat.of().formatHex(expected));
                return new Stamp(time, null, serial, false);
            }
            if (authority == null) {
                f.note("ts.untrusted", time, serial);
                return new Stamp(time, null, serial, false);
            }
            String subject = authority.getSubjectX500Principal().getName();
            try {
                SignerInformationVerifier v = new JcaSimpleSignerInfoVerifierBuilder().build(authority);
                // checks the signature, that the token names this certificate (ESS certificate id), its
                // time-stamping key usage and that the stamped time is within its validity
                token.validate(v);
            } catch (TSPValidationException e) {
                f.problem("ts.invalid", FILE_NAME, subject, e.getMessage());
                return new Stamp(time, subject, serial, false);
            } catch (TSPException | OperatorCreationException | RuntimeException e) {
                f.problem("ts.uncheckable", FILE_NAME, subject, e.getMessage());
                return new Stamp(time, subject, serial, false);
            }
            if (createdAt != null && time.isBefore(createdAt.minus(CLOCK_SKEW))) {
                f.problem("ts.beforeManifest", FILE_NAME, time, createdAt);
            }
            if (createdAt != null && time.isAfter(createdAt.plus(CLOCK_SKEW))) {
                f.note("ts.verifiedLate", time, subject, serial, Duration.between(createdAt, time).toMinutes());
            } else {
                f.note("ts.verified", time, subject, serial);
            }
            return new Stamp(time, subject, serial, true);
        }
    }

    /** The token inside a DER TimeStampResp, or a bare DER TimeStampToken. */
    public static TimeStampToken token(byte[] der) throws IOException, TSPException {
        try {
            TimeStampResponse r = new TimeStampResponse(der);
            if (r.getTimeStampToken() == null) {
                throw new TSPException("the response carries no token (status " + r.getStatus() + ": " + r.getStatusString() + ")");
            }
            return r.getTimeStampToken();
        } catch (TSPException | IOException | IllegalArgumentException | ClassCastException e) {
            try {
                return new TimeStampToken(new org.bouncycastle.cms.CMSSignedData(der));
            } catch (org.bouncycastle.cms.CMSException | RuntimeException e2) {
                throw e instanceof TSPException t ? t : new TSPException(e.getMessage(), e);
            }
        }
    }

    static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
