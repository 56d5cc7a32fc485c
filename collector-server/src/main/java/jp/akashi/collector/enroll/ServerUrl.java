package jp.akashi.collector.enroll;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * The URL agents should use to reach this collector, as shown in enroll commands: the configured
 * public URL, else the host the caller used (validated, never echoed raw), else localhost.
 */
@Singleton
public class ServerUrl {
    private final String publicUrl;
    private final boolean tls;
    private final int port;

    @jakarta.inject.Inject
    public ServerUrl(jp.akashi.collector.config.CollectorProperties collector) {
        this(collector.publicUrl(), collector.tls(), collector.port());
    }

    public ServerUrl(String publicUrl, boolean tls, int port) {
        this.publicUrl = publicUrl;
        this.tls = tls;
        this.port = port;
    }

    public String of(HttpRequest<?> request) {
        if (!publicUrl.isEmpty()) {
            return publicUrl;
        }
        String host = request.getHeaders().get("Host");
        if (host == null || !host.matches("[A-Za-z0-9.:\\[\\]-]{1,260}")) {
            host = "localhost:" + port;
        }
        return (tls ? "https://" : "http://") + host;
    }
}
