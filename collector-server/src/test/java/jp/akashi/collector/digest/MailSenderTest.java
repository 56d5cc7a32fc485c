package jp.akashi.collector.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.testing.MailServer;

/**
 * The SMTP client against a real SMTP server (GreenMail): SMTPS with a login and the server's
 * certificate checked (host name included), plain SMTP with STARTTLS optional, STARTTLS required
 * refused by a server that does not offer it, a refused login without the secret in the error.
 */
class MailSenderTest {
    static MailProperties props(MailServer s, boolean ssl, String starttls, String password, String trusted) {
        return new MailProperties("127.0.0.1", s.port(), MailServer.LOGIN, password, MailServer.FROM, starttls, ssl,
                Duration.ofSeconds(10), trusted);
    }

    @Test
    void smtpsWithLoginDeliversTextAndHtml() throws Exception {
        try (MailServer s = new MailServer(true)) {
            MailSender sender = new MailSender(props(s, true, "required", MailServer.PASSWORD, s.certificate().toString()));
            MailSender.Outcome o = sender.send("someone@example.test", "件名 テスト", "本文", "<p>本文</p>");
            assertThat(o.sent()).as(String.valueOf(o.error())).isTrue();
            MailServer.Received r = s.receivedBy("someone@example.test").get(0);
            assertThat(r.subject()).isEqualTo("件名 テスト");
            assertThat(r.text()).isEqualTo("本文");
            assertThat(r.html()).isEqualTo("<p>本文</p>");

            // without the trusted certificate the JVM's CAs do not know the server: refused, with the reason
            MailSender.Outcome untrusted = new MailSender(props(s, true, "required", MailServer.PASSWORD, null))
                    .send("someone@example.test", "x", "x", "x");
            assertThat(untrusted.sent()).isFalse();
            assertThat(untrusted.error()).contains("127.0.0.1:" + s.port()).containsIgnoringCase("certification path");
            assertThat(s.received()).hasSize(1);
        }
    }

    @Test
    void startTlsRequiredIsRefusedByAServerWithoutItAndOptionalFallsBack() throws Exception {
        try (MailServer s = new MailServer(false)) {
            MailSender.Outcome required = new MailSender(props(s, false, "required", MailServer.PASSWORD, null))
                    .send("someone@example.test", "x", "x", "x");
            assertThat(required.sent()).isFalse();
            assertThat(required.error()).contains("STARTTLS");
            assertThat(s.received()).isEmpty();

            MailSender.Outcome optional = new MailSender(props(s, false, "optional", MailServer.PASSWORD, null))
                    .send("someone@example.test", "x", "plain", "<p>x</p>");
            assertThat(optional.sent()).as(String.valueOf(optional.error())).isTrue();
            assertThat(s.received()).hasSize(1);
        }
    }

    @Test
    void aRefusedLoginSaysSoWithoutThePassword() throws Exception {
        try (MailServer s = new MailServer(false)) {
            MailSender.Outcome o = new MailSender(props(s, false, "off", "wrong-password-xyz", null))
                    .send("someone@example.test", "x", "x", "x");
            assertThat(o.sent()).isFalse();
            assertThat(o.error()).contains("refused the login").doesNotContain("wrong-password-xyz").doesNotContain(MailServer.LOGIN);
            assertThat(s.received()).isEmpty();
        }
    }

    @Test
    void badSettingsStopTheStartWithTheKey() {
        assertThatThrownBy(() -> new MailProperties("smtp.example", 0, "", "", "not-an-address", "required", false, Duration.ofSeconds(1), null))
                .hasMessageContaining("akashi.mail.from");
        assertThatThrownBy(() -> new MailProperties("smtp.example", 0, "", "", "a@example.test", "sometimes", false, Duration.ofSeconds(1), null))
                .hasMessageContaining("akashi.mail.starttls");
        assertThat(new MailProperties("smtp.example", 0, null, null, "a@example.test", "required", true, Duration.ofSeconds(1), null)
                .effectivePort()).isEqualTo(465);
        assertThat(new MailProperties(null, 0, null, null, null, "off", false, Duration.ofSeconds(1), null).enabled()).isFalse();
    }
}
