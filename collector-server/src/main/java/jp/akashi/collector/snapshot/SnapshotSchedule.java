package jp.akashi.collector.snapshot;

import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.scheduling.cron.CronExpression;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

import jp.akashi.collector.config.DisplayZone;
import jp.akashi.collector.store.Leases;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes snapshots on a schedule: {@code akashi.snapshots.schedule} is a cron expression with
 * seconds (default {@code 0 0 0 1 * *}: the 1st of every month at 00:00) in
 * {@code akashi.snapshots.schedule-zone} (default: the display zone, {@code akashi.display-zone}), or {@code off}. A bad expression
 * stops the collector at start with the reason. With several instances on one PostgreSQL database
 * every instance wakes at the same instants and one takes the snapshot: the lease
 * {@value #LEASE} lasts half the period (at most an hour), so a killed leader is replaced at the
 * next scheduled time ({@link Leases}).
 * <p>
 * It runs on Micronaut's scheduler (the {@code scheduled} executor), on no thread of its own: the
 * next run time is worked out from the cron in the schedule's zone by the collector's {@link Clock},
 * and a one-shot wake-up is scheduled for it, at most a minute ahead, so a changed clock (or a
 * suspended machine) is noticed within a minute; {@code @Scheduled(cron = …)} would allow neither
 * {@code off} nor the zone taken from {@code akashi.display-zone}.
 */
@Context
public class SnapshotSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotSchedule.class);
    public static final String ACTOR = "system:schedule";
    static final String LEASE = "snapshot.schedule";
    private final Leases leases;

    private final SnapshotService snapshots;
    private final Clock clock;
    private final CronExpression cron;
    private final ZoneId zone;
    private final TaskScheduler scheduler;
    private volatile boolean running = true;
    private volatile Instant next;
    private volatile ScheduledFuture<?> wakeUp;

    public SnapshotSchedule(SnapshotService snapshots, Clock clock, Leases leases,
                            SnapshotsProperties settings, DisplayZone displayZone,
                            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        String schedule = settings.schedule();
        String zone = settings.scheduleZone();
        this.snapshots = snapshots;
        this.clock = clock;
        this.leases = leases;
        this.scheduler = scheduler;
        try {
            this.zone = zone == null || zone.isBlank() ? displayZone.zone() : ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("akashi.snapshots.schedule-zone: not a time zone: " + zone);
        }
        String s = schedule == null ? "" : schedule.strip();
        if (s.isEmpty() || s.equalsIgnoreCase("off") || s.equalsIgnoreCase("false")) {
            this.cron = null;
            LOG.info("scheduled snapshots are off (akashi.snapshots.schedule)");
            return;
        }
        this.cron = parse(s);
        planNext();
    }

    static CronExpression parse(String s) {
        if (s.split("\\s+").length != 6) {
            throw new IllegalArgumentException("akashi.snapshots.schedule: '" + s
                    + "' must have six fields (second minute hour day-of-month month day-of-week), e.g. '0 0 0 1 * *', or be 'off'");
        }
        try {
            return CronExpression.create(s);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("akashi.snapshots.schedule: '" + s + "' is not a cron expression: " + e.getMessage());
        }
    }

    /** When the next scheduled snapshot is due, or empty when scheduling is off. */
    public Optional<Instant> nextRun() {
        return Optional.ofNullable(next);
    }

    /** The zone the expression is read in. */
    public ZoneId zone() {
        return zone;
    }

    public Optional<String> expression() {
        return Optional.ofNullable(cron).map(CronExpression::getExpression);
    }

    /** The first run time strictly after {@code after}. */
    static Instant nextAfter(CronExpression cron, Instant after, ZoneId zone) {
        return cron.nextTimeAfter(ZonedDateTime.ofInstant(after, zone)).toInstant();
    }

    /** Works out the next run time and schedules the first wake-up for it. */
    private void planNext() {
        next = nextAfter(cron, Instant.ofEpochMilli(clock.millis()), zone);
        wakeUpFor(next);
    }

    private synchronized void wakeUpFor(Instant due) {
        if (running) {
            long wait = Math.max(0, due.toEpochMilli() - clock.millis());
            wakeUp = scheduler.schedule(Duration.ofMillis(Math.min(wait, 60_000)), () -> wake(due));
        }
    }

    /** A wake-up: not yet due, sleeps again (at most a minute); due, takes the snapshot and plans the next one. */
    private void wake(Instant due) {
        if (!running) {
            return;
        }
        if (due.toEpochMilli() - clock.millis() > 0) {
            wakeUpFor(due);
            return;
        }
        try {
            boolean ran = leases.runIfHolder(LEASE, leaseFor(due), () -> {
                SnapshotStore.SnapshotRecord s = snapshots.createSnapshot(ACTOR, SnapshotService.SCHEDULED, "定期スナップショット");
                LOG.info("scheduled snapshot {} created", s.id());
            });
            if (!ran) {
                LOG.info("scheduled snapshot due at {} is taken by another collector instance", due);
            }
        } catch (RuntimeException e) {
            if (!running) {
                return;
            }
            LOG.error("scheduled snapshot failed; the next one is still scheduled", e);
        }
        try {
            planNext();
        } catch (RuntimeException e) {
            LOG.error("the next scheduled snapshot could not be planned", e);
        }
    }

    /** Half the time to the following run, between 1 s and an hour: longer than the instances' wake-up spread, shorter than the period. */
    Duration leaseFor(Instant due) {
        long period = nextAfter(cron, due, zone).toEpochMilli() - due.toEpochMilli();
        return Duration.ofMillis(Math.max(1000, Math.min(3_600_000, period / 2)));
    }

    @PreDestroy
    public synchronized void stop() {
        running = false;
        ScheduledFuture<?> w = wakeUp;
        if (w != null) {
            w.cancel(true); // interrupts a snapshot under way, as the own thread's interrupt did
        }
    }
}
