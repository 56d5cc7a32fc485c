package jp.akashi.probes.snmp;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.snmp4j.CommunityTarget;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.AuthenticationProtocol;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.PrivacyProtocol;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.nonstandard.PrivAES192With3DESKeyExtension;
import org.snmp4j.security.nonstandard.PrivAES256With3DESKeyExtension;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * One SNMP4J session with its own USM and security protocol table, so concurrent collections
 * (and their v3 users) never share SNMP4J's global singletons. Every request is bounded by the
 * target's timeout and retries; failures come back as {@link Answer}s with a message.
 */
final class SnmpClient implements AutoCloseable {

    /** usmStats* report OIDs (RFC 3414) and what each means for the person who configured the user. */
    private static final Map<OID, String> USM_REPORTS = Map.of(
            SnmpConstants.usmStatsUnknownUserNames, "the device does not know this SNMPv3 user (usmStatsUnknownUserNames)",
            SnmpConstants.usmStatsWrongDigests, "authentication failed: wrong authentication passphrase or protocol (usmStatsWrongDigests)",
            SnmpConstants.usmStatsDecryptionErrors, "decryption failed: wrong privacy passphrase or protocol (usmStatsDecryptionErrors)",
            SnmpConstants.usmStatsUnsupportedSecLevels, "the user is not configured for this security level (usmStatsUnsupportedSecLevels)",
            SnmpConstants.usmStatsNotInTimeWindows, "the request fell outside the device's time window (usmStatsNotInTimeWindows)",
            SnmpConstants.usmStatsUnknownEngineIDs, "the device rejected the engine id (usmStatsUnknownEngineIDs)");

    private final Snmp snmp;
    private final UdpAddress address;
    private final SnmpOptions options;

    private SnmpClient(Snmp snmp, UdpAddress address, SnmpOptions options) {
        this.snmp = snmp;
        this.address = address;
        this.options = options;
    }

    static SnmpClient open(UdpAddress address, SnmpOptions options) throws IOException {
        SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.none);
        for (AuthenticationProtocol a : List.of(new AuthSHA(), new AuthHMAC128SHA224(), new AuthHMAC192SHA256(),
                new AuthHMAC256SHA384(), new AuthHMAC384SHA512())) {
            protocols.addAuthenticationProtocol(a);
        }
        for (PrivacyProtocol p : List.of(new PrivAES128(), new PrivAES192(), new PrivAES256(),
                new PrivAES192With3DESKeyExtension(), new PrivAES256With3DESKeyExtension())) {
            protocols.addPrivacyProtocol(p);
        }
        byte[] localEngine = MPv3.createLocalEngineID();
        USM usm = new USM(protocols, new OctetString(localEngine), 0);
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(new MPv3(localEngine, null, protocols,
                SecurityModels.getCollection(new SecurityModel[] {usm}), CounterSupport.getInstance()));
        DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping();
        Snmp snmp = new Snmp(dispatcher, transport);
        snmp.listen();
        return new SnmpClient(snmp, address, options);
    }

    /** SNMPv3 engine discovery (RFC 3414 4): needs no credentials; {@code null} when nothing answered. */
    byte[] discoverEngineId() {
        return snmp.discoverAuthoritativeEngineID(address, options.perRequest().toMillis());
    }

    Target<UdpAddress> community(String community, int version) {
        CommunityTarget<UdpAddress> t = new CommunityTarget<>(address, new OctetString(community));
        t.setVersion(version);
        return bounded(t);
    }

    /**
     * A v3 target for {@code u}. The user goes into this session's own USM table (keys are localized
     * to the device's engine id there): SNMP4J needs it to read the device's unauthenticated
     * reports — wrong digest, unknown user — as well as its answers.
     */
    Target<UdpAddress> user(SnmpV3User u, byte[] engineId) {
        AuthenticationProtocol a = auth(u.auth());
        PrivacyProtocol p = priv(u.priv());
        OctetString name = new OctetString(u.securityName());
        snmp.getUSM().addUser(name, new OctetString(engineId), new UsmUser(name,
                a == null ? null : a.getID(), a == null ? null : new OctetString(u.authPassphrase()),
                p == null ? null : p.getID(), p == null ? null : new OctetString(u.privPassphrase())));
        UserTarget<UdpAddress> t = new UserTarget<>(address, name, engineId);
        t.setVersion(SnmpConstants.version3);
        t.setSecurityLevel(a == null ? SecurityLevel.NOAUTH_NOPRIV : p == null ? SecurityLevel.AUTH_NOPRIV : SecurityLevel.AUTH_PRIV);
        return bounded(t);
    }

    /**
     * Why an authenticated v3 request went unanswered. Agents send the "wrong digest" and "unknown
     * user" reports unauthenticated, and SNMP4J rightly ignores a report below the request's security
     * level (RFC 3412 7.2.11), so the cause is narrowed down with requests at lower levels whose
     * answers and reports are acceptable: authNoPriv (answered → the authentication key is right, so
     * privacy is wrong) and noAuthNoPriv (unknownUserNames → no such user; an answer such as
     * authorizationError, or unsupportedSecLevels → the user exists, so its authentication is wrong).
     */
    String diagnoseV3(SnmpV3User u, byte[] engineId) {
        String noAnswer = "no answer to the authenticated request although the device answers SNMPv3 discovery";
        if (u.priv() != SnmpV3User.Priv.NONE) {
            SnmpV3User authOnly = new SnmpV3User(u.securityName(), u.auth(), u.authPassphrase(), SnmpV3User.Priv.NONE, null);
            Answer a = get(user(authOnly, engineId), List.of(new OID("1.3.6.1.2.1.1.3.0")));
            if (a.ok() || a.failure().startsWith("the agent answered")) {
                return noAnswer + ": authentication works, so the privacy passphrase or protocol (" + u.priv().label() + ") is wrong";
            }
        }
        if (u.auth() == SnmpV3User.Auth.NONE) {
            return noAnswer;
        }
        SnmpV3User none = new SnmpV3User(u.securityName(), SnmpV3User.Auth.NONE, null, SnmpV3User.Priv.NONE, null);
        Answer n = get(user(none, engineId), List.of(new OID("1.3.6.1.2.1.1.3.0")));
        if (!n.ok() && n.failure().contains("usmStatsUnknownUserNames")) {
            return n.failure();
        }
        // an answer (usually authorizationError: the view needs auth) or unsupportedSecLevels: the user exists
        if (n.ok() || n.failure().startsWith("the agent answered") || n.failure().contains("usmStatsUnsupportedSecLevels")) {
            return "authentication failed: the device knows user " + u.securityName()
                    + " but not with this authentication passphrase or protocol (" + u.auth().label() + ")";
        }
        return noAnswer + ": wrong passphrase or protocol, or the device drops requests from this address";
    }

    private <T extends Target<UdpAddress>> T bounded(T t) {
        t.setTimeout(options.timeout().toMillis());
        t.setRetries(options.retries());
        return t;
    }

    private static AuthenticationProtocol auth(SnmpV3User.Auth a) {
        return switch (a) {
            case NONE -> null;
            case SHA -> new AuthSHA();
            case SHA_224 -> new AuthHMAC128SHA224();
            case SHA_256 -> new AuthHMAC192SHA256();
            case SHA_384 -> new AuthHMAC256SHA384();
            case SHA_512 -> new AuthHMAC384SHA512();
        };
    }

    private static PrivacyProtocol priv(SnmpV3User.Priv p) {
        return switch (p) {
            case NONE -> null;
            case AES_128 -> new PrivAES128();
            case AES_192 -> new PrivAES192();
            case AES_256 -> new PrivAES256();
            case AES_192_C -> new PrivAES192With3DESKeyExtension();
            case AES_256_C -> new PrivAES256With3DESKeyExtension();
        };
    }

    /** The result of one request: the response's variable bindings, or why there are none. */
    record Answer(List<VariableBinding> bindings, String failure) {
        boolean ok() {
            return failure == null;
        }

        /** The value of {@code oid} in this answer, or null when absent or an exception value (noSuchObject …). */
        Variable value(OID oid) {
            if (bindings == null) {
                return null;
            }
            for (VariableBinding vb : bindings) {
                if (vb.getOid().equals(oid)) {
                    return vb.isException() ? null : vb.getVariable();
                }
            }
            return null;
        }
    }

    Answer get(Target<UdpAddress> target, List<OID> oids) {
        PDU pdu = pdu(target, PDU.GET);
        for (OID o : oids) {
            pdu.add(new VariableBinding(o));
        }
        return send(pdu, target);
    }

    private static PDU pdu(Target<UdpAddress> target, int type) {
        PDU pdu = target.getVersion() == SnmpConstants.version3 ? new ScopedPDU() : new PDU();
        pdu.setType(type);
        return pdu;
    }

    private Answer send(PDU pdu, Target<UdpAddress> target) {
        ResponseEvent<UdpAddress> ev;
        try {
            ev = snmp.send(pdu, target);
        } catch (IOException | RuntimeException e) {
            return new Answer(null, "cannot send to " + address + ": " + e.getMessage());
        }
        if (ev == null || ev.getResponse() == null) {
            String err = ev != null && ev.getError() != null ? " (" + ev.getError().getMessage() + ")" : "";
            return new Answer(null, "no answer within " + options.perRequest().toMillis() + " ms" + err);
        }
        PDU r = ev.getResponse();
        if (r.getType() == PDU.REPORT) {
            return new Answer(null, reportMessage(r));
        }
        if (r.getErrorStatus() != PDU.noError) {
            return new Answer(null, "the agent answered with error " + r.getErrorStatusText() + " (index " + r.getErrorIndex() + ")");
        }
        return new Answer(List.copyOf(r.getVariableBindings()), null);
    }

    private static String reportMessage(PDU report) {
        for (VariableBinding vb : report.getVariableBindings()) {
            for (Map.Entry<OID, String> e : USM_REPORTS.entrySet()) {
                if (vb.getOid().startsWith(e.getKey()) || e.getKey().startsWith(vb.getOid())) {
                    return e.getValue();
                }
            }
        }
        return "the agent sent a report instead of an answer: " + report.getVariableBindings();
    }

    /** One table column read with GETBULK (v2c/v3) or GETNEXT (v1), at most {@code maxRows} rows. */
    record Column(Map<String, Variable> rows, boolean truncated, String failure) {
    }

    Column walk(Target<UdpAddress> target, OID column, int maxRows) {
        Map<String, Variable> rows = new LinkedHashMap<>();
        OID next = column;
        boolean bulk = target.getVersion() != SnmpConstants.version1;
        while (true) {
            PDU pdu = pdu(target, bulk ? PDU.GETBULK : PDU.GETNEXT);
            if (bulk) {
                pdu.setNonRepeaters(0);
                pdu.setMaxRepetitions(Math.min(25, maxRows - rows.size() + 1));
            }
            pdu.add(new VariableBinding(next));
            Answer a = send(pdu, target);
            if (!a.ok()) {
                return new Column(rows, false, a.failure());
            }
            if (a.bindings().isEmpty()) {
                return new Column(rows, false, null);
            }
            for (VariableBinding vb : a.bindings()) {
                if (vb.isException() || !vb.getOid().startsWith(column) || vb.getOid().size() == column.size()) {
                    return new Column(rows, false, null);
                }
                if (vb.getOid().compareTo(next) <= 0) {
                    return new Column(rows, false, "the agent returned OIDs out of order at " + vb.getOid());
                }
                if (rows.size() == maxRows) {
                    return new Column(rows, true, null);
                }
                rows.put(vb.getOid().getSuffix(column).toDottedString(), vb.getVariable());
                next = vb.getOid();
            }
        }
    }

    @Override
    public void close() {
        try {
            snmp.close();
        } catch (IOException ignored) {
            // the UDP socket is gone either way
        }
    }
}
