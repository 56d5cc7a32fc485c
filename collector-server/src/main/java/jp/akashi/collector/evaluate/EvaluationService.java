package jp.akashi.collector.evaluate;

import io.micronaut.context.annotation.Context;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;

import jp.akashi.collector.answer.Answer;
import jp.akashi.collector.answer.AnswerStore;
import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.catalog.Equivalent;
import jp.akashi.collector.catalog.Framework;
import jp.akashi.collector.catalog.FrameworkVersion;
import jp.akashi.collector.catalog.Wording;
import jp.akashi.collector.config.DisplayZone;
import jp.akashi.collector.exception.ComplianceException;
import jp.akashi.collector.exception.ExceptionStore;
import jp.akashi.collector.ingest.CompactFacts;
import jp.akashi.collector.ingest.ReportStored;
import jp.akashi.collector.store.AssetStore;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.Freshness;
import jp.akashi.collector.store.Leases;
import jp.akashi.probes.util.Json;

/**
 * Keeps every verdict current. A stored report queues its asset; one worker thread evaluates
 * queued assets in batches (only the changed results are written, with a transition for each
 * status change), then re-derives the criterion verdicts, records their transitions, notifies
 * degradations and updates today's scores. A periodic pass re-evaluates everything, so time
 * alone (stale agents, expiring answers and exceptions, end-of-life dates) changes verdicts too.
 * When the check library or catalog changed since the last run, everything is re-evaluated at start.
 */
@Context
public class EvaluationService {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluationService.class);
    static final int BATCH = 1000;
    /** Evaluation is CPU work per asset: use the machine's cores for large batches. */
    static final int PARALLELISM = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    /** Micronaut's executor {@code evaluation} (micronaut.executors.evaluation in application.yml). */
    private final java.util.concurrent.ExecutorService pool;

    private final Database db;
    private final CheckLibraryProvider libraries;
    private final Catalog catalog;
    private final AssetStore assets;
    private final CheckResultStore results;
    private final CriterionVerdictStore verdicts;
    private final AnswerStore answers;
    private final ExceptionStore exceptions;
    private final Freshness freshness;
    private final Notifier notifier;
    private final Clock clock;
    private final Duration periodic;
    private final Duration batchDelay;
    private final PendingEvaluations pending;
    private final Leases leases;
    /** The periodic full pass runs on one instance per period (docs/SCALE.md, "Several collectors"). */
    static final String FULL_PASS_LEASE = "evaluation.full-pass";
    /** How long an evaluator's claim on waiting assets lasts (PostgreSQL); a killed instance's claims expire. */
    static final long CLAIM_MS = 300_000;
    /** Attempts of one batch that lost a race with another instance (deadlock, unique key) before it counts as failed. */
    static final int RACE_ATTEMPTS = 3;
    /** Told of each batch's outcome: a collector whose evaluator keeps failing is not healthy. */
    @jakarta.inject.Inject
    jp.akashi.collector.health.CollectorHealth health;
    /** Consecutive failed batches: the retry waits 1 s, 2 s, 4 s … up to a minute. */
    private int failures;
    static final long MAX_BACKOFF_MS = 60_000;

    private final Set<String> queue = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition idle = lock.newCondition();
    private volatile boolean busy;
    private volatile boolean fullRequested;
    private boolean periodicDue;
    private volatile boolean running = true;
    /** The loop's thread (of the named executor {@value #LOOP_EXECUTOR}), for {@link #stop()}. */
    private volatile Thread worker;
    private final java.util.concurrent.CountDownLatch loopEnded = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.ExecutorService loopExecutor;
    /** The named executor (application.yml, one thread) the evaluator's loop runs on. */
    public static final String LOOP_EXECUTOR = "evaluator";
    private final DisplayZone zone;

    public EvaluationService(Database db, CheckLibraryProvider libraries, Catalog catalog, AssetStore assets,
                             CheckResultStore results, CriterionVerdictStore verdicts, AnswerStore answers,
                             ExceptionStore exceptions, Freshness freshness, Notifier notifier, Clock clock,
                             EvaluationProperties settings,
                             PendingEvaluations pending, Leases leases, DisplayZone zone,
                             @jakarta.inject.Named("evaluation") java.util.concurrent.ExecutorService pool,
                             @jakarta.inject.Named(LOOP_EXECUTOR) java.util.concurrent.ExecutorService loopExecutor) {
        this.pool = pool;
        this.loopExecutor = loopExecutor;
        this.zone = zone;
        this.leases = leases;
        this.batchDelay = settings.batchDelay();
        this.pending = pending;
        this.db = db;
        this.libraries = libraries;
        this.catalog = catalog;
        this.assets = assets;
        this.results = results;
        this.verdicts = verdicts;
        this.answers = answers;
        this.exceptions = exceptions;
        this.freshness = freshness;
        this.notifier = notifier;
        this.clock = clock;
        this.periodic = settings.periodic();
        validateMapping();
        String version = libraryVersion();
        String stored = db.read(h -> h.createQuery("SELECT value FROM evaluation_state WHERE name = 'version'")
                .mapTo(String.class).findFirst().orElse(null));
        fullRequested = !version.equals(stored);
        // what was stored but not judged before a crash or stop is judged first
        queue.addAll(db.read(h -> h.createQuery("SELECT asset_id FROM evaluation_pending").mapTo(String.class).list()));
        loopExecutor.execute(() -> {
            worker = Thread.currentThread();
            try {
                if (running) {
                    loop();
                }
            } finally {
                loopEnded.countDown();
            }
        });
    }

    /** Every check id a catalog criterion names must exist in the library: a typo stops startup with its file and line. */
    private void validateMapping() {
        List<String> problems = CatalogCheckMapping.problems(catalog, libraries.get());
        if (!problems.isEmpty()) {
            throw new CheckLibrary.CheckLibraryException(String.join("\n", problems));
        }
    }

    private String libraryVersion() {
        StringBuilder sb = new StringBuilder(libraries.get().version()).append(libraries.eol().asOf());
        for (Framework f : catalog.frameworks()) {
            for (FrameworkVersion v : f.versions()) {
                sb.append(v.file()).append(v.criteria().size());
                v.criteria().forEach(c -> sb.append(c.id()).append(c.checks()).append(c.evidence()));
            }
        }
        return jp.akashi.probes.util.Hashes.sha256Hex(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @EventListener
    public void onReportStored(ReportStored e) {
        if (e.facts() != null && recent.size() < RECENT_LIMIT) {
            recent.put(e.assetId(), new Recent(e.reportId(), e.facts()));
        }
        queue.add(e.assetId());
        signal();
    }

    /** Facts of just-stored reports, so evaluation need not read and decode them again (bounded). */
    private record Recent(String reportId, Map<String, CompactFacts.Value> facts) {
    }

    static final int RECENT_LIMIT = 2000;
    private final Map<String, Recent> recent = new ConcurrentHashMap<>();

    /** Re-evaluates one asset soon (after an admin changed its roles). */
    public void assetChanged(String assetId) {
        queue.add(assetId);
        signal();
    }

    @EventListener
    public void onAnswersChanged(jp.akashi.collector.answer.AnswersChanged e) {
        criteriaChanged();
    }

    @EventListener
    public void onExceptionsChanged(jp.akashi.collector.exception.ExceptionsChanged e) {
        criteriaChanged();
    }

    /** Re-derives criterion verdicts soon (after an answer or exception changed). */
    public void criteriaChanged() {
        criteriaDirty = true;
        signal();
    }

    /** Re-evaluates everything soon. */
    public void requestFull() {
        fullRequested = true;
        signal();
    }

    private volatile boolean criteriaDirty = true;

    private void signal() {
        lock.lock();
        try {
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until nothing is queued and the worker is idle (tests, snapshots). */
    public boolean awaitIdle(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        lock.lock();
        try {
            while (busy || !queue.isEmpty() || fullRequested || criteriaDirty) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                work.signalAll();
                idle.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        long nextPeriodic = System.currentTimeMillis() + periodic.toMillis();
        while (running) {
            try {
                lock.lock();
                try {
                    while (running && queue.isEmpty() && !fullRequested && !criteriaDirty) {
                        idle.signalAll();
                        long wait = nextPeriodic - System.currentTimeMillis();
                        if (wait <= 0) {
                            periodicDue = true;
                            break;
                        }
                        work.await(Math.min(wait, POLL_MS), TimeUnit.MILLISECONDS);
                        if (queue.isEmpty()) {
                            pollPending();
                        }
                    }
                    busy = true;
                } finally {
                    lock.unlock();
                }
                if (!running) {
                    break;
                }
                // let reports arriving together form one batch: criteria and scores are then derived
                // once per batch rather than once per report
                if (!fullRequested && !queue.isEmpty() && !batchDelay.isZero() && queue.size() < BATCH) {
                    Thread.sleep(batchDelay.toMillis());
                }
                if (periodicDue) {
                    // scheduled work: once per period across the instances sharing the database
                    periodicDue = false;
                    nextPeriodic = System.currentTimeMillis() + periodic.toMillis();
                    if (!fullRequested && !leases.runIfHolder(FULL_PASS_LEASE, periodic.compareTo(Duration.ofSeconds(1)) < 0
                            ? Duration.ofSeconds(1) : periodic, this::fullPass)) {
                        LOG.debug("periodic evaluation pass: another instance holds {}", FULL_PASS_LEASE);
                    }
                }
                if (fullRequested) {
                    // asked for (API, changed library at start): here and now
                    fullRequested = false;
                    nextPeriodic = System.currentTimeMillis() + periodic.toMillis();
                    fullPass();
                }
                while (!queue.isEmpty()) {
                    List<String> batch = new ArrayList<>(BATCH);
                    for (String id : queue) {
                        batch.add(id);
                        if (batch.size() == BATCH) {
                            break;
                        }
                    }
                    queue.removeAll(batch);
                    List<String> mine;
                    try {
                        mine = claim(batch);
                    } catch (RuntimeException e) {
                        queue.addAll(batch);
                        throw e;
                    }
                    if (mine.isEmpty()) {
                        continue; // another instance judges them (its claim expires if it dies)
                    }
                    try {
                        evaluateAssets(mine);
                        health.evaluationSucceeded();
                    } catch (RuntimeException e) {
                        health.evaluationFailed(e);
                        // never drop a batch: its assets stay queued (in memory and in evaluation_pending)
                        queue.addAll(mine);
                        long wait = Math.min(MAX_BACKOFF_MS, 1000L << Math.min(16, failures));
                        failures++;
                        try {
                            db.write(h -> {
                                pending.failed(h, mine, clock.millis() + wait);
                                return null;
                            });
                        } catch (RuntimeException ignored) {
                            // the database itself fails: the in-memory queue still holds the batch
                        }
                        LOG.error("evaluation of {} assets failed (attempt {}); retrying in {} ms", mine.size(), failures, wait, e);
                        Thread.sleep(wait);
                        continue;
                    }
                    failures = 0;
                }
                criteriaDirty = false;
                recomputeCriteria();
                if (!db.sqlite() && System.currentTimeMillis() - lastPoll > POLL_MS) {
                    // a busy instance still picks up what another instance left (its claim expired, a mark it could not take)
                    pollPending();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return; // shutting down: the database may already be closed
                }
                LOG.error("evaluation failed; will retry on the next change", e);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } finally {
                busy = false;
                lock.lock();
                try {
                    idle.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    static final long POLL_MS = 5000;
    private volatile long lastPoll;

    private void fullPass() {
        evaluateAll();
        String version = libraryVersion();
        db.writeRetrying(h -> {
            h.createUpdate("DELETE FROM evaluation_state WHERE name = 'version'").execute();
            h.createUpdate("INSERT INTO evaluation_state (name, value) VALUES ('version', :v)").bind("v", version).execute();
            return null;
        });
    }

    /**
     * The part of a batch this instance may judge now. SQLite: all of it (one instance, one writer).
     * PostgreSQL: the waiting assets it could claim (row claims with SKIP LOCKED: an asset claimed
     * or being stored by another instance is left to it) and those queued only in memory here.
     */
    private List<String> claim(List<String> batch) {
        if (db.sqlite()) {
            return batch;
        }
        long now = clock.millis();
        return db.writeRetrying(h -> {
            Set<String> marked = pending.marked(h, batch);
            Set<String> mine = new java.util.TreeSet<>(pending.claim(h, marked, leases.holder(), now, now + CLAIM_MS));
            batch.stream().filter(id -> !marked.contains(id)).forEach(mine::add);
            return new ArrayList<>(mine);
        });
    }

    /** Picks up assets marked in the database but not queued here (a lost wake-up, a retry whose time came). */
    private void pollPending() {
        lastPoll = System.currentTimeMillis();
        try {
            queue.addAll(db.read(h -> pending.due(h, clock.millis(), BATCH)));
        } catch (RuntimeException e) {
            LOG.debug("could not read pending evaluations: {}", e.getMessage());
        }
    }

    /** How many assets wait for evaluation and since when. */
    public PendingEvaluations.Waiting waiting() {
        return db.read(pending::waiting);
    }

    /** Evaluates every asset, in batches; returns how many. */
    public int evaluateAll() {
        List<String> ids = db.read(h -> h.createQuery("SELECT id FROM assets WHERE decommissioned_at IS NULL ORDER BY id")
                .mapTo(String.class).list());
        for (int i = 0; i < ids.size(); i += BATCH) {
            evaluateAssets(ids.subList(i, Math.min(ids.size(), i + BATCH)));
        }
        Set<String> known = new HashSet<>();
        libraries.get().checks().forEach(c -> known.add(c.id()));
        db.write(h -> results.deleteChecksNotIn(h, known));
        criteriaDirty = true;
        return ids.size();
    }

    /**
     * Evaluates the given assets and writes what changed. A batch that lost a race with another
     * instance writing the same rows (PostgreSQL deadlock or unique key) is read and judged again.
     */
    public void evaluateAssets(Collection<String> assetIds) {
        for (int attempt = 1; ; attempt++) {
            try {
                evaluateOnce(assetIds);
                return;
            } catch (RuntimeException e) {
                if (attempt >= RACE_ATTEMPTS || !Database.lostRace(e)) {
                    throw e;
                }
                LOG.info("evaluation of {} assets lost a race with another instance (SQLSTATE {}); judging them again",
                        assetIds.size(), Database.raceState(e));
            }
        }
    }

    private void evaluateOnce(Collection<String> assetIds) {
        CheckLibrary library = libraries.get();
        AssetEvaluator evaluator = new AssetEvaluator(library, zone);
        long now = clock.millis();
        Instant nowI = Instant.ofEpochMilli(now);
        Map<String, AssetStore.Asset> rows = new HashMap<>();
        Map<String, AssetStore.CurrentFacts> facts = new HashMap<>();
        Map<String, Map<String, Long>> seen = new HashMap<>();
        Map<String, Recent> fresh = new HashMap<>();
        for (String id : assetIds) {
            Recent r = recent.remove(id);
            if (r != null) {
                fresh.put(id, r);
            }
        }
        Map<String, Map<String, CheckResultStore.Row>> previous = db.read(h -> {
            loadAssets(h, assetIds, fresh.keySet(), rows, facts, seen);
            return results.forAssets(h, assetIds);
        });
        // compute in parallel (pure work per asset), write once
        List<String> ids = new ArrayList<>(assetIds);
        List<java.util.concurrent.Future<Computed>> parts = new ArrayList<>();
        int chunk = Math.max(100, (ids.size() + PARALLELISM - 1) / PARALLELISM);
        for (int i = 0; i < ids.size(); i += chunk) {
            List<String> part = ids.subList(i, Math.min(ids.size(), i + chunk));
            parts.add(pool.submit(() -> compute(part, evaluator, rows, facts, seen, fresh, previous, now, nowI)));
        }
        List<CheckResultStore.Row> upserts = new ArrayList<>();
        List<CheckResultStore.Row> transitions = new ArrayList<>();
        Map<String, CheckStatus> prevStatus = new HashMap<>();
        Map<String, List<String>> pendingKeys = new HashMap<>();
        Map<String, String> newerReport = new HashMap<>();
        Map<String, String> judgedOn = new HashMap<>();
        for (java.util.concurrent.Future<Computed> f : parts) {
            Computed c;
            try {
                c = f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            upserts.addAll(c.upserts());
            transitions.addAll(c.transitions());
            prevStatus.putAll(c.prevStatus());
            pendingKeys.putAll(c.pendingKeys());
            newerReport.putAll(c.newerReport());
            judgedOn.putAll(c.judgedOn());
        }
        // one lock order for every writer of these rows (asset, then check): two instances that judge
        // overlapping assets (full passes on both) wait for each other instead of deadlocking
        Comparator<CheckResultStore.Row> byKey = Comparator.comparing(CheckResultStore.Row::assetId).thenComparing(CheckResultStore.Row::checkId);
        upserts.sort(byKey);
        transitions.sort(byKey);
        Map<String, String> newerSorted = new java.util.TreeMap<>(newerReport);
        Map<String, List<String>> pendingKeysSorted = new java.util.TreeMap<>(pendingKeys);
        Set<String> superseded = db.write(h -> {
            Set<String> stale = new HashSet<>();
            if (!db.sqlite() && !assetIds.isEmpty()) {
                assets.lockForWrite(h, assetIds);
                // another instance wrote these assets' results between our read and our lock (both judged
                // them: a full pass beside incremental work): our inserts would hit its rows (SQLSTATE
                // 23505) and our updates would overwrite them with transitions from a status no longer
                // stored. Not written from this read; judged again on what is stored now.
                stale.addAll(results.rewrittenSince(h, previous, assetIds));
            }
            // last writer must not win: an asset whose facts changed since they were read is not
            // written from the older facts; its mark stays and it is judged again on the newer ones
            stale.addAll(staleAssets(h, judgedOn));
            if (!stale.isEmpty()) {
                upserts.removeIf(r -> stale.contains(r.assetId()));
                transitions.removeIf(r -> stale.contains(r.assetId()));
                prevStatus.keySet().removeIf(k -> stale.contains(k.substring(0, k.indexOf('\u0000'))));
                pendingKeysSorted.keySet().removeAll(stale);
                newerSorted.keySet().removeAll(stale);
                judgedOn.keySet().removeAll(stale);
            }
            results.write(h, upserts, transitions, prevStatus);
            results.moveToReport(h, newerSorted, now);
            updatePendingSeen(h, pendingKeysSorted, seen, now);
            pending.done(h, judgedOn);
            if (!db.sqlite()) {
                pending.release(h, assetIds, leases.holder());
            }
            // a mark for an asset that no longer exists would wait forever
            List<String> gone = assetIds.stream().filter(id -> !rows.containsKey(id)).sorted().toList();
            if (!gone.isEmpty()) {
                h.createUpdate("DELETE FROM evaluation_pending WHERE asset_id IN (<ids>)").bindList("ids", gone).execute();
            }
            if (!db.sqlite()) {
                // still marked after this write: a newer report was stored by another instance while this one
                // judged the older facts; judged again here at once rather than when some instance polls
                Set<String> again = new HashSet<>(stale);
                again.addAll(pending.newerFactsWaiting(h, judgedOn));
                return again;
            }
            return stale;
        });
        if (!superseded.isEmpty()) {
            queue.addAll(superseded);
        }
        if (!upserts.isEmpty()) {
            criteriaDirty = true;
        }
    }

    /** What evaluating some assets changed (computed without touching the database). */
    private record Computed(List<CheckResultStore.Row> upserts, List<CheckResultStore.Row> transitions,
                            Map<String, CheckStatus> prevStatus, Map<String, List<String>> pendingKeys,
                            Map<String, String> newerReport, Map<String, String> judgedOn) {
    }

    private Computed compute(List<String> ids, AssetEvaluator evaluator, Map<String, AssetStore.Asset> rows,
                             Map<String, AssetStore.CurrentFacts> facts, Map<String, Map<String, Long>> seen,
                             Map<String, Recent> fresh, Map<String, Map<String, CheckResultStore.Row>> previous, long now, Instant nowI) {
        List<CheckResultStore.Row> upserts = new ArrayList<>();
        List<CheckResultStore.Row> transitions = new ArrayList<>();
        Map<String, CheckStatus> prevStatus = new HashMap<>();
        Map<String, String> newerReport = new HashMap<>();
        Map<String, List<String>> pendingKeys = new HashMap<>();
        Map<String, String> judgedOn = new HashMap<>();
        for (String id : ids) {
            AssetStore.Asset a = rows.get(id);
            if (a == null) {
                continue;
            }
            Recent r0 = fresh.get(id);
            Map<String, CompactFacts.Value> f;
            if (r0 != null && r0.reportId().equals(a.lastReportId())) {
                f = r0.facts();
                judgedOn.put(id, r0.reportId());
            } else {
                AssetStore.CurrentFacts cf = facts.containsKey(id) ? facts.get(id) : null;
                if (cf == null && r0 != null) {
                    // a newer report arrived meanwhile: read what is stored now
                    cf = db.read(h -> assets.currentFacts(h, id)).orElse(null);
                }
                f = cf != null ? CompactFacts.decode(cf.factsJson()) : Map.of();
                judgedOn.put(id, cf == null ? null : cf.reportId());
            }
            List<String> keys = DerivedFacts.pendingUpdateKeys(f);
            pendingKeys.put(id, keys);
            Map<String, Long> firstSeen = new HashMap<>();
            Map<String, Long> known = seen.getOrDefault(id, Map.of());
            for (String k : keys) {
                firstSeen.put(k, known.getOrDefault(k, now));
            }
            f = new FactOverlay(f, DerivedFacts.compute(f, libraries.eol(), a.firstSeenAt(), firstSeen, nowI));
            AssetSnapshot snap = AssetSnapshot.of(id, a.name(), a.kind(), a.osFamily(), a.roles(), freshness.stale(a, now),
                    a.lastSeenAt(), a.lastReportId(), f);
            Map<String, CheckResultStore.Row> before = previous.getOrDefault(id, Map.of());
            for (CheckResult r : evaluator.evaluate(snap)) {
                CheckResultStore.Row old = before.get(r.checkId());
                String factsJson = json(r.facts());
                boolean statusChanged = old == null || old.status() != r.status();
                boolean changed = statusChanged || !Objects.equals(old.reasonJa(), r.reason().ja())
                        || !Objects.equals(old.factsJson(), factsJson);
                if (!changed) {
                    if (!Objects.equals(old.reportId(), r.reportId())) {
                        // same verdict from a newer report: one UPDATE per asset instead of one per check
                        newerReport.put(id, r.reportId());
                    }
                    continue;
                }
                if (old != null) {
                    prevStatus.put(id + "\u0000" + r.checkId(), old.status());
                }
                CheckResultStore.Row row = new CheckResultStore.Row(id, r.checkId(), r.status(), r.reason().ja(), r.reason().en(),
                        factsJson, r.reportId(), statusChanged ? now : old.since(), now);
                upserts.add(row);
                if (statusChanged) {
                    transitions.add(row);
                }
            }
        }
        return new Computed(upserts, transitions, prevStatus, pendingKeys, newerReport, judgedOn);
    }

    /** Assets whose stored facts are no longer those of the report they were judged on. */
    private static Set<String> staleAssets(Handle h, Map<String, String> judgedOn) {
        Set<String> stale = new HashSet<>();
        List<String> ids = new ArrayList<>(judgedOn.keySet());
        for (int i = 0; i < ids.size(); i += 500) {
            h.createQuery("SELECT asset_id, report_id FROM asset_facts WHERE asset_id IN (<ids>)")
                    .bindList("ids", ids.subList(i, Math.min(ids.size(), i + 500)))
                    .map((rs, ctx) -> new String[]{rs.getString(1), rs.getString(2)})
                    .forEach(r -> {
                        if (!Objects.equals(r[1], judgedOn.get(r[0]))) {
                            stale.add(r[0]);
                        }
                    });
        }
        return stale;
    }

    private void loadAssets(Handle h, Collection<String> ids, Set<String> factsInHand, Map<String, AssetStore.Asset> rows,
                            Map<String, AssetStore.CurrentFacts> facts, Map<String, Map<String, Long>> seen) {
        List<String> list = new ArrayList<>(ids);
        for (int i = 0; i < list.size(); i += 500) {
            List<String> part = list.subList(i, Math.min(list.size(), i + 500));
            h.createQuery("SELECT * FROM assets WHERE id IN (<ids>)").bindList("ids", part)
                    .map((rs, ctx) -> AssetStore.mapRow(rs)).forEach(a -> rows.put(a.id(), a));
            List<String> toRead = part.stream().filter(id -> !factsInHand.contains(id)).toList();
            if (!toRead.isEmpty()) {
                h.createQuery("SELECT * FROM asset_facts WHERE asset_id IN (<ids>)").bindList("ids", toRead)
                        .map((rs, ctx) -> new AssetStore.CurrentFacts(rs.getString("asset_id"), rs.getString("report_id"),
                                rs.getString("content_sha256"), rs.getLong("updated_at"), rs.getString("facts")))
                        .forEach(f -> facts.put(f.assetId(), f));
            }
            h.createQuery("SELECT * FROM pending_updates_seen WHERE asset_id IN (<ids>)").bindList("ids", part)
                    .map((rs, ctx) -> new Object[]{rs.getString(1), rs.getString(2), rs.getLong(3)})
                    .forEach(o -> seen.computeIfAbsent((String) o[0], k -> new HashMap<>()).put((String) o[1], (Long) o[2]));
        }
    }

    private static void updatePendingSeen(Handle h, Map<String, List<String>> pending, Map<String, Map<String, Long>> seen, long now) {
        for (Map.Entry<String, List<String>> e : pending.entrySet()) {
            Map<String, Long> known = seen.getOrDefault(e.getKey(), Map.of());
            Set<String> current = new HashSet<>(e.getValue());
            for (String k : current) {
                if (!known.containsKey(k)) {
                    h.createUpdate("INSERT INTO pending_updates_seen (asset_id, update_key, first_seen_at) VALUES (:a, :k, :t)")
                            .bind("a", e.getKey()).bind("k", k).bind("t", now).execute();
                }
            }
            for (String k : known.keySet()) {
                if (!current.contains(k)) {
                    h.createUpdate("DELETE FROM pending_updates_seen WHERE asset_id = :a AND update_key = :k")
                            .bind("a", e.getKey()).bind("k", k).execute();
                }
            }
        }
    }

    /** Derives every criterion's verdict from the stored results, answers and exceptions; writes changes. */
    public void recomputeCriteria() {
        long now = clock.millis();
        CheckLibrary library = libraries.get();
        Map<String, Criterion> criteria = allCriteria();
        Set<String> answerIds = new LinkedHashSet<>(criteria.keySet());
        Map<String, CriterionVerdict> computed = db.read(h -> {
            Map<String, Map<CheckStatus, Integer>> counts = results.counts(h);
            List<ComplianceException> active = exceptions.active(h, now);
            Map<String, Answer> latest = answers.latest(h, answerIds);
            Map<String, CriterionVerdict.CheckCoverage> coverage = new HashMap<>();
            for (CheckDefinition c : library.checks()) {
                coverage.put(c.id(), coverage(h, c, counts.getOrDefault(c.id(), Map.of()), active));
            }
            Map<String, CriterionVerdict> out = new LinkedHashMap<>();
            for (Criterion c : criteria.values()) {
                List<CriterionVerdict.CheckCoverage> cov = c.checks().stream().map(coverage::get).filter(Objects::nonNull).toList();
                Answer own = latest.get(c.globalId());
                Answer use = own;
                String via = null;
                for (Equivalent eq : catalog.equivalents(c.globalId())) {
                    if (!eq.sameQuestion()) {
                        continue;
                    }
                    Answer other = latest.get(eq.other().criterion());
                    if (other != null && (use == null || other.answeredAt() > use.answeredAt())) {
                        use = other;
                        via = eq.other().criterion();
                    }
                }
                // items the publisher merged into this one carry their answers over
                String mergedFrom = null;
                for (String merged : c.merges()) {
                    String id = Criterion.globalId(c.framework(), merged);
                    Answer other = latest.get(id);
                    if (other != null && (use == null || other.answeredAt() > use.answeredAt())) {
                        use = other;
                        via = id;
                        mergedFrom = id;
                    }
                }
                CriterionVerdict.TextChange changed = use == null || (via != null && mergedFrom == null) ? null
                        : textChange(c, mergedFrom == null ? c.globalId() : mergedFrom, use.catalogVersion());
                ComplianceException ex = active.stream().filter(e -> ComplianceException.CRITERION.equals(e.targetType())
                        && e.targetId().equals(c.globalId())).findFirst().orElse(null);
                if (ex == null) {
                    for (String merged : c.merges()) {
                        String id = Criterion.globalId(c.framework(), merged);
                        ex = active.stream().filter(e -> ComplianceException.CRITERION.equals(e.targetType())
                                && e.targetId().equals(id)).findFirst().orElse(null);
                        if (ex != null) {
                            break;
                        }
                    }
                }
                out.put(c.globalId(), CriterionEvaluator.evaluate(c, cov, use, via, changed, ex, now, zone));
            }
            return out;
        });
        List<Map<String, Object>> degraded = new ArrayList<>();
        db.writeRetrying(h -> {
            degraded.clear(); // a retried transaction (it lost a race with another instance) starts over
            Map<String, CriterionVerdictStore.Stored> stored = verdicts.all(h);
            for (CriterionVerdict v : computed.values()) {
                CriterionVerdictStore.Stored old = stored.get(v.criterionId());
                String json = CriterionVerdictStore.json(v);
                if (old != null && old.detailJson().equals(json)) {
                    continue;
                }
                boolean changed = old == null || old.verdict() != v.verdict();
                verdicts.put(h, v, changed ? now : old.since(), now, old != null);
                if (changed) {
                    String reason = v.reasons().isEmpty() ? null : v.reasons().get(0).ja();
                    verdicts.transition(h, v.criterionId(), old == null ? null : old.verdict(), v.verdict(), now, reason);
                    if (old != null && old.verdict() == Verdict.MET && v.verdict() != Verdict.MET && v.verdict() != Verdict.NOT_APPLICABLE) {
                        Map<String, Object> ev = new LinkedHashMap<>();
                        ev.put("event", "criterion.degraded");
                        ev.put("criterion", v.criterionId());
                        ev.put("from", old.verdict().wire());
                        ev.put("to", v.verdict().wire());
                        ev.put("at", Instant.ofEpochMilli(now).toString());
                        ev.put("reasons", v.reasons());
                        degraded.add(ev);
                    }
                }
            }
            String day = zone.day(now);
            for (Framework f : catalog.frameworks()) {
                for (FrameworkVersion fv : f.versions()) {
                    for (String app : ScoreCalculator.applications(fv)) {
                        verdicts.putScore(h, ScoreCalculator.score(fv, app, computed), day, now);
                    }
                }
            }
            return null;
        });
        degraded.forEach(notifier::send);
        if (!degraded.isEmpty()) {
            LOG.info("{} criteria degraded", degraded.size());
        }
    }

    /**
     * The wording an answer was given against when it is not the criterion's current wording; null
     * when it is the same (or the answer predates version tracking and names no version).
     */
    CriterionVerdict.TextChange textChange(Criterion current, String answeredCriterion, String answeredVersion) {
        if (answeredVersion == null || (answeredVersion.equals(current.version()) && answeredCriterion.equals(current.globalId()))) {
            return null;
        }
        Criterion then = catalog.criterion(answeredCriterion, answeredVersion).orElse(null);
        String before = then == null ? null : then.text();
        if (then != null && Wording.same(before, current.text())) {
            return null;
        }
        return new CriterionVerdict.TextChange(answeredVersion, answeredCriterion, before, current.text());
    }

    private CriterionVerdict.CheckCoverage coverage(Handle h, CheckDefinition c, Map<CheckStatus, Integer> counts,
                                                    List<ComplianceException> active) {
        int pass = counts.getOrDefault(CheckStatus.PASS, 0);
        int fail = counts.getOrDefault(CheckStatus.FAIL, 0);
        int unknown = counts.getOrDefault(CheckStatus.UNKNOWN, 0);
        int na = counts.getOrDefault(CheckStatus.NOT_APPLICABLE, 0);
        List<ComplianceException> forCheck = active.stream()
                .filter(e -> ComplianceException.CHECK.equals(e.targetType()) && e.targetId().equals(c.id())).toList();
        List<CriterionVerdict.AssetRef> failing = new ArrayList<>();
        List<CriterionVerdict.AssetRef> unknownAssets = new ArrayList<>();
        int excepted = 0;
        if (fail > 0 || unknown > 0) {
            for (CheckStatus s : List.of(CheckStatus.FAIL, CheckStatus.UNKNOWN)) {
                int n = counts.getOrDefault(s, 0);
                if (n == 0) {
                    continue;
                }
                // with exceptions every affected row must be looked at; otherwise a bounded list is enough to show
                int limit = forCheck.isEmpty() ? 20 : n;
                for (CheckResultStore.Row r : results.withStatus(h, c.id(), s, limit)) {
                    boolean ex = forCheck.stream().anyMatch(e -> e.covers(r.assetId()));
                    if (ex) {
                        excepted++;
                        if (s == CheckStatus.FAIL) {
                            fail--;
                        } else {
                            unknown--;
                        }
                        continue;
                    }
                    List<CriterionVerdict.AssetRef> target = s == CheckStatus.FAIL ? failing : unknownAssets;
                    if (target.size() < 20) {
                        target.add(new CriterionVerdict.AssetRef(r.assetId(), assetName(h, r.assetId()), r.reasonJa(), r.reasonEn()));
                    }
                }
            }
        }
        return new CriterionVerdict.CheckCoverage(c.id(), c.title(), pass, fail, unknown, na, excepted, failing, unknownAssets);
    }

    private String assetName(Handle h, String assetId) {
        return assets.byId(h, assetId).map(AssetStore.Asset::name).orElse(assetId);
    }

    /** Every criterion of every loaded version, by global id (the newest version's definition wins). */
    public Map<String, Criterion> allCriteria() {
        Map<String, Criterion> m = new LinkedHashMap<>();
        for (Framework f : catalog.frameworks()) {
            for (FrameworkVersion v : f.versions()) {
                for (Criterion c : v.criteria()) {
                    m.putIfAbsent(c.globalId(), catalog.criterion(c.globalId()).orElse(c));
                }
            }
        }
        return m;
    }

    private static String json(Object o) {
        try {
            return Json.mapper().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    public void stop() {
        running = false;
        Thread w = worker;
        if (w != null) {
            w.interrupt();
        }
        pool.shutdownNow();
        loopExecutor.shutdownNow();
        try {
            loopEnded.await(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
