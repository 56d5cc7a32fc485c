package jp.akashi.collector.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.Map;

import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.Test;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;

/**
 * Failures no service refused answer API-shaped bodies that never quote the exception: before,
 * the framework's 500 carried the failed statement with its bound values (a password hash).
 */
class ErrorBodiesTest {
    static final String SECRET = "INSERT INTO users (password_hash) VALUES ('$argon2id$v=19$secret')";

    @Test
    void aUniqueKeyRaceIsA409WithoutTheStatement() {
        HttpResponse<?> r = new DatabaseErrors(null, null).handle(HttpRequest.POST("/api/v1/users", ""),
                new ConnectionException(new SQLException("duplicate key value violates unique constraint: " + SECRET, "23505")));
        assertThat(r.code()).isEqualTo(409);
        assertThat(body(r)).containsKeys("error", "errorJa").containsEntry("status", 409);
        assertThat(body(r).toString()).doesNotContain("argon2id").doesNotContain("INSERT");
    }

    @Test
    void anyOtherStatementFailureIsA500ThatNamesNothingInternal() {
        HttpResponse<?> r = new DatabaseErrors(null, null).handle(HttpRequest.POST("/api/v1/users", ""),
                new ConnectionException(new SQLException("syntax error near " + SECRET, "42601")));
        assertThat(r.code()).isEqualTo(500);
        assertThat(body(r).get("ref")).isNotNull();
        assertThat(body(r).toString()).doesNotContain("argon2id").doesNotContain("INSERT").doesNotContain("42601");
        HttpResponse<?> any = new UnexpectedErrors().handle(HttpRequest.GET("/api/v1/assets"), new IllegalStateException(SECRET));
        assertThat(any.code()).isEqualTo(500);
        assertThat(body(any).toString()).doesNotContain("argon2id");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(HttpResponse<?> r) {
        return (Map<String, Object>) r.body();
    }
}
