package jp.akashi.probes.windows.log;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.windows.FileExport;
import jp.akashi.probes.windows.PowerShellRun;
import jp.akashi.probes.windows.WinSection;
import jp.akashi.probes.windows.WindowsInventory;
import jp.akashi.probes.windows.WindowsServices;
import jp.akashi.probes.model.MessageCode;

/**
 * {@code log.*} on Windows. The Security log stands for the authentication log and the System log
 * for the system log: their configuration, size and oldest event come from {@code wevtutil}
 * (separate fast commands; reading the Security log needs Administrator rights). Audit policy
 * comes from {@code auditpol /backup} and forwarding from the Windows Event Forwarding policy and
 * known log-shipper services, both through the shared inventory.
 */
public final class WindowsLogProbe extends PlatformProbe {
    static final Duration WEVTUTIL_TIMEOUT = Duration.ofSeconds(30);

    public WindowsLogProbe() {
        super("windows.log", ProbeContext.WINDOWS, List.of("log.auth.retention_days", "log.auth.oldest_entry_at", "log.auth.oldest_age_days",
                "log.system.retention_days", "log.system.oldest_entry_at", "log.audit.enabled", "log.forwarding.enabled",
                "log.forwarding.targets", "log.windows.security", "log.windows.system", "log.windows.audit_policy"));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        Instant now = ctx.clock().instant();
        eventLog(ctx.host(), now, out, "Security", "log.auth.retention_days", "log.auth.oldest_entry_at", "log.auth.oldest_age_days", "log.windows.security");
        eventLog(ctx.host(), now, out, "System", "log.system.retention_days", "log.system.oldest_entry_at", null, "log.windows.system");
        PowerShellRun inv = WindowsInventory.of(ctx);
        audit(inv.section("auditpol"), out);
        forwarding(inv, out);
    }

    private static void eventLog(HostAccess h, Instant now, FactSink out, String log, String retentionKey,
                                 String oldestKey, String ageKey, String detailKey) {
        CommandResult gl = h.exec(List.of("wevtutil.exe", "gl", log, "/f:xml"), WEVTUTIL_TIMEOUT);
        CommandResult gli = h.exec(List.of("wevtutil.exe", "gli", log), WEVTUTIL_TIMEOUT);
        CommandResult qe = h.exec(List.of("wevtutil.exe", "qe", log, "/rd:false", "/c:1", "/f:xml"), WEVTUTIL_TIMEOUT);
        List<String> oldestKeys = new ArrayList<>(List.of(oldestKey));
        if (ageKey != null) {
            oldestKeys.add(ageKey);
        }

        Instant oldest = null;
        MessageCode oldestProblem = null;
        if (!qe.succeeded()) {
            out.failed(qe, oldestKeys.toArray(String[]::new));
            oldestProblem = qe.failureCode();
        } else {
            Evidence ev = ev(qe);
            try {
                Optional<Instant> o = EventLogState.oldest(qe.stdout());
                if (o.isPresent()) {
                    oldest = o.get();
                    out.ok(oldestKey, oldest.toString(), ev);
                    if (ageKey != null) {
                        out.ok(ageKey, Math.max(0, Duration.between(oldest, now).toDays()), ev);
                    }
                } else {
                    oldestProblem = code("winlog.no_event", log);
                    oldestKeys.forEach(k -> out.error(k, code("winlog.no_event", log), ev));
                }
            } catch (IllegalArgumentException e) {
                oldestProblem = code("fact.output_problem", e.getMessage());
                oldestKeys.forEach(k -> out.error(k, code("winlog.wevtutil_qe_unparsed", log, e.getMessage()), ev));
            }
        }

        if (!gl.succeeded() || !gli.succeeded()) {
            out.failed(gl.succeeded() ? gli : gl, retentionKey, detailKey);
            return;
        }
        Evidence ev = Evidence.of("cmd:wevtutil.exe gl/gli/qe " + log, gl.stdout() + gli.stdout() + qe.stdout(),
                gl.stdout().strip() + "\n" + gli.stdout().strip() + "\n" + firstLine(qe.stdout()));
        EventLogState.Config config;
        EventLogState.Info info;
        try {
            config = EventLogState.config(gl.stdout());
            info = EventLogState.info(gli.stdout());
        } catch (IllegalArgumentException e) {
            out.error(retentionKey, code("winlog.wevtutil_unparsed", log, e.getMessage()), ev);
            out.error(detailKey, code("winlog.wevtutil_unparsed", log, e.getMessage()), ev);
            return;
        }
        Map<String, Object> detail = new java.util.LinkedHashMap<>(config.toMap());
        detail.put("file_size_bytes", info.fileSizeBytes());
        if (info.records() != null) {
            detail.put("records", info.records());
        }
        out.ok(detailKey, detail, ev);

        RetentionEstimate r = RetentionEstimate.of(config, info, oldest, now);
        if (r.days() != null) {
            out.ok(retentionKey, r.days(), ev);
        } else if (r.unsupportedWhy() != null) {
            out.unsupported(retentionKey, r.unsupportedWhy());
        } else {
            out.error(retentionKey, oldest == null && oldestProblem != null ? oldestProblem : r.errorWhy(), ev);
        }
    }

    private static void audit(WinSection s, FactSink out) {
        if (!s.ok()) {
            s.fail(out, "log.audit.enabled", "log.windows.audit_policy");
            return;
        }
        Map<String, Integer> p;
        String text;
        try {
            text = FileExport.text(s.data(), "auditpol /backup");
            p = AuditPolicy.parse(text);
        } catch (IllegalArgumentException e) {
            s.malformed(out, "log.audit.enabled", e.getMessage());
            s.malformed(out, "log.windows.audit_policy", e.getMessage());
            return;
        }
        Evidence ev = Evidence.of("cmd:auditpol.exe /backup", text, text);
        Map<String, Object> named = new java.util.LinkedHashMap<>();
        AuditPolicy.SUBCATEGORIES.forEach((guid, name) -> {
            Integer v = p.get(guid);
            if (v != null) {
                named.put(name, AuditPolicy.name(v));
            }
        });
        out.ok("log.windows.audit_policy", named, ev);
        Integer logon = p.get(AuditPolicy.LOGON);
        if (logon == null) {
            out.error("log.audit.enabled", code("winlog.no_logon_subcategory", AuditPolicy.LOGON), ev);
        } else {
            out.ok("log.audit.enabled", logon >= 1 && logon <= 3, ev);
        }
    }

    private static void forwarding(PowerShellRun inv, FactSink out) {
        WinSection f = inv.section("forwarding");
        WinSection svc = inv.section("services");
        List<String> shippers = new ArrayList<>();
        if (svc.ok()) {
            WindowsServices services = WindowsServices.parse(svc.data());
            for (String name : EventForwarding.FORWARDER_SERVICES) {
                services.get(name).filter(WindowsServices.Service::running).ifPresent(s -> shippers.add(s.name()));
            }
        }
        if (!f.ok()) {
            if (!shippers.isEmpty()) {
                out.ok("log.forwarding.enabled", true, svc.evidence());
            } else {
                f.fail(out, "log.forwarding.enabled");
            }
            f.fail(out, "log.forwarding.targets");
            return;
        }
        List<String> targets = EventForwarding.targets(f.data());
        boolean enabled = !targets.isEmpty() || !shippers.isEmpty();
        if (enabled || svc.ok()) {
            out.ok("log.forwarding.enabled", enabled, f.evidence());
        } else {
            out.error("log.forwarding.enabled", code("winlog.forwarding_unknown", svc.message()), f.evidence());
        }
        if (!targets.isEmpty() || shippers.isEmpty()) {
            out.ok("log.forwarding.targets", targets, f.evidence());
        } else {
            out.error("log.forwarding.targets", code("winlog.shipper_targets_elsewhere", String.join(", ", shippers)), f.evidence());
        }
    }

    private static Evidence ev(CommandResult r) {
        return Evidence.of("cmd:" + r.command(), r.stdout());
    }

    private static String firstLine(String s) {
        String t = s == null ? "" : s.strip();
        int i = t.indexOf("</System>");
        return i > 0 ? t.substring(0, i + 9) : t;
    }
}
