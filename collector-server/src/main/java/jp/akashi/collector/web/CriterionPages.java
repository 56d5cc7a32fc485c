package jp.akashi.collector.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.Valid;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.reactivestreams.Publisher;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.answer.Answer;
import jp.akashi.collector.answer.AnswerService;
import jp.akashi.collector.answer.UploadPolicy;
import jp.akashi.collector.api.ApiException;
import jp.akashi.collector.api.RefusalStatus;
import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.catalog.FrameworkVersion;
import jp.akashi.collector.catalog.ScoringKind;
import jp.akashi.collector.evaluate.ComplianceService;
import jp.akashi.collector.evaluate.EvaluationService;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.Roles;

/**
 * One criterion: the original text and every field, the verdict and why, the checks behind it
 * per asset, the equivalent criteria of the other frameworks, the answers with their evidence
 * files and the verdict's history; admins and the security team answer it here (multipart form:
 * status, comment, points or option for graded items, evidence files).
 */
@Controller("/criteria")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CriterionPages {
    /** How long an answer waits for the new verdict before the page is shown anyway. */
    static final Duration VERDICT_WAIT = Duration.ofSeconds(3);
    static final String FILES = "evidence";
    /** UploadPolicy keeps the last 200 characters of a name; the number must survive that. */
    static final int MAX_NAME = 200;

    private final ComplianceService compliance;
    private final AnswerService answers;
    private final EvaluationService evaluation;
    private final CurrentVerdicts current;
    private final Catalog catalog;
    private final WebPages pages;
    /** What one form can carry: the request size limit, and each file the upload policy's limit. */
    private final long maxFormMb;
    private final long maxFileMb;

    public CriterionPages(ComplianceService compliance, AnswerService answers, EvaluationService evaluation,
                          CurrentVerdicts current, Catalog catalog, WebPages pages, HttpServerConfiguration server) {
        // one limit: a file, and the files of one form together (the request may be slightly larger for the fields)
        this.maxFormMb = Math.min(UploadPolicy.MAX_BYTES, server.getMaxRequestSize()) / 1024 / 1024;
        this.maxFileMb = maxFormMb;
        this.compliance = compliance;
        this.answers = answers;
        this.evaluation = evaluation;
        this.current = current;
        this.catalog = catalog;
        this.pages = pages;
    }

    /** What was typed into the answer form (kept when the form is shown again with an error). */
    public record Typed(String status, String comment, String points, String option) {
        static final Typed EMPTY = new Typed(null, "", "", null);
    }

    @Get("/{id}")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<?> show(HttpRequest<?> request, @PathVariable String id) {
        return page(request, id, Typed.EMPTY, null);
    }

    /** The review form: the decision ({@code approve} or not) and the reviewer's note, as typed. */
    @Introspected
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReviewForm(@Nullable String decision, @Nullable String note) {
    }

    /** A second person approves or sends back an answer waiting for review (a refusal is shown on the page). */
    @Post(value = "/{id}/answers/{answerId}/review", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({Roles.ADMIN, Roles.SECURITY})
    public HttpResponse<?> review(HttpRequest<?> request, Caller caller, @PathVariable String id, @PathVariable String answerId,
                                  @io.micronaut.http.annotation.Body @Valid ReviewForm form) {
        try {
            answers.review(caller, answerId, "approve".equals(Uploads.text(form.decision())), form.note());
        } catch (jp.akashi.collector.Refusal e) {
            // a code, not the text: the page names the reason from its own bundle (no text injected by a link)
            String code = switch (e.kind()) {
                case FORBIDDEN -> "own";
                case CONFLICT -> "decided";
                case NOT_FOUND -> throw e;
                default -> "reason";
            };
            return HttpResponse.seeOther(URI.create(Links.query("/criteria/" + id, "reviewError", code)));
        }
        return HttpResponse.seeOther(URI.create(Links.query("/criteria/" + id, "done", "saved")));
    }

    @Post(value = "/{id}/answers", consumes = MediaType.MULTIPART_FORM_DATA)
    @Secured({Roles.ADMIN, Roles.SECURITY})
    @UploadCsrf
    public HttpResponse<?> answer(HttpRequest<?> request, Caller caller, @PathVariable String id,
                                  @Part(CsrfFilter.FIELD) @Nullable String csrf, @Part("status") @Nullable String status,
                                  @Part("comment") @Nullable String comment, @Part("points") @Nullable String pointsTyped,
                                  @Part("option") @Nullable String option, @Part(FILES) @Nullable Publisher<CompletedFileUpload> evidence) {
        Criterion c = catalog.criterion(id).orElseThrow(() -> ApiException.notFound("no criterion " + id));
        Typed typed = new Typed(Uploads.text(status), nz(comment), nz(Uploads.text(pointsTyped)), Uploads.text(option));
        if (CriterionView.onlyNotApplicable(c) && !Answer.NOT_APPLICABLE.equals(typed.status())) {
            return page(request, id, typed, pages.text(request, "answer.error.autoOnlyNa"));
        }
        if (typed.status() == null || !Answer.STATUSES.contains(typed.status())) {
            return page(request, id, typed, pages.text(request, "answer.error.status"));
        }
        Integer points;
        try {
            points = typed.points().isEmpty() ? null : Integer.valueOf(typed.points());
        } catch (NumberFormatException e) {
            return page(request, id, typed, pages.text(request, "answer.error.points"));
        }
        List<Uploads.File> files;
        try {
            files = Uploads.files(evidence);
            // every file is checked before any is stored, so a refused file leaves nothing behind
            for (Uploads.File f : files) {
                UploadPolicy.check(numbered(c, f.filename()), f.content());
            }
        } catch (IllegalArgumentException e) {
            return page(request, id, typed, pages.text(request, "answer.error.file", e.getMessage()));
        }
        try {
            // the service checks the whole answer before it stores a file: a refused answer leaves none behind
            List<AnswerService.NewFile> newFiles = new ArrayList<>();
            for (Uploads.File f : files) {
                newFiles.add(new AnswerService.NewFile(numbered(c, f.filename()), f.content()));
            }
            answers.answerWithFiles(caller, c.globalId(), new AnswerService.NewAnswer(typed.status(), comment, points,
                    typed.option(), List.of()), newFiles);
        } catch (Refusal e) {
            if (RefusalStatus.of(e) != HttpStatus.BAD_REQUEST) {
                throw e;
            }
            return page(request, id, typed, pages.text(request, "answer.error.rejected", pages.message(request, e)));
        }
        boolean updated;
        try {
            updated = evaluation.awaitIdle(VERDICT_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            updated = false;
        }
        return HttpResponse.seeOther(URI.create(Links.query("/criteria/" + c.globalId(), "done", updated ? "answered" : "pending")));
    }

    /**
     * The name an evidence file is kept under: the criterion's number first
     * ({@code 2-1-1_診断報告書.pdf}), as 安全・安心マーク asks of submitted documents and as
     * auditors find easiest to sort; a name that already starts with the number is kept.
     */
    static String numbered(Criterion c, String filename) {
        String name = UploadPolicy.cleanName(filename);
        String n = c.number();
        if (name.length() > n.length() && name.startsWith(n) && "_ .".indexOf(name.charAt(n.length())) >= 0) {
            return name;
        }
        int room = MAX_NAME - n.length() - 1;
        return n + "_" + (name.length() > room ? name.substring(name.length() - room) : name);
    }

    private HttpResponse<?> page(HttpRequest<?> request, String id, Typed typed, String error) {
        ComplianceService.CriterionDetail d = compliance.criterion(id).orElseThrow(() -> ApiException.notFound("no criterion " + id));
        Criterion c = d.criterion();
        String lang = ConsoleLanguage.lang(pages.locale(request));
        FrameworkVersion v = catalog.version(c.framework(), c.version()).orElseThrow();
        Map<String, Object> m = pages.model(request, "criterion.title");
        m.put("c", c);
        m.put("frameworkName", FrameworkCards.name(v, lang));
        m.put("source", v.source());
        // how the text was transcribed is for maintainers: the template shows it to admins only
        m.put("notes", v.source().notes());
        m.put("path", catalog.path(c));
        m.put("fields", CriterionView.fields(c));
        m.put("review", CriterionView.review(c.review()));
        m.put("isPoints", v.scoring().kind() == ScoringKind.POINTS);
        m.put("graded", "graded".equals(c.scoring()));
        m.put("onlyNa", CriterionView.onlyNotApplicable(c));
        m.put("verdict", CriterionView.verdict(d.verdict(), lang));
        m.put("since", d.since());
        m.put("coverage", CriterionView.coverage(d.verdict(), lang));
        m.put("equivalents", CriterionView.equivalents(d.equivalents(), catalog, current.now().verdicts(), lang));
        m.put("sharesAnswers", d.equivalents().stream().anyMatch(e -> e.sameQuestion()));
        request.getParameters().getFirst("reviewError").filter(x -> List.of("own", "decided", "reason").contains(x))
                .ifPresent(x -> m.put("error", pages.text(request, "criterion.reviewError." + x)));
        m.put("answers", CriterionView.answers(answers.history(c.globalId()), answers.reviews(c.globalId())));
        m.put("transitions", CriterionView.transitions(d.transitions()));
        m.put("typed", typed);
        m.put("statuses", CriterionView.onlyNotApplicable(c) ? List.of(Answer.NOT_APPLICABLE) : Answer.STATUSES);
        m.put("maxFileMb", maxFileMb);
        m.put("maxFormMb", maxFormMb);
        if (error != null) {
            m.put("error", error);
        }
        return pages.page(request, error == null ? HttpStatus.OK : HttpStatus.BAD_REQUEST, "criterion", m);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
