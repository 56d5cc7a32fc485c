package jp.akashi.probes.linux.log;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.HostZone;
import jp.akashi.probes.linux.Processes;
import jp.akashi.probes.linux.Sources;
import jp.akashi.probes.model.Evidence;

/**
 * {@code log.*} on Linux: configured retention and oldest entry of the authentication and system
 * logs (logrotate for syslog files, journald otherwise), auditd, and forwarding to a remote
 * collector.
 */
public final class LinuxLogProbe extends PlatformProbe {
    static final List<String> AUTH_LOGS = List.of("/var/log/auth.log", "/var/log/secure");
    static final List<String> SYSTEM_LOGS = List.of("/var/log/syslog", "/var/log/messages");
    static final String AUDITD_CONF = "/etc/audit/auditd.conf";
    static final String AUDIT_RULES_D = "/etc/audit/rules.d";
    static final String AUDIT_RULES = "/etc/audit/audit.rules";

    public LinuxLogProbe() {
        super("linux.log", ProbeContext.LINUX, List.of("log.auth.retention_days", "log.auth.oldest_entry_at", "log.auth.oldest_age_days",
                "log.system.retention_days", "log.system.oldest_entry_at", "log.audit.enabled",
                "log.forwarding.enabled", "log.forwarding.targets", "log.journald.storage",
                "log.audit.max_log_file_mb", "log.audit.num_logs", "log.audit.max_log_file_action", "log.writer",
                "log.audit.rules_count", "log.forwarding.configured_targets", "time.sync.service"));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        HostAccess h = ctx.host();
        Processes ps = Processes.read(h);
        LogWriter writer = LogWriter.of(ps);
        if (writer.known()) {
            out.ok("log.writer", writer.value(), writer.evidence());
        } else {
            out.failed(ps.source(), "log.writer");
        }
        JournalConfig journal = JournalConfig.read(h);
        LogRetention retention = new LogRetention(ctx, HostZone.offset(h), journal, writer);
        retention.collect(out, "log.auth", AUTH_LOGS, "log.auth.oldest_age_days");
        retention.collect(out, "log.system", SYSTEM_LOGS, null);
        if (!writer.known()) {
            out.error("log.journald.storage", code("log.journald_unknown", ps.source().describeFailure()));
        } else if (writer.journal()) {
            out.ok("log.journald.storage", journal.storage(), journal.evidence(writer));
        } else {
            out.unsupported("log.journald.storage", journal.found()
                    ? code("log.journald_not_running_config", journal.files().get(0).path()) : code("log.journald_not_running"));
        }
        audit(h, ps, out);
        auditRules(h, out);
        LogForwarding.collect(h, ps, out);
        // log timestamps are only as good as the clock: which daemon keeps it, from the same process list
        jp.akashi.probes.linux.time.LinuxTimeSyncProbe.service(ps, out);
    }

    private static void audit(HostAccess h, Processes ps, FactSink out) {
        if (ps.ok()) {
            boolean running = ps.running("auditd");
            out.ok("log.audit.enabled", running, Sources.of(ps.source(), "auditd " + (running ? "running" : "not running")));
        } else {
            out.failed(ps.source(), "log.audit.enabled");
        }
        FileRead conf = Sources.config(h, AUDITD_CONF);
        if (!conf.ok()) {
            out.failed(conf, "log.audit.max_log_file_mb", "log.audit.num_logs", "log.audit.max_log_file_action");
            return;
        }
        Map<String, String> kv = AuditdConf.parse(conf.content());
        Evidence ev = Sources.of(conf, Sources.lines(conf.content(), "^\\s*(max_log_file|num_logs|max_log_file_action)\\s*="));
        number(out, "log.audit.max_log_file_mb", kv.get("max_log_file"), ev);
        number(out, "log.audit.num_logs", kv.get("num_logs"), ev);
        String action = kv.get("max_log_file_action");
        if (action == null) {
            out.unsupported("log.audit.max_log_file_action", code("fact.setting_unset_in", "max_log_file_action", AUDITD_CONF));
        } else {
            out.ok("log.audit.max_log_file_action", action.toUpperCase(Locale.ROOT), ev);
        }
    }

    /** {@code log.audit.rules_count}: the rules augenrules loads at boot (rules.d), else those of audit.rules. */
    private static void auditRules(HostAccess h, FactSink out) {
        String key = "log.audit.rules_count";
        List<FileRead> files = Sources.dropIns(h, AUDIT_RULES_D, ".rules");
        String from = AUDIT_RULES_D + "/*.rules";
        if (files.isEmpty()) {
            FileRead main = Sources.config(h, AUDIT_RULES);
            if (main.status() == FileRead.Status.NOT_FOUND) {
                out.unsupported(key, code("log.auditd_not_installed", AUDIT_RULES_D + ", " + AUDIT_RULES));
                return;
            }
            files = List.of(main);
            from = AUDIT_RULES;
        }
        jp.akashi.probes.linux.EvidenceTrail t = new jp.akashi.probes.linux.EvidenceTrail();
        long count = 0;
        for (FileRead f : files) {
            if (!f.ok()) {
                out.failed(f, key);
                return;
            }
            List<String> rules = AuditRules.rules(f.content());
            count += rules.size();
            t.add("file:" + f.path(), f.content(), String.join("\n", rules.stream().limit(20).toList()));
        }
        t.note(count + " audit rule(s) (-a, -A, -w) in " + from);
        out.ok(key, count, t.build("file:" + files.get(0).path()));
    }

    private static void number(FactSink out, String key, String v, Evidence ev) {
        if (v == null) {
            out.unsupported(key, code("fact.unset_in", AUDITD_CONF));
        } else if (v.matches("\\d{1,9}")) {
            out.ok(key, Long.parseLong(v), ev);
        } else {
            out.error(key, code("fact.unexpected_value_in", v, AUDITD_CONF), ev);
        }
    }
}
