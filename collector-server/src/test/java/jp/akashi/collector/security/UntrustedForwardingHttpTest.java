package jp.akashi.collector.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.TestCollector;

/**
 * Without a configured proxy, {@code X-Forwarded-For} is the client's own claim and is ignored:
 * a guesser cannot get a fresh (user, address) pair by inventing addresses.
 */
class UntrustedForwardingHttpTest {
    static TestCollector c;

    @BeforeAll
    static void start() throws Exception {
        c = new TestCollector(Map.of(), Map.of("akashi.login.base-delay", "PT30S"));
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    @Test
    void forwardedForFromAnUntrustedPeerDoesNotMakeANewPair() {
        c.userToken("spoofed", "security");
        for (int i = 0; i < 6; i++) {
            c.send("POST", "/api/v1/auth/login", null, ("{\"username\":\"spoofed\",\"password\":\"wrong-" + i + "\"}").getBytes(),
                    Map.of("X-Forwarded-For", "198.51.100." + i));
        }
        var r = c.send("POST", "/api/v1/auth/login", null, "{\"username\":\"spoofed\",\"password\":\"password-of-spoofed\"}".getBytes(),
                Map.of("X-Forwarded-For", "198.51.100.99"));
        assertThat(r.status()).isEqualTo(429);
    }
}
