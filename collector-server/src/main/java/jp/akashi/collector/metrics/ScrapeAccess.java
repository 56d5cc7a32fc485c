package jp.akashi.collector.metrics;

import io.micronaut.http.HttpRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.api.ApiException;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.security.Role;

/**
 * Who may read {@code /metrics}: a scraper sending the configured token
 * ({@code akashi.metrics.token}, {@code Authorization: Bearer …}), or a logged-in administrator.
 * Without a token configured only administrators can; nobody else, so nothing about the fleet
 * (agent counts, refusal rates) is open by default.
 */
@io.micronaut.context.annotation.Context // a bad token stops the start, not the first scrape
public class ScrapeAccess {
    static final int MIN_TOKEN_LENGTH = 32;
    private final byte[] token;

    @jakarta.inject.Inject
    public ScrapeAccess(MetricsProperties props) {
        this(props.token());
    }

    public ScrapeAccess(String token) {
        String t = token.strip();
        if (!t.isEmpty() && t.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalStateException("akashi.metrics.token (AKASHI_METRICS_TOKEN) must have at least " + MIN_TOKEN_LENGTH
                    + " characters, e.g. from `openssl rand -hex 32`; it has " + t.length());
        }
        this.token = t.isEmpty() ? null : t.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns normally when the request may scrape; otherwise 401 or 403 with the reason. */
    public void check(HttpRequest<?> request) {
        if (token != null && request.getHeaders().getAuthorization().map(ScrapeAccess::bearer)
                .filter(b -> MessageDigest.isEqual(b.getBytes(StandardCharsets.UTF_8), token)).isPresent()) {
            return;
        }
        Optional<Caller> caller = Caller.of(request);
        if (caller.isPresent() && caller.get().isUser() && caller.get().role() == Role.ADMIN) {
            return;
        }
        String how = token == null ? "an administrator's session (no scrape token is configured: set akashi.metrics.token)"
                : "the scrape token (Authorization: Bearer <akashi.metrics.token>) or an administrator's session";
        String howJa = token == null ? "管理者のセッションが必要です（スクレイプ用トークン akashi.metrics.token は未設定です）"
                : "スクレイプ用トークン（Authorization: Bearer <akashi.metrics.token>）か管理者のセッションが必要です";
        if (caller.isPresent()) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "metrics need " + how, "メトリクスの取得には" + howJa);
        }
        throw new Refusal(Refusal.Kind.UNAUTHENTICATED, "metrics need " + how, "メトリクスの取得には" + howJa);
    }

    private static String bearer(String authorization) {
        return authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).strip() : "";
    }
}
