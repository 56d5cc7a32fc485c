package jp.akashi.collector.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.export.AuditLogExport;
import jp.akashi.collector.export.SpooledExport;
import io.micronaut.security.annotation.Secured;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.store.AuditChainMonitor;
import jp.akashi.collector.store.AuditChainStatus;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;

/**
 * The append-only, hash-chained audit log: pages of entries with the chain's verification status,
 * and the whole log as CSV or JSON lines (the export itself is recorded in the log first).
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuditLogController {
    private final Database db;
    private final AuditLog audit;
    private final AuditChainStatus status;
    private final AuditChainMonitor monitor;
    private final jp.akashi.collector.config.DisplayZone zone;

    public AuditLogController(Database db, AuditLog audit, AuditChainStatus status, AuditChainMonitor monitor,
                              jp.akashi.collector.config.DisplayZone zone) {
        this.zone = zone;
        this.db = db;
        this.audit = audit;
        this.status = status;
        this.monitor = monitor;
    }

    /** A page of entries, newest first; {@code nextBefore}: the seq to page on from, null on the last page. */
    @Serdeable
    public record AuditPage(ChainView chain, List<EntryView> entries, Long nextBefore) {
    }

    /** The chain's state for the API (also in the docs). */
    @Serdeable
    public record ChainView(boolean verified, String reason, String message, String messageJa, Long firstBrokenSeq,
                            Long snapshotSeq, Long repairedAtSeq, long headSeq, long entries) {
    }

    @Serdeable
    public record EntryView(long seq, String at, String actor, String action, String target, String details, String prevHash,
                            String hash) {
    }

    /** {@code note}: why the break is acknowledged (required; the service refuses a missing one). */
    @Serdeable
    public record RepairRequest(@Nullable String note) {
    }

    @Serdeable
    public record Repaired(EntryView repair, ChainView chain) {
    }

    // each route names its roles: a method's rule replaces its class's (RouteRoleTableTest), but one place per route reads better
    @Get("/audit-log")
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    public AuditPage page(@Nullable @QueryValue Long before, @QueryValue(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 500 || before != null && before < 1) {
            throw ApiException.badRequest("1 <= limit <= 500, before >= 1");
        }
        // the chain is walked from its first entry on every call (an auditor's check), the break recorded once
        AuditChainStatus.Status chain = monitor.check(true).status();
        return db.read(h -> {
            List<AuditLog.Entry> entries = audit.page(h, before == null ? Long.MAX_VALUE : before, limit);
            return new AuditPage(chain(chain, audit.count(h)), entries.stream().map(AuditLogController::view).toList(),
                    entries.size() == limit ? entries.get(entries.size() - 1).seq() : null);
        });
    }

    @Get("/audit-log/export")
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    public HttpResponse<StreamedFile> export(Caller caller, @QueryValue(defaultValue = "jsonl") String format) {
        AuditLogExport.Format f = switch (format) {
            case "csv" -> AuditLogExport.Format.CSV;
            case "jsonl" -> AuditLogExport.Format.JSONL;
            default -> throw ApiException.badRequest("format must be csv or jsonl");
        };
        db.write(h -> audit.append(h, caller.actor(), "audit_log.export", format, Map.of()));
        try {
            java.util.concurrent.atomic.AtomicReference<AuditChainStatus.Status> chain = new java.util.concurrent.atomic.AtomicReference<>();
            // the status and the entries from one read, so the header speaks of exactly what is exported
            SpooledExport.Spooled s = SpooledExport.spool(out -> AuditChainStatus.consistently(db, h -> {
                chain.set(status.check(h));
                try (AuditLogExport x = new AuditLogExport(out, f)) {
                    audit.forEach(h, x::write);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            }));
            monitor.record(chain.get());
            String day = zone.compactDay(System.currentTimeMillis());
            return HttpResponse.ok(new StreamedFile(s.in(), MediaType.of(f == AuditLogExport.Format.CSV ? "text/csv; charset=UTF-8"
                            : "application/x-ndjson"), System.currentTimeMillis(), s.size()))
                    .header("Content-Disposition", SpooledExport.contentDisposition("akashi-audit-log-" + day + "." + format))
                    .header("X-Audit-Chain", chain.get().header())
                    .header("Cache-Control", "no-store");
        } catch (IOException e) {
            throw new UncheckedIOException("audit log export failed: " + e.getMessage(), e);
        }
    }

    /** An admin acknowledges the current break: a sealed repair entry is appended (nothing is rewritten). */
    @Post("/audit-log/repair")
    @Secured({Roles.ADMIN})
    public HttpResponse<Repaired> repair(Caller caller, @Body RepairRequest body) {
        AuditLog.Entry e = monitor.repair(caller.actor(), body.note());
        return HttpResponse.created(new Repaired(view(e), chain(monitor.check(true).status(), db.read(audit::count))));
    }

    public static ChainView chain(AuditChainStatus.Status s, long entries) {
        return new ChainView(s.verified(), s.reason(), s.message(), s.messageJa(), s.firstBrokenSeq(), s.snapshotSeq(),
                s.repairedAtSeq(), s.headSeq(), entries);
    }

    static EntryView view(AuditLog.Entry e) {
        return new EntryView(e.seq(), Instant.ofEpochMilli(e.at()).toString(), e.actor(), e.action(), e.target(), e.details(),
                e.prevHash(), e.hash());
    }
}
