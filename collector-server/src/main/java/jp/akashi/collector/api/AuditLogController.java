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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
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

    // each route names its roles: a method's rule replaces its class's (RouteRoleTableTest), but one place per route reads better
    @Get("/audit-log")
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    public Map<String, Object> page(@Nullable @QueryValue Long before, @QueryValue(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 500 || before != null && before < 1) {
            throw ApiException.badRequest("1 <= limit <= 500, before >= 1");
        }
        // the chain is walked from its first entry on every call (an auditor's check), the break recorded once
        AuditChainStatus.Status chain = monitor.check(true).status();
        return db.read(h -> {
            List<AuditLog.Entry> entries = audit.page(h, before == null ? Long.MAX_VALUE : before, limit);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("chain", chain(chain, audit.count(h)));
            out.put("entries", entries.stream().map(AuditLogController::view).toList());
            out.put("nextBefore", entries.size() == limit ? entries.get(entries.size() - 1).seq() : null);
            return out;
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
    public HttpResponse<Map<String, Object>> repair(Caller caller, @Body Map<String, Object> body) {
        Object note = body == null ? null : body.get("note");
        AuditLog.Entry e = monitor.repair(caller.actor(), note instanceof String n ? n : null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("repair", view(e));
        out.put("chain", chain(monitor.check(true).status(), db.read(audit::count)));
        return HttpResponse.created(out);
    }

    /** The chain's state for the API (also in {@code GET /api/v1/snapshots/{id}} and the docs). */
    public static Map<String, Object> chain(AuditChainStatus.Status s, long entries) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verified", s.verified());
        m.put("reason", s.reason());
        m.put("message", s.message());
        m.put("messageJa", s.messageJa());
        m.put("firstBrokenSeq", s.firstBrokenSeq());
        m.put("snapshotSeq", s.snapshotSeq());
        m.put("repairedAtSeq", s.repairedAtSeq());
        m.put("headSeq", s.headSeq());
        m.put("entries", entries);
        return m;
    }

    static Map<String, Object> view(AuditLog.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("at", Instant.ofEpochMilli(e.at()).toString());
        m.put("actor", e.actor());
        m.put("action", e.action());
        m.put("target", e.target());
        m.put("details", e.details());
        m.put("prevHash", e.prevHash());
        m.put("hash", e.hash());
        return m;
    }
}
