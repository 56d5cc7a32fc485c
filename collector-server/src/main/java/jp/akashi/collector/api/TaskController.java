package jp.akashi.collector.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.config.DisplayZone;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.task.Task;
import jp.akashi.collector.task.TaskService;

/** Tasks: an owner and a due date for a failing check or an unmet criterion; they close themselves when it passes. */
@Controller("/api/v1/tasks")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TaskController {
    private final TaskService tasks;
    private final DisplayZone zone;

    public TaskController(TaskService tasks, DisplayZone zone) {
        this.tasks = tasks;
        this.zone = zone;
    }

    public record NewTask(String targetType, String targetId, String assetId, String owner, String due, String note) {
    }

    /** {@code exceptionExpiresAt}: a date, needed for {@code wont_fix} (the exception request's expiry). */
    public record StatusChange(String status, String note, String exceptionExpiresAt) {
    }

    /** A task; {@code due} is a day, {@code overdue} past it and still open; the closing fields are null while open. */
    @Serdeable
    public record TaskView(String id, String targetType, String targetId, String assetId, String owner, String due,
                           String status, boolean overdue, String note, String createdBy, String createdAt, String closedAt,
                           String closedBy, String closedReason, String exceptionId) {
    }

    @Get
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public List<TaskView> list(Caller caller, @Nullable @QueryValue Boolean mine, @Nullable @QueryValue Boolean closed) {
        String today = tasks.today();
        return tasks.list(Boolean.TRUE.equals(mine) ? caller.name() : null, Boolean.TRUE.equals(closed), 1000).stream()
                .map(t -> view(t, today)).toList();
    }

    @Post
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @Status(HttpStatus.CREATED)
    public TaskView create(Caller caller, @Body NewTask req) {
        if (req == null) {
            throw Refusal.badRequest("JSON body required");
        }
        return view(tasks.create(caller, new TaskService.NewTask(req.targetType(), req.targetId(), req.assetId(), req.owner(), req.due(),
                req.note())), tasks.today());
    }

    @Post("/{id}/status")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    public TaskView status(Caller caller, @PathVariable String id, @Body StatusChange req) {
        if (req == null) {
            throw Refusal.badRequest("JSON body required");
        }
        Long expires = null;
        if (req.exceptionExpiresAt() != null && !req.exceptionExpiresAt().isBlank()) {
            try {
                expires = zone.endOf(java.time.LocalDate.parse(req.exceptionExpiresAt().strip()));
            } catch (java.time.format.DateTimeParseException e) {
                throw Refusal.badRequest("exceptionExpiresAt must be a date like 2027-03-31", "例外の期限は 2027-03-31 の形の日付で指定してください");
            }
        }
        return view(tasks.update(caller, id, req.status(), req.note(), expires), tasks.today());
    }

    static TaskView view(Task t, String today) {
        return new TaskView(t.id(), t.targetType(), t.targetId(), t.assetId(), t.owner(), t.dueDay(), t.status(), t.overdue(today),
                t.note(), t.createdBy(), Instant.ofEpochMilli(t.createdAt()).toString(),
                t.closedAt() == null ? null : Instant.ofEpochMilli(t.closedAt()).toString(), t.closedBy(), t.closedReason(),
                t.exceptionId());
    }
}
