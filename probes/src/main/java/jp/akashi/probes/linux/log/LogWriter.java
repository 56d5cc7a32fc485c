package jp.akashi.probes.linux.log;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.util.List;

import jp.akashi.probes.linux.Processes;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.linux.Sources;
import jp.akashi.probes.model.MessageCode;

/**
 * Which program writes the logs, from the process list: a retention setting nobody executes keeps
 * nothing (logrotate's rules for auth.log with no syslog daemon running, a journald drop-in on a host
 * without journald), so the settings count only for the writer that runs.
 *
 * @param syslog  the running syslog daemon (rsyslogd, syslog-ng, syslogd …), or null
 * @param journal whether systemd-journald runs
 */
record LogWriter(String syslog, boolean journal, Processes ps) {
    /** Program names of syslog daemons that write /var/log files, as ps shows them. */
    static final List<String> SYSLOG_DAEMONS = List.of("rsyslogd", "syslog-ng", "syslogd", "busybox-syslogd", "metalog", "sysklogd");

    static LogWriter of(Processes ps) {
        String daemon = ps.ok() ? SYSLOG_DAEMONS.stream().filter(ps::running).findFirst().orElse(null) : null;
        return new LogWriter(daemon, ps.ok() && ps.running("systemd-journald"), ps);
    }

    boolean known() {
        return ps.ok();
    }

    /** The value of {@code log.writer}: the syslog daemon's name, journald, or none. */
    String value() {
        if (syslog != null) {
            return syslog.equals("rsyslogd") ? "rsyslog" : syslog;
        }
        return journal ? "journald" : "none";
    }

    Evidence evidence() {
        return Sources.of(ps.source(), "# log writer: " + value() + " (syslog daemon "
                + (syslog == null ? "not running: none of " + String.join(", ", SYSLOG_DAEMONS) : syslog + " running")
                + "; systemd-journald " + (journal ? "running" : "not running") + ")");
    }

    /** Why nothing keeps {@code file}'s rotation (or, when null, any retention setting of the log). */
    MessageCode nobody(String file) {
        String daemons = String.join(", ", SYSLOG_DAEMONS);
        return file != null ? code("log.no_writer_rotation", file, daemons) : code("log.no_writer_retention", daemons);
    }
}
