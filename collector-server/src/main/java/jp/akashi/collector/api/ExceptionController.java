package jp.akashi.collector.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.exception.ComplianceException;
import jp.akashi.collector.exception.ExceptionService;
import io.micronaut.security.annotation.Secured;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.security.Caller;

/** Exceptions (accepted deviations): requested with justification and expiry, approved or rejected by another person. */
@Controller("/api/v1/exceptions")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ExceptionController {
    private final ExceptionService exceptions;
    private final jp.akashi.collector.config.DisplayZone zone;

    public ExceptionController(ExceptionService exceptions, jp.akashi.collector.config.DisplayZone zone) {
        this.exceptions = exceptions;
        this.zone = zone;
    }

    /** expiresAt as ISO-8601 instant or date (end of that day, Japan time). */
    public record NewException(String targetType, String targetId, List<String> assetIds, String justification,
                               String approver, String expiresAt) {
    }

    /** An exception with its decision ({@code status}) and what the lists show now ({@code state}, see {@link ComplianceException#state}). */
    @Serdeable
    public record ExceptionView(String id, String targetType, String targetId, List<String> assetIds, String justification,
                                String approver, String createdBy, String createdAt, String expiresAt, String revokedAt,
                                String status, String decidedBy, String decidedAt, String decisionNote, String state) {
    }

    @Get
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public List<ExceptionView> list() {
        long now = exceptions.now();
        return exceptions.all().stream().map(e -> view(e, now)).toList();
    }

    @Post
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @Status(HttpStatus.CREATED)
    public ExceptionView create(Caller caller, @Body NewException req) {
        if (req == null) {
            throw ApiException.badRequest("JSON body required");
        }
        if (req.approver() != null) {
            // the approver is whoever approves the request in the tool, never a typed name
            throw Refusal.badRequest(
                    "approver is not typed: another admin or security user approves the request (POST /api/v1/exceptions/{id}/approve)",
                    "承認者は入力しません。別の管理者かセキュリティ担当が申請を承認します");
        }
        ComplianceException e = exceptions.create(caller, new ExceptionService.NewException(req.targetType(), req.targetId(),
                req.assetIds(), req.justification(), parseExpiry(req.expiresAt())));
        return view(e, exceptions.now());
    }

    /** A decision's optional comment (required to reject). */
    public record Decision(String note) {
    }

    @Post("/{id}/approve")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    public ExceptionView approve(Caller caller, @PathVariable String id, @Nullable @Body Decision d) {
        return view(exceptions.approve(caller, id, d == null ? null : d.note()), exceptions.now());
    }

    @Post("/{id}/reject")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    public ExceptionView reject(Caller caller, @PathVariable String id, @Nullable @Body Decision d) {
        return view(exceptions.reject(caller, id, d == null ? null : d.note()), exceptions.now());
    }

    @Post("/{id}/revoke")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @Status(HttpStatus.NO_CONTENT)
    public void revoke(Caller caller, @PathVariable String id) {
        exceptions.revoke(caller, id);
    }

    Long parseExpiry(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            if (s.length() == 10) {
                return zone.endOf(java.time.LocalDate.parse(s));
            }
            return Instant.parse(s).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badRequest("expiresAt must be a date (2027-03-31) or an instant (2027-03-31T15:00:00Z)");
        }
    }

    static ExceptionView view(ComplianceException e, long now) {
        return new ExceptionView(e.id(), e.targetType(), e.targetId(), e.assetIds(), e.justification(), e.approver(),
                e.createdBy(), Instant.ofEpochMilli(e.createdAt()).toString(), Instant.ofEpochMilli(e.expiresAt()).toString(),
                e.revokedAt() == null ? null : Instant.ofEpochMilli(e.revokedAt()).toString(), e.status(), e.decidedBy(),
                e.decidedAt() == null ? null : Instant.ofEpochMilli(e.decidedAt()).toString(), e.decisionNote(), e.state(now));
    }
}
