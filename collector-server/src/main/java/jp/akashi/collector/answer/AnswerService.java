package jp.akashi.collector.answer;

import io.micronaut.context.event.ApplicationEventPublisher;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.catalog.Criterion;
import jp.akashi.collector.config.DisplayZone;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.Ids;

/**
 * Answering criteria: a status (満たしている / 満たしていない / 対象外), a comment, evidence files
 * and, for graded items, points. The answer is valid for the criterion's review interval (年1回以上
 * → one year) or the default validity, then the criterion becomes "expired".
 */
@Singleton
public class AnswerService {
    static final int MAX_COMMENT = 10_000;
    static final int MAX_FILES = 20;

    private final Database db;
    private final AnswerStore answers;
    private final AttachmentStore files;
    private final Catalog catalog;
    private final ApplicationEventPublisher<AnswersChanged> events;
    private final Duration validity;
    private final AuditLog audit;
    private final Clock clock;
    private final DisplayZone zone;
    /** Frameworks whose answers count only once a second person approved them. */
    private final java.util.Set<String> reviewFrameworks;

    @jakarta.inject.Inject
    public AnswerService(Database db, AnswerStore answers, AttachmentStore files, Catalog catalog,
                         ApplicationEventPublisher<AnswersChanged> events,
                         AnswersProperties props, AuditLog audit, Clock clock, DisplayZone zone) {
        this(db, answers, files, catalog, events, props.defaultValidity(), audit, clock, zone, props.reviewFrameworks());
    }

    public AnswerService(Database db, AnswerStore answers, AttachmentStore files, Catalog catalog,
                         ApplicationEventPublisher<AnswersChanged> events,
                         Duration validity, AuditLog audit, Clock clock, DisplayZone zone, List<String> reviewFrameworks) {
        this.zone = zone;
        this.reviewFrameworks = reviewFrameworks.stream().filter(x -> x != null && !x.isBlank()).map(String::strip)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        for (String f : this.reviewFrameworks) {
            if (catalog.framework(f).isEmpty()) {
                throw new IllegalArgumentException("akashi.answers.review-frameworks: no framework " + f + " in the catalog");
            }
        }
        this.db = db;
        this.answers = answers;
        this.files = files;
        this.catalog = catalog;
        this.events = events;
        this.validity = validity;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A file uploaded before (or with) an answer. In an answer only {@code sha256} is needed; a
     * name, size or type given there must be what the file was accepted with.
     */
    public record Upload(String sha256, String filename, String contentType, long size) {
    }

    /** A file sent with an answer (the console's form): the name the browser gave it and its bytes. */
    public record NewFile(String filename, byte[] content) {
    }

    /** Stores an evidence file (checked by {@link UploadPolicy}) and returns its reference. */
    public Upload upload(Caller caller, String filename, byte[] content) {
        UploadPolicy.Accepted ok = accept(filename, content);
        AttachmentStore.Stored stored = files.store(content);
        String sha = stored.sha256();
        long now = clock.millis();
        db.write(h -> {
            register(h, caller, sha, ok, content.length, now);
            auditRepair(h, caller, stored, ok);
            return null;
        });
        return new Upload(sha, ok.filename(), ok.contentType(), content.length);
    }

    private static UploadPolicy.Accepted accept(String filename, byte[] content) {
        try {
            return UploadPolicy.check(filename, content);
        } catch (UploadPolicy.TooLarge e) {
            throw new Refusal(Refusal.Kind.TOO_LARGE, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw Refusal.badRequest(e.getMessage());
        }
    }

    /** A stored copy that no longer matched its hash was replaced by this upload: auditors see when. */
    private void auditRepair(org.jdbi.v3.core.Handle h, Caller caller, AttachmentStore.Stored stored, UploadPolicy.Accepted ok) {
        if (stored.repaired()) {
            audit.append(h, caller.actor(), "attachment.repaired", stored.sha256(), Map.of("filename", ok.filename(),
                    "reason", "the stored bytes no longer matched the SHA-256; replaced by this upload"));
        }
    }

    private void register(org.jdbi.v3.core.Handle h, Caller caller, String sha, UploadPolicy.Accepted ok, long size, long now) {
        files.register(h, sha, size, ok.contentType(), now);
        files.registerName(h, sha, ok.filename(), ok.contentType(), caller.actor(), now);
        audit.append(h, caller.actor(), "attachment.upload", sha, Map.of("filename", ok.filename(), "size", size));
    }

    public record NewAnswer(String status, String comment, Integer points, String optionId, List<Upload> attachments) {
    }

    public Answer answer(Caller caller, String criterionId, NewAnswer req) {
        return answerWithFiles(caller, criterionId, req, List.of());
    }

    /**
     * An answer with files sent along (the console's form). Everything is checked before anything
     * is stored — the answer, the number of files, each file — so a refused answer leaves no file
     * behind; the files and the answer are then registered in one transaction.
     */
    public Answer answerWithFiles(Caller caller, String criterionId, NewAnswer req, List<NewFile> newFiles) {
        Criterion c = catalog.criterion(criterionId).orElseThrow(() -> Refusal.notFound("no criterion " + criterionId));
        if (req.status() == null || !Answer.STATUSES.contains(req.status())) {
            throw Refusal.badRequest("status must be one of " + Answer.STATUSES + " (満たしている / 満たしていない / 対象外)");
        }
        if (req.comment() != null && req.comment().length() > MAX_COMMENT) {
            throw Refusal.badRequest("comment: at most " + MAX_COMMENT + " characters");
        }
        List<Upload> attachments = req.attachments() == null ? List.of() : req.attachments();
        if (attachments.size() + newFiles.size() > MAX_FILES) {
            throw Refusal.badRequest("at most " + MAX_FILES + " evidence files per answer",
                    "1回の回答に付けられる証跡ファイルは " + MAX_FILES + " 個までです");
        }
        Integer points = gradedPoints(c, req);
        long total = newFiles.stream().mapToLong(f -> f.content().length).sum();
        if (total > UploadPolicy.MAX_BYTES) {
            throw new Refusal(Refusal.Kind.TOO_LARGE, "the files of one answer may have "
                    + UploadPolicy.MAX_BYTES / 1024 / 1024 + " MB together, not " + total + " bytes",
                    "1回の送信で送れる証跡ファイルは合計 " + UploadPolicy.MAX_BYTES / 1024 / 1024 + " MB までです");
        }
        List<UploadPolicy.Accepted> accepted = new ArrayList<>();
        for (NewFile f : newFiles) {
            accepted.add(accept(f.filename(), f.content()));
        }
        long now = clock.millis();
        long validUntil = validUntil(c, now);
        List<String> shas = new ArrayList<>();
        List<AttachmentStore.Stored> written = new ArrayList<>();
        for (NewFile f : newFiles) {
            written.add(files.store(f.content()));
            shas.add(written.get(written.size() - 1).sha256());
        }
        Answer stored = db.write(h -> {
            List<Answer.AttachmentRef> refs = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < newFiles.size(); i++) {
                UploadPolicy.Accepted ok = accepted.get(i);
                register(h, caller, shas.get(i), ok, newFiles.get(i).content().length, now);
                auditRepair(h, caller, written.get(i), ok);
                if (!seen.add(shas.get(i))) {
                    throw Refusal.badRequest(ok.filename() + ": the same file twice in one answer", ok.filename() + ": 同じファイルが2回選ばれています");
                }
                refs.add(new Answer.AttachmentRef(shas.get(i), ok.filename(), ok.contentType(), newFiles.get(i).content().length));
            }
            for (Upload u : attachments) {
                Answer.AttachmentRef ref = acceptedRef(h, u);
                if (!seen.add(ref.sha256())) {
                    throw Refusal.badRequest("attachment " + ref.sha256() + " is given twice");
                }
                refs.add(ref);
            }
            String previous = answers.latest(h, List.of(c.globalId())).values().stream().map(Answer::id).findFirst().orElse(null);
            return insert(h, caller, c, req.status(), points, req.optionId(), req.comment(), refs, previous, now, validUntil, Map.of());
        });
        events.publishEvent(new AnswersChanged(c.globalId()));
        return stored;
    }

    /** Stores one answer version (with its review, if the framework needs one) and its audit entry. */
    private Answer insert(org.jdbi.v3.core.Handle h, Caller caller, Criterion c, String status, Integer points, String optionId,
                          String comment, List<Answer.AttachmentRef> refs, String previous, long now, long validUntil,
                          Map<String, Object> extra) {
        Answer a = new Answer(Ids.next(), c.globalId(), status, points, optionId,
                comment == null || comment.isBlank() ? null : comment.strip(),
                caller.name(), now, validUntil, previous, List.copyOf(refs), c.version());
        answers.insert(h, a);
        boolean review = needsReview(c.framework());
        if (review) {
            answers.insertReview(h, a.id());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        if (review) {
            details.put("review", "pending");
        }
        details.put("status", a.status());
        details.put("points", a.points());
        details.put("version", a.catalogVersion());
        details.put("attachments", refs.stream().map(Answer.AttachmentRef::sha256).toList());
        details.putAll(extra);
        audit.append(h, caller.actor(), "answer.create", c.globalId(), details);
        return a;
    }

    /**
     * An answer read from an imported sheet.
     *
     * @param source where it was read (sheet!H12), for the audit log
     */
    public record ImportedAnswer(String criterionId, String status, String comment, String source) {
    }

    /**
     * Stores the answers of an imported sheet as new versions by {@code caller}, all in one
     * transaction: a refused one stores none. Each keeps the evidence files of the answer it
     * supersedes (a sheet cannot carry files). {@code basis} is what the preview compared with —
     * per criterion the id of its current answer, or "" for none; when any differs now, the answers
     * changed since the preview and nothing is stored (409).
     *
     * @param file what the audit log records of the file: its SHA-256, name and counts
     */
    public List<Answer> importAnswers(Caller caller, List<ImportedAnswer> rows, Map<String, String> basis, Map<String, Object> file) {
        List<Criterion> criteria = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ImportedAnswer r : rows) {
            Criterion c = catalog.criterion(r.criterionId()).orElseThrow(() -> Refusal.badRequest("no criterion " + r.criterionId(),
                    "評価基準 " + r.criterionId() + " はありません"));
            if (r.status() == null || !Answer.STATUSES.contains(r.status())) {
                throw Refusal.badRequest(r.source() + ": status must be one of " + Answer.STATUSES, r.source() + ": 回答が正しくありません");
            }
            if (r.comment() != null && r.comment().length() > MAX_COMMENT) {
                throw Refusal.badRequest(r.source() + ": comment: at most " + MAX_COMMENT + " characters",
                        r.source() + ": コメントは " + MAX_COMMENT + " 文字までです");
            }
            if ("graded".equals(c.scoring())) {
                throw Refusal.badRequest(r.source() + ": " + c.globalId() + " is graded: answer it with points on its page",
                        r.source() + ": " + c.globalId() + " は段階評価の項目です。項目のページで点数とともに回答してください");
            }
            if (!seen.add(c.globalId())) {
                throw Refusal.badRequest(r.source() + ": " + c.globalId() + " twice in one import", r.source() + ": " + c.globalId() + " が2回あります");
            }
            criteria.add(c);
        }
        long now = clock.millis();
        List<Answer> stored = db.write(h -> {
            java.util.Set<String> ids = new java.util.HashSet<>(basis.keySet());
            criteria.forEach(c -> ids.add(c.globalId()));
            Map<String, Answer> current = answers.latest(h, ids);
            for (Map.Entry<String, String> b : basis.entrySet()) {
                Answer now1 = current.get(b.getKey());
                String id = now1 == null ? "" : now1.id();
                if (!id.equals(b.getValue())) {
                    throw Refusal.conflict("the answer of " + b.getKey() + " changed since the preview; preview the file again",
                            b.getKey() + " の回答がプレビューの後に変わりました。もう一度プレビューしてください");
                }
            }
            List<Answer> out = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                Criterion c = criteria.get(i);
                Answer prev = current.get(c.globalId());
                List<Answer.AttachmentRef> refs = prev == null ? List.of() : prev.attachments();
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("import", file.get("sha256"));
                extra.put("cell", rows.get(i).source());
                out.add(insert(h, caller, c, rows.get(i).status(), null, null, rows.get(i).comment(), refs,
                        prev == null ? null : prev.id(), now, validUntil(c, now), extra));
            }
            Map<String, Object> details = new LinkedHashMap<>(file);
            details.put("answers", out.size());
            audit.append(h, caller.actor(), "answer.import", String.valueOf(file.get("framework")), details);
            return out;
        });
        stored.forEach(a -> events.publishEvent(new AnswersChanged(a.criterionId())));
        return stored;
    }

    /** The current (counted) answer of each criterion that has one: what an import preview compares with. */
    public Map<String, Answer> current(java.util.Collection<String> criterionIds) {
        return db.read(h -> answers.latest(h, criterionIds));
    }

    /**
     * The reference an answer gets for an uploaded file: the name (and its content type) the file
     * was accepted under and the size the collector measured — never what the client says. A
     * client may name one of the names it was accepted under; the newest is taken otherwise.
     */
    private Answer.AttachmentRef acceptedRef(org.jdbi.v3.core.Handle h, Upload u) {
        if (u == null || u.sha256() == null || !u.sha256().matches("[0-9a-f]{64}")) {
            throw Refusal.badRequest("attachment: not a SHA-256");
        }
        String sha = u.sha256();
        List<AttachmentStore.AcceptedName> names = files.names(h, sha);
        long size = files.size(h, sha).orElse(-1L);
        if (names.isEmpty() || size < 0) {
            throw Refusal.badRequest("attachment " + sha + " was not uploaded");
        }
        AttachmentStore.AcceptedName name = names.get(0);
        if (u.filename() != null) {
            String wanted;
            try {
                wanted = UploadPolicy.cleanName(u.filename());
            } catch (IllegalArgumentException e) {
                throw Refusal.badRequest("attachment " + sha + ": " + e.getMessage());
            }
            name = names.stream().filter(n -> n.filename().equals(wanted)).findFirst()
                    .orElseThrow(() -> Refusal.badRequest("attachment " + sha + " was uploaded as "
                            + names.stream().map(AttachmentStore.AcceptedName::filename).toList() + ", not as '" + wanted
                            + "'; upload it under the name it should have"));
        }
        if (u.size() != 0 && u.size() != size) {
            throw Refusal.badRequest("attachment " + sha + " has " + size + " bytes, not " + u.size());
        }
        if (u.contentType() != null && !u.contentType().equals(name.contentType())) {
            throw Refusal.badRequest("attachment " + sha + " was accepted as " + name.contentType() + ", not " + u.contentType());
        }
        return new Answer.AttachmentRef(sha, name.filename(), name.contentType(), size);
    }

    private static Integer gradedPoints(Criterion c, NewAnswer req) {
        if (!"graded".equals(c.scoring())) {
            if (req.points() != null || req.optionId() != null) {
                throw Refusal.badRequest(c.globalId() + " is not a graded item: points and option are not taken");
            }
            return null;
        }
        Integer points = req.points();
        if (req.optionId() != null) {
            Optional<Criterion.Option> o = c.options().stream().filter(x -> x.id().equals(req.optionId())).findFirst();
            if (o.isEmpty()) {
                throw Refusal.badRequest("option " + req.optionId() + " does not exist for " + c.globalId());
            }
            if (o.get().points() != null) {
                if (points != null && !points.equals(o.get().points())) {
                    throw Refusal.badRequest("option " + req.optionId() + " is worth " + o.get().points() + " points, not " + points);
                }
                points = o.get().points();
            }
        }
        if (Answer.MET.equals(req.status()) && points == null) {
            throw Refusal.badRequest(c.globalId() + " is graded: give points (0.." + c.points() + ") or an option");
        }
        if (points != null && (points < 0 || (c.points() != null && points > c.points()))) {
            throw Refusal.badRequest("points must be 0.." + c.points());
        }
        return points;
    }

    /**
     * The end of the criterion's review interval in the display zone; without one, of the assessment
     * of the criterion's level (METI ★3 self-assessment: a year, ★4 third-party: three years);
     * failing both, the configured default validity.
     */
    long validUntil(Criterion c, long now) {
        java.time.Period period = c.review() != null ? c.review() : levelValidity(c);
        if (period != null) {
            return zone.startOf(zone.date(now).plus(period));
        }
        return now + validity.toMillis();
    }

    private java.time.Period levelValidity(Criterion c) {
        if (c.level() == null) {
            return null;
        }
        return catalog.version(c.framework(), c.version()).flatMap(v -> v.scoring().levels().stream()
                .filter(l -> l.level() == c.level()).map(jp.akashi.collector.catalog.Scoring.Level::validity)
                .filter(java.util.Objects::nonNull).findFirst()).orElse(null);
    }

    /** Whether answers to this framework wait for a second person's approval before they count. */
    public boolean needsReview(String framework) {
        return reviewFrameworks.contains(framework);
    }

    /** The reviews of a criterion's answers, by answer id (empty where none was needed). */
    public Map<String, AnswerStore.Review> reviews(String criterionId) {
        return db.read(h -> answers.reviews(h, criterionId));
    }

    /**
     * Approves or sends back an answer waiting for review: by an admin or security user who did not
     * give it; sending back needs a reason. An approved answer counts from then on.
     */
    public AnswerStore.Review review(Caller caller, String answerId, boolean approve, String note) {
        if (!caller.isUser() || caller.role() != jp.akashi.collector.security.Role.ADMIN
                && caller.role() != jp.akashi.collector.security.Role.SECURITY) {
            throw Refusal.forbidden("only the admin or security role reviews answers", "回答を確認できるのは管理者かセキュリティ担当です");
        }
        String clean = note == null || note.isBlank() ? null : note.strip();
        if (clean != null && clean.length() > 2000) {
            throw Refusal.badRequest("note: at most 2000 characters", "コメントは2000文字以内にしてください");
        }
        if (!approve && clean == null) {
            throw Refusal.badRequest("sending an answer back needs a reason (note)", "差し戻しには理由が必要です");
        }
        long now = clock.millis();
        Answer reviewed = db.write(h -> {
            Answer a = answers.byId(h, answerId).orElseThrow(() -> Refusal.notFound("no answer " + answerId));
            if (a.answeredBy().equals(caller.name())) {
                throw Refusal.forbidden("the person who answered cannot review their own answer",
                        "回答者は自分の回答を確認できません。別の管理者かセキュリティ担当が確認してください");
            }
            if (answers.decideReview(h, answerId, approve ? "approved" : "rejected", caller.name(), now, clean) == 0) {
                throw Refusal.conflict("answer " + answerId + " is not waiting for review", "この回答は確認待ちではありません");
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("answer", answerId);
            d.put("answeredBy", a.answeredBy());
            if (clean != null) {
                d.put("note", clean);
            }
            audit.append(h, caller.actor(), approve ? "answer.approve" : "answer.reject", a.criterionId(), d);
            return a;
        });
        events.publishEvent(new AnswersChanged(reviewed.criterionId()));
        return reviews(reviewed.criterionId()).get(answerId);
    }

    /** Evidence files are read by auditors and others: each download is recorded in the audit log. */
    public void recordDownload(Caller caller, String sha256, String answerId, String filename) {
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        if (answerId != null) {
            details.put("answer", answerId);
        }
        details.put("filename", filename);
        db.write(h -> audit.append(h, caller.actor(), "attachment.download", sha256, details));
    }

    public List<Answer> history(String criterionId) {
        Criterion c = catalog.criterion(criterionId).orElseThrow(() -> Refusal.notFound("no criterion " + criterionId));
        return db.read(h -> answers.history(h, c.globalId()));
    }
}
