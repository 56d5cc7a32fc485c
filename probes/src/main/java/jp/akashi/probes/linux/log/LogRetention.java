package jp.akashi.probes.linux.log;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.FileEntry;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.linux.ConfigReader;
import jp.akashi.probes.linux.Sources;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.model.MessageCode;

/**
 * Configured retention and the oldest entry actually present for one kind of log (authentication
 * or system). Where syslog writes a file (auth.log/secure, syslog/messages) logrotate decides and the
 * oldest rotated file holds the oldest entry; on journal-only hosts journald's settings and the
 * journal files' headers do.
 */
final class LogRetention {
    static final String LOGROTATE = "/etc/logrotate.conf";

    private final ProbeContext ctx;
    private final HostAccess h;
    private final Optional<ZoneOffset> zone;
    private final JournalConfig journal;
    private final LogWriter writer;
    private List<Logrotate.Rule> rules;
    private ConfigReader rotateFiles;

    LogRetention(ProbeContext ctx, Optional<ZoneOffset> zone, JournalConfig journal, LogWriter writer) {
        this.ctx = ctx;
        this.h = ctx.host();
        this.zone = zone;
        this.journal = journal;
        this.writer = writer;
    }

    /**
     * The configured retention counts only for the program that writes the log: logrotate's rule when a
     * syslog daemon writes the file, journald's settings when journald runs and no syslog daemon does.
     *
     * @param prefix     {@code log.auth} or {@code log.system}
     * @param candidates the files syslog writes this kind to, most common first
     * @param ageKey     the age key to record too, or null
     */
    void collect(FactSink out, String prefix, List<String> candidates, String ageKey) {
        String file = candidates.stream().filter(p -> h.stat(p).filter(e -> !e.directory()).isPresent()).findFirst().orElse(null);
        String key = prefix + ".retention_days";
        boolean filesWritten = file != null && writer.syslog() != null;
        if (!writer.known()) {
            out.error(key, code("log.writer_unknown", writer.ps().source().describeFailure()));
        } else if (filesWritten) {
            fromLogrotate(out, key, file);
        } else if (writer.journal()) {
            fromJournald(out, key, candidates, file);
        } else {
            out.error(key, writer.nobody(file),
                    writer.evidence());
        }
        if (file != null && (filesWritten || !writer.journal())) {
            oldestInFiles(out, prefix + ".oldest_entry_at", ageKey, file);
        } else {
            oldestInJournal(out, prefix + ".oldest_entry_at", ageKey, candidates);
        }
    }

    private Logrotate.Rule rule(String file) {
        if (rules == null) {
            rotateFiles = new ConfigReader(h);
            rules = Logrotate.rules(LOGROTATE, rotateFiles::content, rotateFiles::files);
        }
        return Logrotate.find(rules, file);
    }

    private void fromLogrotate(FactSink out, String key, String file) {
        Logrotate.Rule rule = rule(file);
        if (!rotateFiles.contents().containsKey(LOGROTATE)) {
            out.error(key, code("log.logrotate_unreadable", file, LOGROTATE));
            return;
        }
        if (rule == null) {
            out.error(key, code("log.no_logrotate_rule", file, String.join(", ", rotateFiles.contents().keySet())));
            return;
        }
        Logrotate.Retention r = Logrotate.retention(rule);
        Evidence ev = Evidence.of("file:" + rule.file(), rotateFiles.contents().get(rule.file()), rule.describe() + "\n# "
                + (r.days() == null ? r.why() : "rotate × interval (a month = 30 days), capped by maxage: " + r.days() + " days")
                + "\n# " + file + " is written by " + writer.syslog() + " (running)");
        if (r.days() == null) {
            out.unsupported(key, code("log.rotation_days_unknown", file, r.why()));
        } else {
            out.ok(key, r.days(), ev);
        }
    }

    private void fromJournald(FactSink out, String key, List<String> candidates, String staleFile) {
        String storage = journal.storage();
        String noFile = (staleFile == null ? "no syslog file (" + String.join(", ", candidates) + ")"
                : staleFile + " exists but no syslog daemon runs to write it") + ": systemd-journald keeps this log"
                + (journal.found() ? "" : " with its built-in defaults (no journald.conf)");
        if (!storage.equals("persistent")) {
            // volatile keeps entries in /run until the next boot; none keeps nothing
            out.ok(key, 0L, journal.evidence(writer, noFile + ", and loses it at reboot"));
            return;
        }
        String span = journal.conf().get("Journal", "MaxRetentionSec");
        Long secs = Journald.seconds(span);
        if (span != null && secs == null) {
            out.error(key, code("fact.unexpected_setting", "MaxRetentionSec", span), journal.evidence(writer));
        } else if (secs == null || secs == 0) {
            out.unsupported(key, code("log.journald_size_only"));
        } else {
            out.ok(key, secs / 86400, journal.evidence(writer, noFile));
        }
    }

    /**
     * The oldest of the file and its rotated copies (by modification time) and its first line's time.
     * A line with a year (RFC 3339 / ISO 8601) is believed. A traditional line ({@code Jan  1 00:00:05})
     * has no year and may come from a clock that was wrong (first boot before time sync): it is used
     * only when it lies within one rotation period (+ 2 days' slack) before the file's last write, as
     * the rotation configuration says it must; otherwise, or with no period to check it against, the
     * file's last write is the oldest time the host provably holds.
     */
    private void oldestInFiles(FactSink out, String key, String ageKey, String file) {
        String dir = file.substring(0, file.lastIndexOf('/'));
        String base = file.substring(file.lastIndexOf('/') + 1);
        Pattern sibling = Pattern.compile(Pattern.quote(base) + "(\\.\\d+|-\\d{8,10})?(\\.gz)?");
        List<FileEntry> files = new ArrayList<>(h.list(dir).stream()
                .filter(e -> !e.directory() && sibling.matcher(e.name()).matches() && e.size() > 0).toList());
        files.sort(Comparator.comparing(FileEntry::modified));
        if (files.isEmpty()) {
            fail(out, key, ageKey, code("log.rotated_all_empty", file), null);
            return;
        }
        FileEntry oldest = files.get(0);
        String first;
        String source;
        String content;
        if (oldest.name().endsWith(".gz")) {
            CommandResult r = Sources.run(h, Sources.QUICK, "zgrep", "-m", "1", "-e", ".", oldest.path());
            if (!r.succeeded()) {
                fail(out, key, ageKey, code("log.first_line_unreadable", oldest.path(), r.describeFailure()), null);
                return;
            }
            first = r.stdout().split("\\R", 2)[0];
            source = "cmd:" + r.command();
            content = r.stdout();
        } else {
            FileRead f = h.read(oldest.path(), 64 * 1024);
            if (!f.ok()) {
                out.failed(f, ageKey == null ? new String[] {key} : new String[] {key, ageKey});
                return;
            }
            first = f.content().lines().filter(l -> !l.isBlank()).findFirst().orElse("");
            source = "file:" + oldest.path();
            content = f.content();
        }
        String span = files.size() + " file(s) " + base + "*, oldest " + oldest.name() + " last written " + oldest.modified();
        if (SyslogTime.hasYear(first)) {
            Instant at = SyslogTime.parse(first, oldest.modified(), null);
            record(out, key, ageKey, at, Evidence.of(source, content, first + "\n# " + span + "\n# the line's own date (it carries a year)"));
            return;
        }
        if (zone.isEmpty() && SyslogTime.parse(first, oldest.modified(), ZoneOffset.UTC) != null) {
            fail(out, key, ageKey, code("log.utc_offset_unknown"), null);
            return;
        }
        Instant at = SyslogTime.parse(first, oldest.modified(), zone.orElse(null));
        Duration period = period(file);
        String why;
        if (at == null) {
            fail(out, key, ageKey, code("log.first_line_no_time", oldest.path(), first),
                    Evidence.of(source, content, first));
            return;
        }
        if (period == null) {
            why = "the line's date has no year and the rotation of " + file + " has no period to check it against";
        } else if (at.isBefore(oldest.modified().minus(period).minus(Duration.ofDays(2)))) {
            why = "the line's date " + at + " has no year and lies more than one rotation period ("
                    + rule(file).directives().get("interval")
                    + ") before the file's last write: the clock that wrote it is not trusted";
        } else {
            record(out, key, ageKey, at, Evidence.of(source, content, first + "\n# " + span
                    + "\n# the line's date has no year: year from the file's last write, within one rotation period of it"));
            return;
        }
        record(out, key, ageKey, oldest.modified(), Evidence.of(source, content, first + "\n# " + span + "\n# " + why
                + "; the oldest time provably held is the last write of " + oldest.name()));
    }

    /** The rotation period logrotate applies to {@code file}, or null (size-based, no rule). */
    private Duration period(String file) {
        Logrotate.Rule r = rule(file);
        String interval = r == null ? null : r.directives().get("interval");
        if (interval == null) {
            return null;
        }
        return switch (interval) {
            case "hourly" -> Duration.ofHours(1);
            case "daily" -> Duration.ofDays(1);
            case "weekly" -> Duration.ofDays(7);
            case "monthly" -> Duration.ofDays(31);
            default -> Duration.ofDays(366);
        };
    }

    private void oldestInJournal(FactSink out, String key, String ageKey, List<String> candidates) {
        if (!h.privileged()) {
            fail(out, key, ageKey, code("log.journal_root_only", String.join(", ", candidates)), null);
            return;
        }
        CommandResult r = Sources.run(h, Sources.SLOW, "journalctl", "--header");
        if (!r.succeeded()) {
            if (ageKey == null) {
                out.failed(r, key);
            } else {
                out.failed(r, key, ageKey);
            }
            return;
        }
        Instant at = JournalHeader.oldest(r.stdout());
        if (at == null) {
            fail(out, key, ageKey, code("log.no_journal_entries", String.join(", ", candidates)),
                    Sources.of(r, r.stdout().length() > 2000 ? r.stdout().substring(0, 2000) : r.stdout()));
            return;
        }
        record(out, key, ageKey, at, Sources.of(r, "# oldest head realtime timestamp of the journal files: " + at
                + "\n" + Sources.lines(r.stdout(), "(?i)^(file path|head realtime timestamp):")));
    }

    private void record(FactSink out, String key, String ageKey, Instant at, Evidence ev) {
        out.ok(key, at.toString(), ev);
        if (ageKey != null) {
            out.ok(ageKey, Math.max(0, Duration.between(at, ctx.clock().instant()).toDays()), ev);
        }
    }

    private static void fail(FactSink out, String key, String ageKey, MessageCode why, Evidence ev) {
        out.error(key, why, ev);
        if (ageKey != null) {
            out.error(ageKey, why, ev);
        }
    }
}
