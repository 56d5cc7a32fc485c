package jp.akashi.collector.web;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

import jp.akashi.collector.testing.TestCollector;

/**
 * A real OpenID provider for the single sign-on tests: mock-oauth2-server in this JVM on a
 * loopback port, with its discovery document, keys, authorization and token endpoints. In
 * interactive mode its login page asks for a subject and the claims (JSON) a person has there.
 */
final class OpenIdProvider implements AutoCloseable {
    static final String ISSUER_ID = "corp";
    static final String CLIENT_ID = "akashi-console";

    final MockOAuth2Server server;

    OpenIdProvider(boolean interactive) throws Exception {
        server = new MockOAuth2Server(OAuth2Config.Companion.fromJson("{\"interactiveLogin\": " + interactive + "}"));
        server.start(InetAddress.getByName("127.0.0.1"), TestCollector.freePort());
    }

    String issuer() {
        return server.issuerUrl(ISSUER_ID).toString().replaceAll("/$", "");
    }

    /** The collector settings for this provider: admins, security and auditors by group. */
    Map<String, Object> collectorSettings(boolean localLogin) {
        Map<String, Object> p = new HashMap<>();
        p.put("akashi.oidc.enabled", true);
        p.put("akashi.oidc.issuer", issuer());
        p.put("akashi.oidc.client-id", CLIENT_ID);
        p.put("akashi.oidc.client-secret", "client-secret-of-akashi");
        p.put("akashi.oidc.role-mapping.admin", List.of("akashi-admins"));
        p.put("akashi.oidc.role-mapping.security", List.of("akashi-security"));
        p.put("akashi.oidc.role-mapping.auditor", List.of("akashi-auditors", "internal-audit"));
        p.put("akashi.oidc.local-login", localLogin);
        return p;
    }

    /** The paths and queries of the requests the provider received since the last call (waiting up to a second for each). */
    List<String> receivedRequests() {
        List<String> out = new java.util.ArrayList<>();
        while (true) {
            try {
                okhttp3.mockwebserver.RecordedRequest r = server.takeRequest(1, java.util.concurrent.TimeUnit.SECONDS);
                out.add(r.getPath());
            } catch (RuntimeException e) {
                return out;
            }
        }
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
