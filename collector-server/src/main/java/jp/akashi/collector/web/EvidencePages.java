package jp.akashi.collector.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jp.akashi.collector.answer.AttachmentStore;
import jp.akashi.collector.api.ApiException;
import io.micronaut.security.annotation.Secured;
import jp.akashi.collector.security.Roles;

/**
 * An answer's evidence file, served under the name it was stored with on that answer
 * ({@code 2-1-1_診断報告書.pdf}) and the content type the collector decided when it was uploaded,
 * as an attachment with {@code nosniff}. The name comes from the answer, never from the request.
 */
@Controller("/answers")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EvidencePages {
    private final ConsoleReads reads;
    private final AttachmentStore files;
    private final jp.akashi.collector.answer.AnswerService answers;

    public EvidencePages(ConsoleReads reads, AttachmentStore files, jp.akashi.collector.answer.AnswerService answers) {
        this.reads = reads;
        this.files = files;
        this.answers = answers;
    }

    /** Where the console links an answer's file. */
    static String href(String answerId, String sha256) {
        return "/answers/" + answerId + "/files/" + sha256;
    }

    @Get("/{answerId}/files/{sha256}")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<?> download(jp.akashi.collector.security.Caller caller, @PathVariable String answerId, @PathVariable String sha256) {
        if (!sha256.matches("[0-9a-f]{64}") || !answerId.matches("[0-9a-f-]{1,64}")) {
            throw ApiException.notFound("no such evidence file");
        }
        ConsoleReads.AnswerFile f = reads.answerFile(answerId, sha256)
                .orElseThrow(() -> ApiException.notFound("answer " + answerId + " has no file " + sha256));
        Path p = files.path(sha256);
        try {
            if (!Files.exists(p)) {
                throw ApiException.notFound("evidence file " + sha256 + " is recorded but missing on the collector");
            }
            InputStream in = files.openIntact(sha256);
            answers.recordDownload(caller, sha256, answerId, f.ref().filename());
            return Downloads.file(in, MediaType.of(f.contentType()), Files.getLastModifiedTime(p).toMillis(),
                    Files.size(p), f.ref().filename());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
