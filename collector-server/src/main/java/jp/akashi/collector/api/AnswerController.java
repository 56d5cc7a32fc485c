package jp.akashi.collector.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.answer.Answer;
import jp.akashi.collector.answer.AnswerService;
import jp.akashi.collector.answer.AnswerStore;
import jp.akashi.collector.answer.AttachmentStore;
import io.micronaut.security.annotation.Secured;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.store.Database;

/** Answers to criteria and their evidence files. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AnswerController {
    private final AnswerService answers;
    private final AttachmentStore files;
    private final Database db;

    public AnswerController(AnswerService answers, AttachmentStore files, Database db) {
        this.answers = answers;
        this.files = files;
        this.db = db;
    }

    /**
     * An answer (the fields of {@link Answer}) with its review state: {@code review} null (none needed), pending,
     * approved or rejected.
     */
    @Serdeable
    public record AnswerView(String id, String criterionId, String status, Integer points, String optionId, String comment,
                             String answeredBy, long answeredAt, Long validUntil, String supersedes,
                             List<Answer.AttachmentRef> attachments, String catalogVersion, String review, String reviewedBy,
                             String reviewNote) {
    }

    /** A review's outcome: {@code review} approved or rejected. */
    @Serdeable
    public record ReviewResult(String answerId, String review, String reviewedBy, String note) {
    }

    @Get("/criteria/{id}/answers")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public List<AnswerView> history(@PathVariable String id) {
        Map<String, AnswerStore.Review> reviews = answers.reviews(id);
        return answers.history(id).stream().map(a -> view(a, reviews.get(a.id()))).toList();
    }

    @Post("/criteria/{id}/answers")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @Status(HttpStatus.CREATED)
    public AnswerView answer(Caller caller, @PathVariable String id, @Body AnswerService.NewAnswer req) {
        if (req == null) {
            throw ApiException.badRequest("JSON body with status (met, not_met, not_applicable) required");
        }
        Answer a = answers.answer(caller, id, req);
        return view(a, answers.reviews(a.criterionId()).get(a.id()));
    }

    /** {@code decision}: approve or reject; {@code note} is required to reject. */
    public record ReviewDecision(String decision, String note) {
    }

    @Post("/answers/{id}/review")
    @Secured({Roles.ADMIN, Roles.SECURITY})
    public ReviewResult review(Caller caller, @PathVariable String id, @Body ReviewDecision req) {
        if (req == null || !"approve".equals(req.decision()) && !"reject".equals(req.decision())) {
            throw jp.akashi.collector.Refusal.badRequest("decision must be approve or reject", "decision は approve か reject です");
        }
        AnswerStore.Review r = answers.review(caller, id, "approve".equals(req.decision()), req.note());
        return new ReviewResult(id, r.status(), r.reviewedBy(), r.note());
    }

    static AnswerView view(Answer a, AnswerStore.Review r) {
        return new AnswerView(a.id(), a.criterionId(), a.status(), a.points(), a.optionId(), a.comment(), a.answeredBy(),
                a.answeredAt(), a.validUntil(), a.supersedes(), a.attachments(), a.catalogVersion(),
                r == null ? null : r.status(), r == null ? null : r.reviewedBy(), r == null ? null : r.note());
    }

    /** Uploads one evidence file (multipart field "file"); attach it to an answer by its sha256. */
    @Post(value = "/attachments", consumes = MediaType.MULTIPART_FORM_DATA)
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @Status(HttpStatus.CREATED)
    public AnswerService.Upload upload(Caller caller, @Part("file") CompletedFileUpload file) {
        if (file == null) {
            throw ApiException.badRequest("multipart field 'file' required");
        }
        try {
            return answers.upload(caller, file.getFilename(), file.getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Downloads an evidence file under a name it was accepted with ({@code name}: one of them,
     * else the newest) and that name's content type; a name it was never accepted under is 404.
     */
    @Get("/attachments/{sha256}")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<StreamedFile> download(Caller caller, @PathVariable String sha256, @io.micronaut.core.annotation.Nullable
                                               @io.micronaut.http.annotation.QueryValue String name) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw ApiException.badRequest("not a SHA-256");
        }
        List<AttachmentStore.AcceptedName> names = db.read(h -> files.names(h, sha256));
        if (names.isEmpty()) {
            throw ApiException.notFound("no attachment " + sha256);
        }
        AttachmentStore.AcceptedName chosen = names.get(0);
        if (name != null) {
            String wanted = cleanOrEmpty(name);
            chosen = names.stream().filter(n -> n.filename().equals(wanted)).findFirst()
                    .orElseThrow(() -> ApiException.notFound("attachment " + sha256 + " was never accepted under the name '" + wanted + "'"));
        }
        if (!Files.exists(files.path(sha256))) {
            throw ApiException.notFound("attachment " + sha256 + " is registered but its file is missing");
        }
        // a name whose extension does not give the type it is served with (rows from before names were kept) is not used
        String filename = chosen.contentType().equals(jp.akashi.collector.answer.UploadPolicy.typeOf(chosen.filename()))
                ? chosen.filename() : sha256;
        try {
            java.io.InputStream in = files.openIntact(sha256);
            answers.recordDownload(caller, sha256, null, filename);
            return HttpResponse.ok(new StreamedFile(in, MediaType.of(chosen.contentType())))
                    .header("Content-Disposition", "attachment; filename*=UTF-8''" + URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20"))
                    .header("X-Content-Type-Options", "nosniff");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cleanOrEmpty(String name) {
        try {
            return jp.akashi.collector.answer.UploadPolicy.cleanName(name);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
