package jp.akashi.collector.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * The collector's own settings ({@code akashi.*} at the top level); the defaults are here and only
 * here (docs/CONFIGURATION.md lists them, {@code ConfigurationDocumentedTest} keeps the two in step).
 * A start from the command line always sets {@code data-dir}, {@code port}, {@code tls} and, when
 * given, {@code public-url} from the flags ({@link Settings}, {@link CollectorFlag}), whose defaults
 * are these constants; {@code tls-fingerprint} and {@code tls-public-key-pin} are set by the start
 * from the certificate it serves.
 *
 * @param dataDir         the data directory: database, TLS key, attachments, snapshots, secrets
 * @param port            the HTTPS port (HTTP when {@code tls} is false)
 * @param tls             whether the collector itself serves TLS; the command line sets it
 *                        ({@code --tls}, default on), false only for a context started without it
 * @param publicUrl       the URL agents and links use (enroll commands, notifications, digests,
 *                        share links); empty: from the request
 * @param tlsFingerprint  SHA-256 fingerprint of the served certificate, shown in enroll commands
 * @param tlsPublicKeyPin the served key's pin, written into the install scripts
 * @param displayZone     the time zone of the times people see (pages, reports, exports, file
 *                        names, dates in verdict reasons, dates typed into forms; {@link DisplayZone})
 */
@ConfigurationProperties("akashi")
public record CollectorProperties(
        @Bindable(defaultValue = CollectorProperties.DATA_DIR) String dataDir,
        @Bindable(defaultValue = CollectorProperties.PORT) int port,
        @Bindable(defaultValue = "false") boolean tls,
        @Bindable(defaultValue = "") String publicUrl,
        @Bindable(defaultValue = "") String tlsFingerprint,
        @Bindable(defaultValue = "") String tlsPublicKeyPin,
        @Bindable(defaultValue = DisplayZone.DEFAULT) String displayZone) {
    /** {@code akashi.data-dir} when neither flag nor environment gives one. */
    public static final String DATA_DIR = "./data";
    /** {@code akashi.port} when neither flag nor environment gives one. */
    public static final String PORT = "8443";

    public CollectorProperties {
        dataDir = dataDir == null || dataDir.isBlank() ? DATA_DIR : dataDir.strip();
        publicUrl = publicUrl == null ? "" : publicUrl.strip();
        tlsFingerprint = tlsFingerprint == null ? "" : tlsFingerprint.strip();
        tlsPublicKeyPin = tlsPublicKeyPin == null ? "" : tlsPublicKeyPin.strip();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("akashi.port: must be 1..65535, not " + port);
        }
        displayZone = displayZone == null || displayZone.isBlank() ? DisplayZone.DEFAULT : displayZone.strip();
        zone(displayZone);
    }

    /** The defaults, for code and tests outside the application context. */
    public static CollectorProperties defaults() {
        return new CollectorProperties(DATA_DIR, Integer.parseInt(PORT), false, "", "", "", DisplayZone.DEFAULT);
    }

    /** The public URL without trailing slashes ("" when none is set). */
    public String publicUrlBase() {
        return publicUrl.replaceAll("/+$", "");
    }

    /** {@code akashi.display-zone} as a zone; a name Java does not know stops the start naming the key. */
    public ZoneId zone() {
        return zone(displayZone);
    }

    static ZoneId zone(String id) {
        try {
            return ZoneId.of(id.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("akashi.display-zone must be a time zone such as Asia/Tokyo or UTC, not '"
                    + id + "'", e);
        }
    }
}
