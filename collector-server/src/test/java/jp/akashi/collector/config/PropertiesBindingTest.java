package jp.akashi.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.micronaut.context.ApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.akashi.collector.answer.AnswersProperties;
import jp.akashi.collector.answer.AttachmentStore;
import jp.akashi.collector.catalog.CatalogProperties;
import jp.akashi.collector.enroll.AgentPackages;
import jp.akashi.collector.enroll.AgentPackagesProperties;
import jp.akashi.collector.enroll.EnrollmentProperties;
import jp.akashi.collector.enroll.ServerUrl;
import jp.akashi.collector.evaluate.ChecksProperties;
import jp.akashi.collector.evaluate.EolProperties;
import jp.akashi.collector.evaluate.NotifyReceivers;
import jp.akashi.collector.health.HealthProperties;
import jp.akashi.collector.metrics.MetricsProperties;
import jp.akashi.collector.security.ClientAddresses;
import jp.akashi.collector.security.LoginProperties;
import jp.akashi.collector.security.SecurityProperties;
import jp.akashi.collector.security.SessionProperties;
import jp.akashi.collector.security.TwoFactorProperties;
import jp.akashi.collector.snapshot.SigningProperties;
import jp.akashi.collector.snapshot.SnapshotFiles;
import jp.akashi.collector.store.AssetsProperties;
import jp.akashi.collector.store.DatabaseProperties;
import jp.akashi.collector.store.Freshness;
import jp.akashi.collector.store.ReportSettingsStore;
import jp.akashi.collector.targets.CredentialsProperties;
import jp.akashi.collector.task.TasksProperties;
import jp.akashi.collector.web.WebCookies;
import jp.akashi.collector.web.WebProperties;

/**
 * Each configuration record binds values from a property map, its defaults when nothing is set,
 * and a value out of range or of the wrong type stops the start with the key named.
 */
class PropertiesBindingTest {
    static Path dir;
    static ApplicationContext ctx;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("akashi-props-");
        Map<String, Object> p = new HashMap<>(base(dir.resolve("set")));
        p.put("akashi.port", "9443");
        p.put("akashi.tls", "true");
        p.put("akashi.public-url", "https://akashi.example.com/");
        p.put("akashi.tls-fingerprint", "AB:CD");
        p.put("akashi.tls-public-key-pin", "sha256//abc=");
        p.put("akashi.display-zone", "Europe/Berlin");
        p.put("akashi.db.pool-size", "3");
        p.put("akashi.db.synchronous", "full");
        p.put("akashi.db.quick-check", "false");
        p.put("akashi.health.min-free-space", "1MB");
        p.put("akashi.health.evaluation-failures", "5");
        p.put("akashi.health.retry-after", "PT30S");
        p.put("akashi.health.probe-interval", "20s");
        p.put("akashi.session.api-ttl", "PT6H");
        p.put("akashi.session.web-ttl", "PT4H");
        p.put("akashi.session.web-idle", "PT30M");
        p.put("akashi.login.lock-after", "5");
        p.put("akashi.login.free-failures", "2");
        p.put("akashi.login.base-delay", "PT2S");
        p.put("akashi.login.max-delay", "PT5M");
        p.put("akashi.login.address-budget", "50");
        p.put("akashi.login.address-window", "PT10M");
        p.put("akashi.two-factor.issuer", "Akashi Test");
        p.put("akashi.trusted-proxies", "10.0.0.0/8");
        p.put("akashi.admin-password", "Correct-Horse-Battery-42");
        p.put("akashi.enrollment.default-ttl", "PT2H");
        p.put("akashi.agent-packages.dir", dir.resolve("packages").toString());
        p.put("akashi.export.pdf-font", "/nowhere/font.ttf");
        p.put("akashi.export.company-name", "Example KK");
        p.put("akashi.signing.replace-recorded-key", "true");
        p.put("akashi.credentials.key-file", dir.resolve("cred.key").toString());
        p.put("akashi.metrics.token", "0123456789abcdef0123456789abcdef01234567");
        p.put("akashi.web.secure-cookies", "false");
        p.put("akashi.answers.default-validity", "P30D");
        p.put("akashi.answers.review-frameworks", "meti-scs");
        p.put("akashi.assets.stale-after", "PT48H");
        p.put("akashi.tasks.close-interval", "5m");
        p.put("akashi.eol.files", "eol/os.yaml");
        p.put("akashi.notify.webhooks", "https://hooks.example.com/a,https://hooks.example.com/b");
        p.put("akashi.notify.teams-webhooks", "https://teams.example.com/x");
        p.put("akashi.notify.slack-webhooks", "https://slack.example.com/y");
        ctx = ApplicationContext.run(p);
    }

    @AfterAll
    static void stop() {
        if (ctx != null) {
            ctx.close();
        }
    }

    static Map<String, Object> base(Path dataDir) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("akashi.data-dir", dataDir.toString());
        p.put("akashi.db.url", "jdbc:sqlite:" + dataDir.resolve("akashi.db"));
        return p;
    }

    @Test
    void collectorProperties() {
        CollectorProperties c = ctx.getBean(CollectorProperties.class);
        assertThat(c).isEqualTo(new CollectorProperties(dir.resolve("set").toString(), 9443, true, "https://akashi.example.com/",
                "AB:CD", "sha256//abc=", "Europe/Berlin"));
        assertThat(c.publicUrlBase()).isEqualTo("https://akashi.example.com");
        assertThat(ctx.getBean(DisplayZone.class).zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(ctx.getBean(ServerUrl.class).of(io.micronaut.http.HttpRequest.GET("/"))).isEqualTo("https://akashi.example.com/");
    }

    @Test
    void everyConsumerOfTheDataDirectorySeesTheSameOne() {
        Path set = dir.resolve("set");
        assertThat(ctx.getBean(AgentPackages.class).directory()).isEqualTo(dir.resolve("packages"));
        assertThat(ctx.getBean(SnapshotFiles.class).dir()).isEqualTo(set.resolve("snapshots"));
        // without a setting: before, AgentPackages read "./data" and the others "data"; now all read the record's one default,
        // which is also the command line's (--data-dir)
        CollectorProperties d = CollectorProperties.defaults();
        assertThat(d.dataDir()).isEqualTo("./data");
        Path agents = new AgentPackages(new AgentPackagesProperties(""), d).directory().getParent();
        Path snapshots = new SnapshotFiles(d).dir().getParent();
        assertThat(agents).isEqualTo(snapshots).isEqualTo(Path.of("./data"));
        assertThat(Settings.from(new String[0], Map.of()).dataDir()).isEqualTo(agents.toAbsolutePath().normalize());
        assertThat(new AttachmentStore(d)).isNotNull();
    }

    @Test
    void theDefaultsWhenNothingIsSet() throws Exception {
        Path other = Files.createTempDirectory("akashi-props-defaults-");
        try (ApplicationContext c = ApplicationContext.run(base(other))) {
            CollectorProperties cp = c.getBean(CollectorProperties.class);
            assertThat(cp.port()).isEqualTo(8443);
            assertThat(cp.tls()).isFalse();
            assertThat(cp.publicUrl()).isEmpty();
            assertThat(cp.displayZone()).isEqualTo("Asia/Tokyo");
            assertThat(c.getBean(DisplayZone.class).zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
            assertThat(c.getBean(DatabaseProperties.class)).isEqualTo(new DatabaseProperties(
                    "jdbc:sqlite:" + other.resolve("akashi.db"), "", "", 8, "GROUP", true));
            assertThat(c.getBean(HealthProperties.class).minFreeBytes()).isEqualTo(64L << 20);
            assertThat(c.getBean(EolProperties.class).files()).containsExactly("eol/os.yaml", "eol/network.yaml");
            assertThat(c.getBean(NotifyReceivers.class)).isEqualTo(new NotifyReceivers(List.of(), List.of(), List.of()));
            assertThat(c.getBean(AnswersProperties.class)).isEqualTo(new AnswersProperties(Duration.ofDays(365), List.of()));
            assertThat(c.getBean(SessionProperties.class)).isEqualTo(new SessionProperties(Duration.ofHours(12), Duration.ofHours(8), Duration.ofHours(1)));
            assertThat(c.getBean(LoginProperties.class)).isEqualTo(new LoginProperties(0, 4, Duration.ofSeconds(1), Duration.ofMinutes(15), 100,
                    Duration.ofMinutes(15)));
            assertThat(c.getBean(TwoFactorProperties.class).issuer()).isEqualTo("Akashi");
            assertThat(c.getBean(EnrollmentProperties.class).defaultTtl()).isEqualTo(Duration.ofHours(24));
            assertThat(c.getBean(AssetsProperties.class).staleAfter()).isEqualTo(Duration.ofHours(26));
            assertThat(c.getBean(TasksProperties.class).closeInterval()).isEqualTo(Duration.ofMinutes(1));
            assertThat(c.getBean(CatalogProperties.class).root()).isEqualTo("catalog");
            assertThat(c.getBean(ChecksProperties.class).root()).isEqualTo("checks");
            assertThat(c.getBean(WebCookies.class).session("x").isSecure()).isFalse();
            assertThat(c.getBean(AgentPackages.class).directory()).isEqualTo(other.resolve("agent-packages"));
        }
    }

    @Test
    void databaseAndHealth() {
        assertThat(ctx.getBean(DatabaseProperties.class)).isEqualTo(new DatabaseProperties(
                "jdbc:sqlite:" + dir.resolve("set").resolve("akashi.db"), "", "", 3, "FULL", false));
        assertThat(ctx.getBean(HealthProperties.class)).isEqualTo(new HealthProperties("1MB", 5, Duration.ofSeconds(30), Duration.ofSeconds(20)));
        assertThat(ctx.getBean(HealthProperties.class).minFreeBytes()).isEqualTo(1L << 20);
        assertThat(new DatabaseProperties("", "u", "secret", 8, "GROUP", true).toString()).doesNotContain("secret");
    }

    @Test
    void security() {
        assertThat(ctx.getBean(SessionProperties.class)).isEqualTo(new SessionProperties(Duration.ofHours(6), Duration.ofHours(4), Duration.ofMinutes(30)));
        assertThat(ctx.getBean(LoginProperties.class)).isEqualTo(new LoginProperties(5, 2, Duration.ofSeconds(2), Duration.ofMinutes(5), 50,
                Duration.ofMinutes(10)));
        assertThat(ctx.getBean(TwoFactorProperties.class).issuer()).isEqualTo("Akashi Test");
        SecurityProperties s = ctx.getBean(SecurityProperties.class);
        assertThat(s).isEqualTo(new SecurityProperties("10.0.0.0/8", "Correct-Horse-Battery-42"));
        assertThat(s.toString()).doesNotContain("Correct-Horse");
        assertThat(ctx.getBean(ClientAddresses.class)).isNotNull();
        assertThat(ctx.getBean(MetricsProperties.class).token()).hasSize(40);
        assertThat(ctx.getBean(MetricsProperties.class).toString()).doesNotContain("0123456789");
        assertThat(ctx.getBean(WebProperties.class).secureCookies()).isEqualTo("false");
        assertThat(ctx.getBean(WebCookies.class).session("x").isSecure()).as("secure-cookies=false wins over tls").isFalse();
    }

    @Test
    void enrollmentExportsSigningCredentials() {
        assertThat(ctx.getBean(EnrollmentProperties.class).defaultTtl()).isEqualTo(Duration.ofHours(2));
        assertThat(ctx.getBean(AgentPackagesProperties.class).dir()).isEqualTo(dir.resolve("packages").toString());
        assertThat(ctx.getBean(ExportProperties.class)).isEqualTo(new ExportProperties("/nowhere/font.ttf", "Example KK"));
        assertThat(ctx.getBean(ReportSettingsStore.class).defaultCompany()).isEqualTo("Example KK");
        assertThat(ctx.getBean(SigningProperties.class).replaceRecordedKey()).isTrue();
        assertThat(ctx.getBean(CredentialsProperties.class).keyFile()).isEqualTo(dir.resolve("cred.key").toString());
    }

    @Test
    void answersAssetsTasksChecksNotifications() {
        assertThat(ctx.getBean(AnswersProperties.class)).isEqualTo(new AnswersProperties(Duration.ofDays(30), List.of("meti-scs")));
        assertThat(ctx.getBean(AssetsProperties.class).staleAfter()).isEqualTo(Duration.ofHours(48));
        assertThat(ctx.getBean(Freshness.class).staleAfterMillis(null)).isEqualTo(Duration.ofHours(48).toMillis());
        assertThat(ctx.getBean(TasksProperties.class).closeInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(ctx.getBean(EolProperties.class).files()).containsExactly("eol/os.yaml");
        assertThat(ctx.getBean(NotifyReceivers.class)).isEqualTo(new NotifyReceivers(
                List.of("https://hooks.example.com/a", "https://hooks.example.com/b"), List.of("https://teams.example.com/x"),
                List.of("https://slack.example.com/y")));
    }

    @Test
    void aBadValueStopsTheStartNamingTheKey() throws Exception {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("akashi.port", "0");
        bad.put("akashi.display-zone", "Asia/Atlantis");
        bad.put("akashi.tls", "perhaps");
        bad.put("akashi.db.pool-size", "0");
        bad.put("akashi.db.synchronous", "SOMETIMES");
        bad.put("akashi.health.min-free-space", "lots");
        bad.put("akashi.health.evaluation-failures", "0");
        bad.put("akashi.health.retry-after", "-PT1M");
        bad.put("akashi.session.web-idle", "-PT1H");
        bad.put("akashi.login.address-window", "P2D");
        bad.put("akashi.login.lock-after", "-1");
        bad.put("akashi.enrollment.default-ttl", "PT0S");
        bad.put("akashi.web.secure-cookies", "maybe");
        bad.put("akashi.signing.replace-recorded-key", "perhaps");
        bad.put("akashi.answers.default-validity", "-P1D");
        bad.put("akashi.assets.stale-after", "-PT1H");
        bad.put("akashi.tasks.close-interval", "-PT1M");
        bad.put("akashi.metrics.token", "short");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            Path d = Files.createTempDirectory("akashi-props-bad-");
            Map<String, Object> p = new HashMap<>(base(d));
            p.put(e.getKey(), e.getValue());
            Throwable t = catchThrowable(() -> ApplicationContext.run(p).close());
            assertThat(t).as(e.getKey()).isNotNull();
            StringBuilder all = new StringBuilder();
            for (Throwable c = t; c != null; c = c.getCause()) {
                all.append(c.getMessage()).append('\n');
            }
            assertThat(all.toString()).as(e.getKey()).contains(e.getKey());
        }
    }
}
