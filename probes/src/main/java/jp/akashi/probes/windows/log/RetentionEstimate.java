package jp.akashi.probes.windows.log;

import static jp.akashi.probes.model.ProbeMessages.code;

import java.time.Duration;
import java.time.Instant;
import jp.akashi.probes.model.MessageCode;

/**
 * How many days an event log keeps, from its configuration and how full it is. A circular log
 * that is full holds exactly the span from its oldest event to now. One that is not full yet
 * will hold, at the rate observed so far, that span times maxSize/fileSize: an estimate, as the
 * registry says. Archive and retain modes never drop events by themselves, so no day count
 * describes them.
 *
 * @param days            the estimate, or {@code null}
 * @param unsupportedWhy  why no day count applies (archive/retain mode)
 * @param errorWhy        why the estimate cannot be made (empty log, too little history)
 */
public record RetentionEstimate(Long days, MessageCode unsupportedWhy, MessageCode errorWhy) {
    /** A log at least this full is treated as full (evtx files grow in chunks). */
    static final double FULL = 0.95;

    public static RetentionEstimate of(EventLogState.Config c, EventLogState.Info info, Instant oldest, Instant now) {
        if (!c.mode().equals("overwrite")) {
            return new RetentionEstimate(null, c.mode().equals("archive") ? code("winlog.never_overwrites_archive", c.mode())
                    : code("winlog.never_overwrites_stops", c.mode()), null);
        }
        if (oldest == null) {
            return new RetentionEstimate(null, null, code("winlog.empty"));
        }
        double ageDays = Duration.between(oldest, now).toSeconds() / 86400.0;
        if (c.maxSizeBytes() <= 0 || info.fileSizeBytes() <= 0) {
            return new RetentionEstimate(null, null, code("winlog.size_unknown", c.maxSizeBytes(), info.fileSizeBytes()));
        }
        double fill = (double) info.fileSizeBytes() / c.maxSizeBytes();
        if (fill >= FULL) {
            return new RetentionEstimate((long) Math.floor(Math.max(0, ageDays)), null, null);
        }
        if (ageDays < 1) {
            return new RetentionEstimate(null, null, code("winlog.too_little_history"));
        }
        return new RetentionEstimate((long) Math.floor(ageDays / fill), null, null);
    }
}
