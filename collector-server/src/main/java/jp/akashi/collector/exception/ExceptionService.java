package jp.akashi.collector.exception;

import io.micronaut.context.event.ApplicationEventPublisher;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.catalog.Catalog;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.Role;
import jp.akashi.collector.store.AssetStore;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.Ids;

/** Recording, listing and revoking exceptions. Every exception has an expiry; there is no "forever". */
@Singleton
public class ExceptionService {
    static final Duration MAX_DURATION = Duration.ofDays(3 * 366);

    private final Database db;
    private final ExceptionStore store;
    private final AssetStore assets;
    private final Catalog catalog;
    private final KnownChecks checks;
    private final ApplicationEventPublisher<ExceptionsChanged> events;
    private final AuditLog audit;
    private final Clock clock;

    public ExceptionService(Database db, ExceptionStore store, AssetStore assets, Catalog catalog, KnownChecks checks,
                            ApplicationEventPublisher<ExceptionsChanged> events, AuditLog audit, Clock clock) {
        this.db = db;
        this.store = store;
        this.assets = assets;
        this.catalog = catalog;
        this.checks = checks;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a requester asks for; who approves is decided later, by someone else. */
    public record NewException(String targetType, String targetId, List<String> assetIds, String justification,
                               Long expiresAt) {
    }

    static final int MAX_NOTE = 2000;
    private static final Map<String, String> STATE_JA = Map.of("requested", "申請中", "active", "有効", "expired", "期限切れ",
            "rejected", "却下", "revoked", "取り消し");

    public ComplianceException create(Caller caller, NewException req) {
        long now = clock.millis();
        if (req.targetType() == null || !List.of(ComplianceException.CHECK, ComplianceException.CRITERION).contains(req.targetType())) {
            throw Refusal.badRequest("targetType must be check or criterion", "対象はチェックか評価基準を選んでください");
        }
        if (ComplianceException.CHECK.equals(req.targetType())) {
            if (req.targetId() == null || !checks.exists(req.targetId())) {
                throw Refusal.badRequest("no check " + req.targetId(), "チェック " + req.targetId() + " はありません");
            }
        } else if (req.targetId() == null || catalog.criterion(req.targetId()).isEmpty()) {
            throw Refusal.badRequest("no criterion " + req.targetId(), "評価基準 " + req.targetId() + " はありません");
        }
        List<String> scope = req.assetIds() == null ? List.of() : List.copyOf(req.assetIds());
        if (ComplianceException.CRITERION.equals(req.targetType()) && !scope.isEmpty()) {
            throw Refusal.badRequest("a criterion exception covers the whole criterion: leave assetIds empty",
                    "評価基準の例外は基準全体に適用されます。資産は指定しないでください");
        }
        if (scope.size() > 10_000) {
            throw Refusal.badRequest("at most 10000 assets per exception", "1件の例外で指定できる資産は10,000件までです");
        }
        if (req.justification() == null || req.justification().isBlank() || req.justification().length() > 5000) {
            throw Refusal.badRequest("justification (理由) is required, at most 5000 characters", "理由を入力してください（5,000文字以内）");
        }
        if (req.expiresAt() == null || req.expiresAt() <= now || req.expiresAt() > now + MAX_DURATION.toMillis()) {
            throw Refusal.badRequest("expiresAt must be in the future and at most 3 years ahead", "有効期限は今日より後、3年以内の日付にしてください");
        }
        ComplianceException e = db.write(h -> {
            for (String a : scope) {
                if (assets.byId(h, a).isEmpty()) {
                    throw Refusal.badRequest("no asset " + a, "資産 " + a + " はありません");
                }
            }
            ComplianceException ex = new ComplianceException(Ids.next(), req.targetType(), req.targetId(), scope,
                    req.justification().strip(), null, caller.name(), now, req.expiresAt(), null, null,
                    ComplianceException.REQUESTED, null, null, null);
            store.insert(h, ex);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("target", req.targetType() + ":" + req.targetId());
            d.put("assets", scope.size());
            d.put("expiresAt", ex.expiresAt());
            audit.append(h, caller.actor(), "exception.request", ex.id(), d);
            return ex;
        });
        events.publishEvent(new ExceptionsChanged(e.id()));
        return e;
    }

    /** Approves a pending request: from then on it covers verdicts, with the decider as approver. */
    public ComplianceException approve(Caller caller, String id, String note) {
        return decide(caller, id, ComplianceException.APPROVED, note);
    }

    /** Rejects a pending request; a rejection needs a reason the requester can read. */
    public ComplianceException reject(Caller caller, String id, String note) {
        if (note == null || note.isBlank()) {
            throw Refusal.badRequest("a rejection needs a reason (note)", "却下の理由を入力してください");
        }
        return decide(caller, id, ComplianceException.REJECTED, note);
    }

    private ComplianceException decide(Caller caller, String id, String status, String note) {
        if (!caller.isUser() || caller.role() != Role.ADMIN && caller.role() != Role.SECURITY) {
            throw Refusal.forbidden("only the admin or security role decides exceptions", "例外を承認・却下できるのは管理者かセキュリティ担当です");
        }
        if (note != null && note.length() > MAX_NOTE) {
            throw Refusal.badRequest("note: at most " + MAX_NOTE + " characters", "コメントは" + MAX_NOTE + "文字以内にしてください");
        }
        String cleanNote = note == null || note.isBlank() ? null : note.strip();
        long now = clock.millis();
        ComplianceException decided = db.write(h -> {
            ComplianceException e = store.byId(h, id).orElseThrow(() -> Refusal.notFound("no exception " + id));
            // four eyes: whoever asked cannot also decide, whatever their role
            if (e.createdBy().equals(caller.name())) {
                throw Refusal.forbidden("the requester cannot decide their own exception request; another admin or security user must",
                        "申請者は自分の例外申請を承認・却下できません。別の管理者かセキュリティ担当が判断してください");
            }
            if (store.decide(h, id, status, caller.name(), now, cleanNote) == 0) {
                throw Refusal.conflict("exception " + id + " is " + e.state(now) + ", not a pending request",
                        "この例外は申請中ではありません（" + STATE_JA.get(e.state(now)) + "）");
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("target", e.targetType() + ":" + e.targetId());
            d.put("requestedBy", e.createdBy());
            if (cleanNote != null) {
                d.put("note", cleanNote);
            }
            audit.append(h, caller.actor(), ComplianceException.APPROVED.equals(status) ? "exception.approve" : "exception.reject", id, d);
            return store.byId(h, id).orElseThrow();
        });
        events.publishEvent(new ExceptionsChanged(id));
        return decided;
    }

    /** Revokes an approved exception, or withdraws a pending request (its requester may too). */
    public void revoke(Caller caller, String id) {
        db.write(h -> {
            if (store.revoke(h, id, caller.name(), clock.millis()) == 0) {
                throw Refusal.notFound("no exception " + id + " that is active or requested");
            }
            audit.append(h, caller.actor(), "exception.revoke", id, Map.of());
            return null;
        });
        events.publishEvent(new ExceptionsChanged(id));
    }

    public List<ComplianceException> all() {
        return db.read(store::all);
    }

    public long now() {
        return clock.millis();
    }
}
