package jp.akashi.probes.targets;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.exposure.PortScanner;
import jp.akashi.probes.exposure.ScanRequest;
import jp.akashi.probes.host.ssh.HostKeyPolicy;
import jp.akashi.probes.host.ssh.SshSettings;
import jp.akashi.probes.host.ssh.SshTarget;
import jp.akashi.probes.model.AssetIdentity;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.remote.RemoteCollection;
import jp.akashi.probes.remote.RemoteResult;
import jp.akashi.probes.snmp.SnmpOptions;
import jp.akashi.probes.snmp.SnmpProbe;
import jp.akashi.probes.snmp.SnmpTarget;
import jp.akashi.probes.targets.TargetRunResult.AddressReport;
import jp.akashi.probes.targets.TargetRunResult.ProbeResult;
import jp.akashi.probes.tls.TlsProbe;
import jp.akashi.probes.model.MessageCode;

/**
 * Runs the probes a {@link TargetSpec} asks for and merges what they found into one report per
 * address, so that one asset's current facts come from one report (SSH or SNMP facts, plus the
 * exposure and TLS facts of the same address). The collector's scheduler and the agent's
 * {@code scan} command both use it; only the {@code source} and the vantage point differ.
 */
public final class TargetRunner {
    static final String NO_CREDENTIALS = "NO_CREDENTIALS";
    static final String NO_ANSWER = "NO_ANSWER";
    static final String ERROR = "ERROR";

    private final Clock clock;
    private final String source;
    private final String scannedFrom;
    private final SshSettings sshSettings;
    private final Duration tlsTimeout;

    /**
     * @param source      {@link Report#SOURCE_COLLECTOR} or {@link Report#SOURCE_SCAN}
     * @param scannedFrom vantage point recorded with exposure facts ({@code collector}, {@code agent:web01})
     */
    public TargetRunner(Clock clock, String source, String scannedFrom, SshSettings sshSettings, Duration tlsTimeout) {
        if (!Report.SOURCE_COLLECTOR.equals(source) && !Report.SOURCE_SCAN.equals(source)) {
            throw new IllegalArgumentException("source must be collector or scan, got " + source);
        }
        this.clock = clock;
        this.source = source;
        this.scannedFrom = scannedFrom;
        this.sshSettings = sshSettings;
        this.tlsTimeout = tlsTimeout;
    }

    /** Facts and identity gathered for one address across probes. */
    private static final class Part {
        final List<Fact> facts = new ArrayList<>();
        AssetIdentity identity;
        boolean collected;

        void add(List<Fact> more) {
            for (Fact f : more) {
                if (facts.stream().noneMatch(x -> x.key().equals(f.key()))) {
                    facts.add(f);
                }
            }
        }
    }

    /**
     * Runs {@code spec}. Never throws for anything a target can do; {@code budget} bounds the SSH
     * collection once connected (the other probes are bounded by their timeouts and the spec's size limits).
     */
    public TargetRunResult run(TargetSpec spec, TargetSecrets secrets, HostKeyPolicy hostKeys, Duration budget) {
        Instant started = clock.instant();
        List<String> addresses = spec.expand();
        Map<String, Part> parts = new LinkedHashMap<>();
        addresses.forEach(a -> parts.put(a, new Part()));
        List<ProbeResult> results = new ArrayList<>();
        String hostKey = null;
        boolean authenticated = false;

        if (spec.has(ProbeKind.SSH)) {
            RemoteResult r = ssh(spec, secrets, hostKeys, budget, parts.get(spec.address()), results);
            if (r != null) {
                hostKey = r.hostKey();
                authenticated = switch (r.outcome()) {
                    case OK, SUDO_FAILED, UNSUPPORTED_OS -> true;
                    default -> false;
                };
            }
        }
        if (spec.has(ProbeKind.SNMP)) {
            results.add(snmp(spec, secrets, parts.get(spec.address())));
        }
        Map<String, List<Long>> open = new LinkedHashMap<>();
        if (spec.has(ProbeKind.PORTS)) {
            results.add(ports(spec, addresses, parts, open));
        }
        if (spec.has(ProbeKind.TLS)) {
            results.add(tls(spec, parts, spec.has(ProbeKind.PORTS) ? open : null));
        }

        Instant finished = clock.instant();
        List<AddressReport> reports = new ArrayList<>();
        for (Map.Entry<String, Part> e : parts.entrySet()) {
            Part p = e.getValue();
            if (p.facts.isEmpty()) {
                continue;
            }
            AssetIdentity id = p.identity != null ? withAddress(p.identity, e.getKey()) : addressOnly(spec.kind(), e.getKey());
            reports.add(new AddressReport(e.getKey(), new Report(Report.SCHEMA_VERSION, UUID.randomUUID(), null, null, source, id,
                    started, finished, List.copyOf(p.facts)), p.collected));
        }
        long ok = results.stream().filter(ProbeResult::ok).count();
        TargetRunResult.Outcome outcome = ok == results.size() ? TargetRunResult.Outcome.OK
                : ok > 0 ? TargetRunResult.Outcome.PARTIAL : TargetRunResult.Outcome.FAILED;
        return new TargetRunResult(outcome, List.copyOf(results), List.copyOf(reports), hostKey, authenticated, started, finished);
    }

    private RemoteResult ssh(TargetSpec spec, TargetSecrets secrets, HostKeyPolicy hostKeys, Duration budget, Part part,
                             List<ProbeResult> results) {
        if (secrets.ssh() == null) {
            results.add(new ProbeResult(ProbeKind.SSH, NO_CREDENTIALS, "no SSH credentials for " + spec.address()));
            return null;
        }
        SshTarget target;
        try {
            target = new SshTarget(spec.address(), spec.options().sshPort(), secrets.ssh(), hostKeys, spec.options().sudo());
        } catch (IllegalArgumentException e) {
            results.add(new ProbeResult(ProbeKind.SSH, ERROR, e.getMessage()));
            return null;
        }
        RemoteResult r = RemoteCollection.ssh(sshSettings, source, Map.of()).collect(target, budget);
        if (r.ok()) {
            part.add(r.report().facts());
            part.identity = r.report().asset();
            part.collected = true;
            results.add(new ProbeResult(ProbeKind.SSH, ProbeResult.OK, null));
        } else {
            FactSink sink = new FactSink(clock).forProbe("remote.ssh");
            sink.error("remote.method", code("remote.ssh_failed", r.outcome(), r.message()));
            part.add(sink.facts());
            results.add(new ProbeResult(ProbeKind.SSH, r.outcome().name(), r.message()));
        }
        return r;
    }

    private ProbeResult snmp(TargetSpec spec, TargetSecrets secrets, Part part) {
        if (secrets.community() == null && secrets.snmpV3() == null) {
            return new ProbeResult(ProbeKind.SNMP, NO_CREDENTIALS, "no SNMP community or v3 user for " + spec.address());
        }
        TargetOptions o = spec.options();
        Report r;
        try {
            r = new SnmpProbe(clock).collect(new SnmpTarget(spec.address(), o.snmpPort(), secrets.community(), secrets.snmpV3()),
                    new SnmpOptions(Duration.ofMillis(o.snmpTimeoutMs()), o.snmpRetries(), 256, o.testWellKnownCommunities()), source);
        } catch (IllegalArgumentException e) {
            return new ProbeResult(ProbeKind.SNMP, ERROR, e.getMessage());
        }
        List<Fact> facts = ConfiguredCommunity.apply(r.facts(), secrets.community(), spec.address(), o.snmpPort(), clock);
        part.add(facts);
        part.identity = r.asset();
        Fact answered = find(facts, "os.family");
        Fact read = find(facts, "snmp.version_used");
        part.collected = answered != null && answered.ok();
        if (read != null && read.ok()) {
            return new ProbeResult(ProbeKind.SNMP, ProbeResult.OK, null);
        }
        String why = read != null ? read.message() : answered != null ? answered.message() : "no SNMP facts";
        return new ProbeResult(ProbeKind.SNMP, part.collected ? ERROR : NO_ANSWER, why);
    }

    private ProbeResult ports(TargetSpec spec, List<String> addresses, Map<String, Part> parts, Map<String, List<Long>> open) {
        List<Report> reports;
        try {
            ScanRequest req = new ScanRequest(addresses, spec.options().ports(), scannedFrom, Duration.ofMillis(1500), Duration.ofMillis(500),
                    64, 200, TargetSpec.MAX_ADDRESSES, TargetSpec.MAX_CONNECTIONS, spec.kind());
            reports = new PortScanner(clock).scan(req, source);
        } catch (IllegalArgumentException e) {
            return new ProbeResult(ProbeKind.PORTS, ERROR, e.getMessage());
        }
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < reports.size() && i < addresses.size(); i++) {
            Part p = parts.get(addresses.get(i));
            p.add(reports.get(i).facts());
            Fact f = find(reports.get(i).facts(), "exposure.open_ports");
            if (f != null && f.ok() && f.value() instanceof List<?> l) {
                p.collected = true;
                open.put(addresses.get(i), l.stream().map(x -> ((Number) x).longValue()).toList());
            } else {
                failures.add(addresses.get(i) + ": " + (f == null ? "not scanned" : f.message()));
            }
        }
        return failures.isEmpty() ? new ProbeResult(ProbeKind.PORTS, ProbeResult.OK, null)
                : new ProbeResult(ProbeKind.PORTS, ERROR, summarise(failures, addresses.size()));
    }

    /** @param open open ports per address when the ports probe ran (TLS is then inspected only there), else null */
    private ProbeResult tls(TargetSpec spec, Map<String, Part> parts, Map<String, List<Long>> open) {
        TlsProbe probe = new TlsProbe(clock, tlsTimeout);
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Part> e : parts.entrySet()) {
            String address = e.getKey();
            List<Integer> ports = spec.options().tlsPorts();
            if (open != null) {
                List<Long> here = open.get(address);
                ports = here == null ? List.of() : ports.stream().filter(p -> here.contains((long) p)).toList();
            }
            if (ports.isEmpty()) {
                FactSink sink = new FactSink(clock).forProbe(TlsProbe.PROBE_ID);
                MessageCode why = open != null && !open.containsKey(address) ? code("tls.port_scan_failed", address)
                        : code("tls.no_open_port", spec.options().tlsPorts(), address);
                TlsProbe.KEYS.forEach(k -> sink.unsupported(k, why));
                e.getValue().add(sink.facts());
                continue;
            }
            String serverName = isAddressLiteral(address) ? null : address;
            Report r = probe.report(address, ports.stream().map(p -> new TlsProbe.Endpoint(address, p, serverName)).toList(),
                    source, spec.kind());
            e.getValue().add(r.facts());
            Fact endpoints = find(r.facts(), "tls.endpoints");
            if (endpoints != null && endpoints.ok() && endpoints.value() instanceof List<?> l
                    && l.stream().anyMatch(x -> x instanceof Map<?, ?> m && !m.containsKey("error"))) {
                e.getValue().collected = true;
            }
            Fact summary = find(r.facts(), "tls.protocols_accepted");
            if (summary == null || !summary.ok()) {
                failures.add(address + ": " + (summary == null ? "not inspected" : summary.message()));
            }
        }
        return failures.isEmpty() ? new ProbeResult(ProbeKind.TLS, ProbeResult.OK, null)
                : new ProbeResult(ProbeKind.TLS, ERROR, summarise(failures, parts.size()));
    }

    private static String summarise(List<String> failures, int total) {
        String shown = String.join("; ", failures.subList(0, Math.min(5, failures.size())));
        return failures.size() + " of " + total + " addresses failed: " + shown + (failures.size() > 5 ? "; …" : "");
    }

    private static Fact find(List<Fact> facts, String key) {
        return facts.stream().filter(f -> f.key().equals(key)).findFirst().orElse(null);
    }

    static boolean isAddressLiteral(String a) {
        if (a.contains(":")) {
            return true;
        }
        return a.matches("[0-9.]+");
    }

    private static AssetIdentity withAddress(AssetIdentity a, String address) {
        return new AssetIdentity(a.kind(), a.hostname(), a.machineId(), a.hardwareUuid(), a.snmpEngineId(), address, a.osFamily());
    }

    private static AssetIdentity addressOnly(String kind, String address) {
        return new AssetIdentity(kind, isAddressLiteral(address) ? null : address, null, null, null, address, null);
    }
}
