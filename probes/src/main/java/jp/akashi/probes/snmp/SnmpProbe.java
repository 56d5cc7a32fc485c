package jp.akashi.probes.snmp;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.snmp4j.Target;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.model.AssetIdentity;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.model.MessageCode;

/**
 * Reads a network device over SNMP (SNMP4J): which versions answer, the system group, the
 * interface table (bounded), the v3 engine id, and vendor/model/firmware parsed from sysDescr.
 * Produces one {@link Report} per device ({@code kind = network-device}). Every failure — no
 * answer, wrong community, wrong v3 passphrase — becomes an error fact that says which.
 */
public final class SnmpProbe {
    public static final String PROBE_ID = "snmp";
    public static final String OS_FAMILY = "network-os";

    static final OID SYS_DESCR = new OID("1.3.6.1.2.1.1.1.0");
    static final OID SYS_OBJECT_ID = new OID("1.3.6.1.2.1.1.2.0");
    static final OID SYS_UPTIME = new OID("1.3.6.1.2.1.1.3.0");
    static final OID SYS_CONTACT = new OID("1.3.6.1.2.1.1.4.0");
    static final OID SYS_NAME = new OID("1.3.6.1.2.1.1.5.0");
    static final OID SYS_LOCATION = new OID("1.3.6.1.2.1.1.6.0");
    static final OID IF_NUMBER = new OID("1.3.6.1.2.1.2.1.0");
    static final OID IF_DESCR = new OID("1.3.6.1.2.1.2.2.1.2");
    static final OID IF_TYPE = new OID("1.3.6.1.2.1.2.2.1.3");
    static final OID IF_OPER_STATUS = new OID("1.3.6.1.2.1.2.2.1.8");
    /** FORTINET-FORTIGATE-MIB fgSysVersion.0: the authoritative FortiOS version. */
    static final OID FG_SYS_VERSION = new OID("1.3.6.1.4.1.12356.101.4.1.1.0");

    private static final List<OID> SYSTEM = List.of(SYS_DESCR, SYS_OBJECT_ID, SYS_UPTIME, SYS_CONTACT, SYS_NAME, SYS_LOCATION, IF_NUMBER);

    /** The well-known communities the opt-in check tries. */
    public static final List<String> WELL_KNOWN_COMMUNITIES = List.of("public", "private");

    public static final List<String> KEYS = List.of("os.family", "snmp.version_used", "snmp.v1.answers", "snmp.v2c.answers",
            "snmp.v3.answers", "snmp.v3.security_level", "snmp.v3.auth_protocol", "snmp.v3.priv_protocol", "snmp.engine_id",
            "snmp.community.well_known_accepted", "snmp.community.well_known_accepted_list", "snmp.sys_descr",
            "snmp.sys_object_id", "snmp.sys_name", "snmp.sys_contact", "snmp.sys_location", "snmp.sys_uptime_seconds",
            "snmp.interface_count", "snmp.interfaces", "net.device.vendor", "net.device.model", "net.device.os_name",
            "net.device.firmware_version", "net.device.parsed_by");

    private static final List<String> SYSTEM_KEYS = List.of("snmp.sys_descr", "snmp.sys_object_id", "snmp.sys_name",
            "snmp.sys_contact", "snmp.sys_location", "snmp.sys_uptime_seconds", "snmp.interface_count", "snmp.interfaces",
            "net.device.vendor", "net.device.model", "net.device.os_name", "net.device.firmware_version", "net.device.parsed_by");

    private static final Map<Integer, String> IF_TYPES = Map.ofEntries(
            Map.entry(1, "other"), Map.entry(6, "ethernetCsmacd"), Map.entry(23, "ppp"), Map.entry(24, "softwareLoopback"),
            Map.entry(53, "propVirtual"), Map.entry(71, "ieee80211"), Map.entry(131, "tunnel"), Map.entry(135, "l2vlan"),
            Map.entry(136, "l3ipvlan"), Map.entry(161, "ieee8023adLag"), Map.entry(166, "mpls"), Map.entry(209, "bridge"));

    private static final String[] OPER_STATUS = {null, "up", "down", "testing", "unknown", "dormant", "notPresent", "lowerLayerDown"};

    private final Clock clock;

    public SnmpProbe(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param source {@link Report#SOURCE_COLLECTOR} or {@link Report#SOURCE_SCAN}
     */
    public Report collect(SnmpTarget target, SnmpOptions options, String source) {
        Instant started = clock.instant();
        FactSink out = new FactSink(clock).forProbe(PROBE_ID);
        Run run = new Run(target, options, out);
        try {
            InetAddress ip = InetAddress.getByName(target.host());
            try (SnmpClient client = SnmpClient.open(new UdpAddress(ip, target.port()), options)) {
                run.collect(client);
            }
        } catch (UnknownHostException e) {
            run.failRest(code("snmp.unknown_host", target.host()));
        } catch (IOException e) {
            run.failRest(code("snmp.no_socket", e.getMessage()));
        }
        run.failRest(code("snmp.not_collected"));
        AssetIdentity id = new AssetIdentity(AssetIdentity.KIND_NETWORK_DEVICE, run.sysName, null, null, run.engineHex,
                target.host(), OS_FAMILY);
        return new Report(Report.SCHEMA_VERSION, UUID.randomUUID(), null, null, source, id, started, clock.instant(), out.facts());
    }

    /** State of one collection: what answered so far, and the sink. */
    private static final class Run {
        private final SnmpTarget target;
        private final SnmpOptions options;
        private final FactSink out;
        private final String where;
        private String engineHex;
        private String sysName;
        private boolean anyAnswer;

        Run(SnmpTarget target, SnmpOptions options, FactSink out) {
            this.target = target;
            this.options = options;
            this.out = out;
            this.where = target.host() + ":" + target.port();
        }

        void collect(SnmpClient c) {
            byte[] engine = c.discoverEngineId();
            recordDiscovery(engine);

            SnmpClient.Answer v2 = null;
            if (target.community() != null) {
                v2 = c.get(c.community(target.community(), SnmpConstants.version2c), SYSTEM);
                recordAnswers("snmp.v2c.answers", "SNMPv2c", "system", v2);
                SnmpClient.Answer v1 = c.get(c.community(target.community(), SnmpConstants.version1), List.of(SYS_UPTIME));
                recordAnswers("snmp.v1.answers", "SNMPv1", SYS_UPTIME.toDottedString(), v1);
            } else {
                out.unsupported("snmp.v2c.answers", code("snmp.no_community", where));
                out.unsupported("snmp.v1.answers", code("snmp.no_community", where));
            }

            Target<UdpAddress> read;
            SnmpClient.Answer sys;
            String via;
            if (target.v3() != null) {
                SnmpV3User u = target.v3();
                via = "SNMPv3 user " + u.securityName() + " (" + u.securityLevel() + ")";
                if (engine == null) {
                    read = null;
                    sys = new SnmpClient.Answer(null, "the device did not answer SNMPv3 engine discovery within "
                            + options.perRequest().toMillis() + " ms");
                } else {
                    read = c.user(u, engine);
                    sys = c.get(read, SYSTEM);
                    if (!sys.ok() && sys.failure().startsWith("no answer")) {
                        sys = new SnmpClient.Answer(null, c.diagnoseV3(u, engine));
                        read = c.user(u, engine); // the diagnosis replaced the user's keys in the session
                    }
                }
                recordV3Security(u, sys, via);
            } else {
                via = "SNMPv2c with the configured community";
                read = c.community(target.community(), SnmpConstants.version2c);
                sys = v2;
                for (String k : List.of("snmp.v3.security_level", "snmp.v3.auth_protocol", "snmp.v3.priv_protocol")) {
                    out.unsupported(k, code("snmp.no_v3_user", where));
                }
            }

            if (sys.ok()) {
                anyAnswer = true;
                out.ok("snmp.version_used", target.v3() != null ? "v3" : "v2c", evidence("system", via, "answered"));
                recordSystem(c, read, sys, via);
            } else {
                MessageCode why = target.v3() != null ? code("snmp.read_failed", where, via, sys.failure())
                        : code("snmp.read_failed_v2c", where, via, sys.failure());
                out.error("snmp.version_used", why);
                for (String k : SYSTEM_KEYS) {
                    out.error(k, why);
                }
            }

            recordWellKnown(c);
            if (anyAnswer) {
                out.ok("os.family", OS_FAMILY, evidence("system", via, "the device answered SNMP"));
            } else {
                out.error("os.family", code("snmp.no_answer", where));
            }
        }

        private void recordDiscovery(byte[] engine) {
            String what = "SNMPv3 engine discovery (no credentials)";
            if (engine != null && engine.length > 0) {
                anyAnswer = true;
                engineHex = SnmpText.hex(engine);
                Evidence ev = evidence("engine-discovery", what, "authoritative engine id " + engineHex);
                out.ok("snmp.v3.answers", true, ev);
                out.ok("snmp.engine_id", engineHex, ev);
            } else {
                out.ok("snmp.v3.answers", false, evidence("engine-discovery", what,
                        "no answer within " + options.perRequest().toMillis() + " ms"));
                out.unsupported("snmp.engine_id", code("snmp.no_engine_id"));
            }
        }

        private void recordAnswers(String key, String version, String source, SnmpClient.Answer a) {
            boolean answered = a.ok();
            anyAnswer |= answered;
            out.ok(key, answered, evidence(source, version + " with the configured community",
                    answered ? "answered" : a.failure()));
        }

        private void recordV3Security(SnmpV3User u, SnmpClient.Answer sys, String via) {
            if (sys.ok()) {
                Evidence ev = evidence("system", via, "answered");
                out.ok("snmp.v3.security_level", u.securityLevel(), ev);
                out.ok("snmp.v3.auth_protocol", u.auth().label(), ev);
                out.ok("snmp.v3.priv_protocol", u.priv().label(), ev);
            } else {
                MessageCode why = code("snmp.v3_read_failed", u.securityName(), sys.failure());
                for (String k : List.of("snmp.v3.security_level", "snmp.v3.auth_protocol", "snmp.v3.priv_protocol")) {
                    out.error(k, why);
                }
            }
        }

        private void recordSystem(SnmpClient c, Target<UdpAddress> read, SnmpClient.Answer sys, String via) {
            String descr = text(sys, SYS_DESCR, "snmp.sys_descr", via);
            String objectId = null;
            Variable oid = sys.value(SYS_OBJECT_ID);
            if (oid instanceof OID o) {
                objectId = o.toDottedString();
                out.ok("snmp.sys_object_id", objectId, evidence(SYS_OBJECT_ID.toDottedString(), via, objectId));
            } else {
                missing("snmp.sys_object_id", SYS_OBJECT_ID, oid);
            }
            sysName = text(sys, SYS_NAME, "snmp.sys_name", via);
            text(sys, SYS_CONTACT, "snmp.sys_contact", via);
            text(sys, SYS_LOCATION, "snmp.sys_location", via);
            Variable up = sys.value(SYS_UPTIME);
            if (up instanceof TimeTicks t) {
                out.ok("snmp.sys_uptime_seconds", t.toMilliseconds() / 1000, evidence(SYS_UPTIME.toDottedString(), via,
                        t.getValue() + " hundredths of a second (" + t + ")"));
            } else {
                missing("snmp.sys_uptime_seconds", SYS_UPTIME, up);
            }
            Variable n = sys.value(IF_NUMBER);
            if (n instanceof Integer32 i) {
                out.ok("snmp.interface_count", (long) i.getValue(), evidence(IF_NUMBER.toDottedString(), via, String.valueOf(i.getValue())));
            } else {
                missing("snmp.interface_count", IF_NUMBER, n);
            }
            interfaces(c, read, via);
            device(c, read, descr, objectId, via);
        }

        private String text(SnmpClient.Answer a, OID oid, String key, String via) {
            Variable v = a.value(oid);
            if (v instanceof OctetString s) {
                String value = SnmpText.decode(s.getValue());
                out.ok(key, value, evidence(oid.toDottedString(), via, value + "\n(raw hex " + SnmpText.hex(s.getValue()) + ")"));
                return value;
            }
            missing(key, oid, v);
            return null;
        }

        private void missing(String key, OID oid, Variable v) {
            out.error(key, v == null ? code("snmp.no_such_object", oid) : code("snmp.unexpected_type", oid, v.getSyntaxString(), v));
        }

        private void interfaces(SnmpClient c, Target<UdpAddress> read, String via) {
            if (options.maxInterfaces() == 0) {
                out.unsupported("snmp.interfaces", code("snmp.walk_disabled"));
                return;
            }
            SnmpClient.Column descr = c.walk(read, IF_DESCR, options.maxInterfaces());
            SnmpClient.Column type = c.walk(read, IF_TYPE, options.maxInterfaces());
            SnmpClient.Column oper = c.walk(read, IF_OPER_STATUS, options.maxInterfaces());
            for (SnmpClient.Column col : List.of(descr, type, oper)) {
                if (col.failure() != null) {
                    out.error("snmp.interfaces", code("snmp.walk_failed", where, col.failure()));
                    return;
                }
            }
            List<Object> rows = new ArrayList<>();
            StringBuilder raw = new StringBuilder();
            for (Map.Entry<String, Variable> e : descr.rows().entrySet()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("index", Long.parseLong(e.getKey()));
                row.put("descr", e.getValue() instanceof OctetString s ? SnmpText.decode(s.getValue()) : e.getValue().toString());
                if (type.rows().get(e.getKey()) instanceof Integer32 t) {
                    row.put("type", (long) t.getValue());
                    String name = IF_TYPES.get(t.getValue());
                    if (name != null) {
                        row.put("type_name", name);
                    }
                }
                if (oper.rows().get(e.getKey()) instanceof Integer32 s && s.getValue() > 0 && s.getValue() < OPER_STATUS.length) {
                    row.put("oper_status", OPER_STATUS[s.getValue()]);
                }
                rows.add(row);
                raw.append(e.getKey()).append(' ').append(row).append('\n');
            }
            boolean cut = descr.truncated() || type.truncated() || oper.truncated();
            if (cut) {
                raw.append("(walk stopped after ").append(options.maxInterfaces()).append(" rows; the device has more)\n");
            }
            out.ok("snmp.interfaces", rows, evidence("ifTable", via, raw.toString()));
        }

        private void device(SnmpClient c, Target<UdpAddress> read, String descr, String objectId, String via) {
            DeviceDescription d = SysDescrParser.parse(descr, objectId);
            String fromText = "sysDescr " + (descr == null ? "(unreadable)" : "'" + descr + "'") + ", sysObjectID " + objectId;
            Evidence ev = evidence(SYS_DESCR.toDottedString(), via, fromText);
            Evidence firmwareEv = ev;
            if ("Fortinet".equals(d.vendor())) {
                SnmpClient.Answer fg = c.get(read, List.of(FG_SYS_VERSION));
                if (fg.ok() && fg.value(FG_SYS_VERSION) instanceof OctetString s) {
                    String raw = SnmpText.decode(s.getValue());
                    String v = SysDescrParser.fortiOsVersion(raw).orElse(null);
                    if (v != null) {
                        d = d.withFirmwareVersion(v);
                        firmwareEv = evidence(FG_SYS_VERSION.toDottedString(), via, "fgSysVersion " + raw);
                    }
                }
            }
            okOrError("net.device.vendor", d.vendor(), ev, code("snmp.vendor_unknown"));
            okOrError("net.device.model", d.model(), ev, code("snmp.model_unknown", d.parsedBy()));
            okOrError("net.device.os_name", d.osName(), ev, code("snmp.os_unknown", d.parsedBy()));
            okOrError("net.device.firmware_version", d.firmwareVersion(), firmwareEv, code("snmp.firmware_unknown", d.parsedBy()));
            out.ok("net.device.parsed_by", d.parsedBy(), ev);
        }

        private void okOrError(String key, String value, Evidence ev, MessageCode why) {
            if (value == null || value.isBlank()) {
                out.error(key, why, ev);
            } else {
                out.ok(key, value, ev);
            }
        }

        private void recordWellKnown(SnmpClient c) {
            if (!options.testWellKnownCommunities()) {
                MessageCode why = code("snmp.well_known_opt_in");
                out.unsupported("snmp.community.well_known_accepted", why);
                out.unsupported("snmp.community.well_known_accepted_list", why);
                return;
            }
            List<String> accepted = new ArrayList<>();
            StringBuilder log = new StringBuilder();
            for (String community : WELL_KNOWN_COMMUNITIES) {
                boolean ok = false;
                for (int version : new int[] {SnmpConstants.version2c, SnmpConstants.version1}) {
                    SnmpClient.Answer a = c.get(c.community(community, version), List.of(SYS_UPTIME));
                    String v = version == SnmpConstants.version1 ? "v1" : "v2c";
                    log.append(community).append(" ").append(v).append(": ").append(a.ok() ? "answered" : a.failure()).append('\n');
                    if (a.ok()) {
                        ok = true;
                        break;
                    }
                }
                if (ok) {
                    accepted.add(community);
                }
            }
            anyAnswer |= !accepted.isEmpty();
            Evidence ev = evidence("well-known-communities", "SNMPv2c, then SNMPv1 (opt-in check)", log.toString());
            out.ok("snmp.community.well_known_accepted", !accepted.isEmpty(), ev);
            out.ok("snmp.community.well_known_accepted_list", accepted, ev);
        }

        /** Records every key not recorded yet as an error (used when the collection stops early). */
        void failRest(MessageCode why) {
            for (String k : KEYS) {
                if (!out.has(k)) {
                    out.error(k, why);
                }
            }
        }

        /** Evidence for what one request returned: source {@code snmp:<oid or operation>}. */
        private Evidence evidence(String source, String via, String result) {
            return Evidence.of("snmp:" + source, source + " from " + where + " over " + via + ": " + result);
        }
    }
}
