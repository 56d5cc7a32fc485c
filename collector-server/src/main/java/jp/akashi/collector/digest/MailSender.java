package jp.akashi.collector.digest;

import jakarta.inject.Singleton;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Date;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Sends one mail (plain text with an HTML alternative) over SMTP as {@link MailProperties} say:
 * SMTPS or STARTTLS (required, optional or off), SMTP AUTH when a username is set, the server's
 * host name always checked against its certificate. Returns the outcome instead of throwing, with
 * an error text that holds neither the password nor the username.
 */
@Singleton
public class MailSender {
    private static final Pattern REPLY_CODE = Pattern.compile("\\b([45]\\d\\d)\\b");

    /** @param code the SMTP reply code of a refusal when one came, else null */
    public record Outcome(boolean sent, Integer code, String error) {
    }

    private final MailProperties props;
    private final SSLSocketFactory sslFactory;

    public MailSender(MailProperties props) {
        this.props = props;
        this.sslFactory = props.trustedCertificate().isEmpty() ? null : trusting(Path.of(props.trustedCertificate()));
    }

    public boolean enabled() {
        return props.enabled();
    }

    public Outcome send(String to, String subject, String text, String html) {
        if (!props.enabled()) {
            return new Outcome(false, null, "mail is off (akashi.mail.host is not set)");
        }
        String proto = props.ssl() ? "smtps" : "smtp";
        Properties p = new Properties();
        String k = "mail." + proto + ".";
        p.put(k + "host", props.host());
        p.put(k + "port", String.valueOf(props.effectivePort()));
        p.put(k + "auth", String.valueOf(!props.username().isEmpty()));
        p.put(k + "from", props.from());
        String ms = String.valueOf(props.timeout().toMillis());
        p.put(k + "connectiontimeout", ms);
        p.put(k + "timeout", ms);
        p.put(k + "writetimeout", ms);
        p.put(k + "ssl.checkserveridentity", "true");
        if (!props.ssl()) {
            p.put(k + "starttls.enable", String.valueOf(!MailProperties.OFF.equals(props.starttls())));
            p.put(k + "starttls.required", String.valueOf(MailProperties.REQUIRED.equals(props.starttls())));
        }
        if (sslFactory != null) {
            p.put(k + "ssl.socketFactory", sslFactory); // also used for STARTTLS
        }
        Session session = Session.getInstance(p);
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress(props.from(), true));
            m.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(to, true));
            m.setSubject(subject, "UTF-8");
            m.setSentDate(new Date());
            m.setHeader("Auto-Submitted", "auto-generated"); // RFC 3834: no out-of-office replies to the collector
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, "UTF-8");
            MimeBodyPart rich = new MimeBodyPart();
            rich.setText(html, "UTF-8", "html");
            m.setContent(new MimeMultipart("alternative", plain, rich));
            try (Transport t = session.getTransport(proto)) {
                t.connect(props.host(), props.effectivePort(), props.username().isEmpty() ? null : props.username(),
                        props.username().isEmpty() ? null : props.password());
                t.sendMessage(m, m.getAllRecipients());
            }
            return new Outcome(true, null, null);
        } catch (AuthenticationFailedException e) {
            return new Outcome(false, code(e), "the SMTP server " + server() + " refused the login: " + scrub(describe(e)));
        } catch (MessagingException e) {
            return new Outcome(false, code(e), "sending via " + server() + " failed: " + scrub(describe(e)));
        }
    }

    private String server() {
        return props.host() + ":" + props.effectivePort();
    }

    private static Integer code(Exception e) {
        if (e instanceof org.eclipse.angus.mail.smtp.SMTPSendFailedException f) {
            return f.getReturnCode();
        }
        Matcher m = REPLY_CODE.matcher(String.valueOf(e.getMessage()));
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    /** The exception's message and its causes' (the cause of a failed connection says why). */
    private static String describe(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null && b.length() < 400; t = t.getCause()) {
            String m = t.getMessage();
            if (b.length() > 0) {
                b.append(" / ");
            }
            b.append(m == null || m.isBlank() ? t.getClass().getSimpleName() : m.strip());
        }
        return b.toString();
    }

    /** A server may echo what it was sent: neither the password nor the login goes into a log or the page. */
    String scrub(String text) {
        String out = text.replaceAll("[\\r\\n]+", " ");
        if (!props.password().isEmpty()) {
            out = out.replace(props.password(), "***");
        }
        if (props.username().length() > 2) {
            out = out.replace(props.username(), "***");
        }
        return out.length() > 350 ? out.substring(0, 350) + "…" : out;
    }

    private static SSLSocketFactory trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("trusted-" + i++, c);
            }
            if (i == 0) {
                throw new IllegalArgumentException("akashi.mail.trusted-certificate: no certificate in " + pem);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("akashi.mail.trusted-certificate: cannot read " + pem + " as PEM certificates: "
                    + e.getMessage(), e);
        }
    }
}
