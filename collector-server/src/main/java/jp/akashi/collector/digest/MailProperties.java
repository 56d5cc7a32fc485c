package jp.akashi.collector.digest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.Locale;

/**
 * The SMTP server that mails digests and reminders ({@code akashi.mail.*}; docs/CONFIGURATION.md).
 * No {@code host}: no mail.
 *
 * @param host               the SMTP server; empty turns mail off
 * @param port               0 = 465 with {@code ssl}, else 587
 * @param username           login (SMTP AUTH); empty = no login
 * @param password           its password (never logged or shown)
 * @param from               the sender address, required with a host
 * @param starttls           {@code required} (refuse a server that does not offer it), {@code optional}
 *                           (use it when offered) or {@code off}; ignored with {@code ssl}
 * @param ssl                implicit TLS from the first byte (SMTPS, usually port 465)
 * @param timeout            connect, read and write timeout
 * @param trustedCertificate a PEM file of the certificate(s) to trust instead of the JVM's CAs
 *                           (a company CA, a self-signed server); the host name is checked either way
 */
@ConfigurationProperties("akashi.mail")
public record MailProperties(@Bindable(defaultValue = "") String host, @Bindable(defaultValue = "0") int port,
                             @Bindable(defaultValue = "") String username, @Bindable(defaultValue = "") String password,
                             @Bindable(defaultValue = "") String from,
                             @Bindable(defaultValue = "required") String starttls,
                             @Bindable(defaultValue = "false") boolean ssl,
                             @Bindable(defaultValue = "PT30S") Duration timeout,
                             @Bindable(defaultValue = "") String trustedCertificate) {
    public static final String REQUIRED = "required";
    public static final String OPTIONAL = "optional";
    public static final String OFF = "off";

    public MailProperties {
        host = host == null ? "" : host.strip();
        username = username == null ? "" : username.strip();
        password = password == null ? "" : password;
        from = from == null ? "" : from.strip();
        trustedCertificate = trustedCertificate == null ? "" : trustedCertificate.strip();
        starttls = starttls == null ? REQUIRED : starttls.strip().toLowerCase(Locale.ROOT);
        if (!starttls.equals(REQUIRED) && !starttls.equals(OPTIONAL) && !starttls.equals(OFF)) {
            throw new IllegalArgumentException("akashi.mail.starttls must be required, optional or off, not '" + starttls + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("akashi.mail.port must be 0 (the default) or 1..65535, not " + port);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("akashi.mail.timeout must be a positive duration");
        }
        if (!host.isEmpty() && !MailSettings.validAddress(from)) {
            throw new IllegalArgumentException("akashi.mail.from must be a mail address (such as akashi@example.co.jp) when "
                    + "akashi.mail.host is set, not '" + from + "'");
        }
    }

    public boolean enabled() {
        return !host.isEmpty();
    }

    public int effectivePort() {
        return port != 0 ? port : ssl ? 465 : 587;
    }
}
