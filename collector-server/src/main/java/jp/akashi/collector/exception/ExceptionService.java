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

    public record NewException(String targetType, String targetId, List<String> assetIds, String justification,
                               String approver, Long expiresAt) {
    }

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
        if (req.approver() == null || req.approver().isBlank() || req.approver().length() > 128) {
            throw Refusal.badRequest("approver (承認者) is required, at most 128 characters", "承認者を入力してください（128文字以内）");
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
                    req.justification().strip(), req.approver().strip(), caller.name(), now, req.expiresAt(), null, null);
            store.insert(h, ex);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("target", req.targetType() + ":" + req.targetId());
            d.put("assets", scope.size());
            d.put("approver", ex.approver());
            d.put("expiresAt", ex.expiresAt());
            audit.append(h, caller.actor(), "exception.create", ex.id(), d);
            return ex;
        });
        events.publishEvent(new ExceptionsChanged(e.id()));
        return e;
    }

    public void revoke(Caller caller, String id) {
        db.write(h -> {
            if (store.revoke(h, id, caller.name(), clock.millis()) == 0) {
                throw Refusal.notFound("no active exception " + id);
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
