package jp.akashi.collector.store;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work that must run on one collector instance at a time when several instances share one
 * PostgreSQL database: named leases in table {@code leases} (holder, expiry), timed by the
 * database's clock so that the instances' own clocks do not matter. On SQLite there is one
 * instance, which always holds every lease (only this process's own holders exclude each other).
 *
 * <h2>Two uses</h2>
 * <ul>
 * <li>{@link #runIfHolder(String, Duration, Runnable)}: scheduled work that runs once per period
 * across instances. Every instance calls it when its timer fires; the first one takes the lease
 * for {@code ttl} and runs the work, the others skip. The lease is <em>kept</em> after the work
 * (it simply expires), so an instance that fires a little later in the same period skips too.
 * Choose {@code ttl}:
 *   <ul>
 *   <li>for work every instance fires at the same wall-clock instants (a cron expression):
 *   shorter than the period, e.g. half of it; after a leader dies, the next period runs elsewhere;</li>
 *   <li>for work on each instance's own fixed-delay timer: the period itself; the instance that
 *   ran it renews it at its next firing (a holder always gets its own lease back), a survivor
 *   takes over at most two periods after the leader died.</li>
 *   </ul></li>
 * <li>{@link #tryAcquire(String, Duration)}: exclusive work that others must not start meanwhile
 * (a target's run): the lease is renewed while held and released by {@link Lease#close()}.</li>
 * </ul>
 * While work runs, the lease is renewed every third of {@code ttl}, so work longer than
 * {@code ttl} stays exclusive; a killed holder's lease expires {@code ttl} after its last renewal.
 * Lease names are free text; use the job's property prefix ({@code snapshot.schedule},
 * {@code evaluation.full-pass}, {@code target-run:<id>}).
 */
@Singleton
public class Leases {
    private static final Logger LOG = LoggerFactory.getLogger(Leases.class);
    private static final String DB_NOW_MS = "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";

    private final Database db;
    private final String holder;
    /** Leases this process holds and renews now (excludes a second holder in the same process). */
    private final Set<String> active = ConcurrentHashMap.newKeySet();
    /** The named executor (application.yml: scheduled, one thread) that renews leases and does nothing else. */
    public static final String RENEWAL_EXECUTOR = "lease-renewal";
    private final ScheduledExecutorService renewer;

    /** Outside the application (tests): renews on a thread of its own. */
    public Leases(Database db) {
        this(db, (java.util.concurrent.ExecutorService) Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "akashi-lease-renewal");
            t.setDaemon(true);
            return t;
        }));
    }

    @jakarta.inject.Inject
    public Leases(Database db, @jakarta.inject.Named(RENEWAL_EXECUTOR) java.util.concurrent.ExecutorService renewer) {
        if (!(renewer instanceof ScheduledExecutorService scheduled)) {
            throw new IllegalStateException("micronaut.executors." + RENEWAL_EXECUTOR + " must be of type scheduled");
        }
        this.renewer = scheduled;
        this.db = db;
        this.holder = host() + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This process's holder name as stored in {@code leases.holder}. */
    public String holder() {
        return holder;
    }

    /**
     * Runs {@code work} here if this instance holds or can take the lease {@code name}; returns
     * whether it ran. The lease stays taken for {@code ttl} after the work started (longer while
     * the work runs), so the other instances skip the same period. Exceptions of {@code work}
     * propagate; the lease is kept either way (a failed run is not retried elsewhere in the period).
     */
    public boolean runIfHolder(String name, Duration ttl, Runnable work) {
        Optional<Lease> lease = tryAcquire(name, ttl);
        if (lease.isEmpty()) {
            return false;
        }
        try {
            work.run();
        } finally {
            lease.get().keep();
        }
        return true;
    }

    /**
     * Takes the lease {@code name} for {@code ttl} unless another holder has it (or this process
     * holds it already); renewed while held; {@link Lease#close()} releases it at once.
     */
    public Optional<Lease> tryAcquire(String name, Duration ttl) {
        if (ttl.toMillis() < 1000) {
            throw new IllegalArgumentException("lease " + name + ": ttl must be at least 1 s, not " + ttl);
        }
        if (!active.add(name)) {
            return Optional.empty();
        }
        boolean taken;
        try {
            taken = db.sqlite() || take(name, ttl);
        } catch (RuntimeException e) {
            active.remove(name);
            throw e;
        }
        if (!taken) {
            active.remove(name);
            return Optional.empty();
        }
        return Optional.of(new Lease(name, ttl));
    }

    /** The current holder of {@code name} when it is held by anyone (this process included), else empty. */
    public Optional<String> holderOf(String name) {
        if (active.contains(name)) {
            return Optional.of(holder);
        }
        if (db.sqlite()) {
            return Optional.empty();
        }
        return db.read(h -> h.createQuery("SELECT holder FROM leases WHERE name = :n AND expires_at > (" + DB_NOW_MS + ")")
                .bind("n", name).mapTo(String.class).findFirst());
    }

    private boolean take(String name, Duration ttl) {
        return db.write(h -> {
            long now = h.createQuery(DB_NOW_MS).mapTo(Long.class).one();
            // one atomic statement: a free, expired or own lease is (re)taken; a live foreign one is left alone
            return h.createUpdate("INSERT INTO leases (name, holder, acquired_at, expires_at) VALUES (:n, :h, :now, :exp) "
                            + "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, acquired_at = excluded.acquired_at, "
                            + "expires_at = excluded.expires_at WHERE leases.holder = excluded.holder OR leases.expires_at <= excluded.acquired_at")
                    .bind("n", name).bind("h", holder).bind("now", now).bind("exp", now + ttl.toMillis()).execute() == 1;
        });
    }

    private boolean renew(String name, Duration ttl) {
        if (db.sqlite()) {
            return true;
        }
        return db.write(h -> h.createUpdate("UPDATE leases SET expires_at = (" + DB_NOW_MS + ") + :ttl WHERE name = :n AND holder = :h")
                .bind("ttl", ttl.toMillis()).bind("n", name).bind("h", holder).execute() == 1);
    }

    /** A held lease: renewed until {@link #close()} (released) or {@link #keep()} (left to expire). */
    public final class Lease implements AutoCloseable {
        private final String name;
        private final ScheduledFuture<?> renewal;
        private volatile boolean ended;

        private Lease(String name, Duration ttl) {
            this.name = name;
            long every = Math.max(200, ttl.toMillis() / 3);
            this.renewal = renewer.scheduleWithFixedDelay(() -> {
                try {
                    if (!ended && !renew(name, ttl)) {
                        LOG.warn("lease {} was taken over by another instance while held here", name);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("lease {} could not be renewed: {}", name, e.getMessage());
                }
            }, every, every, TimeUnit.MILLISECONDS);
        }

        public String name() {
            return name;
        }

        /** Stops renewing; the lease stays taken until it expires (once-per-period work). */
        public void keep() {
            end();
        }

        /** Stops renewing and gives the lease up, so another instance may take it at once. */
        @Override
        public void close() {
            if (end() && !db.sqlite()) {
                try {
                    db.write(h -> h.createUpdate("DELETE FROM leases WHERE name = :n AND holder = :h")
                            .bind("n", name).bind("h", holder).execute());
                } catch (RuntimeException e) {
                    LOG.warn("lease {} could not be released (it expires by itself): {}", name, e.getMessage());
                }
            }
        }

        private boolean end() {
            if (ended) {
                return false;
            }
            ended = true;
            renewal.cancel(false);
            active.remove(name);
            return true;
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }

    @PreDestroy
    public void stop() {
        renewer.shutdownNow();
    }
}
