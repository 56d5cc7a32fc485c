package jp.akashi.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./akashi demo} as a new user runs it, on the jars the build made: first start, a restart
 * after the admin changed the demo's password (it used to stop with "cannot log in as admin"),
 * enrolling a new local agent then (it says how to go on), and {@code --reset}.
 */
class DemoScriptTest {
    private static final Path SCRIPT = Path.of("..", "akashi").toAbsolutePath().normalize();
    private static final Pattern LOGIN = Pattern.compile("Login: +admin / (\\S+)");
    private Path data;
    private int port;

    record Run(int exit, String out) {
    }

    private Run akashi(String... args) throws Exception {
        return akashiWithPassword(null, args);
    }

    private Run akashiWithPassword(String adminPassword, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(SCRIPT.toString()), Stream.of(args)).toList());
        pb.environment().put("AKASHI_DATA_DIR", data.toString());
        pb.environment().put("AKASHI_PORT", String.valueOf(port));
        pb.environment().put("AKASHI_SKIP_BUILD", "1");
        pb.environment().remove("AKASHI_ADMIN_PASSWORD");
        if (adminPassword != null) {
            pb.environment().put("AKASHI_ADMIN_PASSWORD", adminPassword);
        }
        pb.redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("./akashi " + String.join(" ", args) + " did not finish");
        }
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private String curl(String... args) throws Exception {
        Process p = new ProcessBuilder(Stream.concat(Stream.of("curl", "-sk"), Stream.of(args)).toList())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(1, TimeUnit.MINUTES);
        return out;
    }

    private String login(String password) throws Exception {
        String body = curl("-X", "POST", "https://localhost:" + port + "/api/v1/auth/login",
                "-H", "Content-Type: application/json",
                "-d", "{\"username\":\"admin\",\"password\":\"" + password + "\"}");
        Matcher m = Pattern.compile("\"token\" *: *\"([^\"]+)\"").matcher(body);
        return m.find() ? m.group(1) : null;
    }

    @AfterEach
    void stopDemo() throws Exception {
        if (data != null) {
            akashi("stop");
        }
    }

    @Test
    void demoGoesOnAfterTheAdminChangedThePasswordAndResetStartsOver() throws Exception {
        data = Jars.tempDir("demo-").resolve("data");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }

        Run first = akashi("demo");
        assertThat(first.exit()).as(first.out()).isZero();
        Matcher m = LOGIN.matcher(first.out());
        assertThat(m.find()).as(first.out()).isTrue();
        String demoPassword = m.group(1);
        String token = login(demoPassword);
        assertThat(token).as("the printed login works").isNotNull();

        // the admin changes the demo's password, as the console asks them to
        String changed = "Changed-by-the-admin-" + System.nanoTime() + "!";
        String answer = curl("-o", "/dev/null", "-w", "%{http_code}", "-X", "POST",
                "https://localhost:" + port + "/api/v1/auth/password", "-H", "Authorization: Bearer " + token,
                "-H", "Content-Type: application/json",
                "-d", "{\"currentPassword\":\"" + demoPassword + "\",\"newPassword\":\"" + changed + "\"}");
        assertThat(answer).isIn("200", "204");
        assertThat(login(demoPassword)).isNull();

        assertThat(akashi("stop").exit()).isZero();
        Run again = akashi("demo");
        assertThat(again.exit()).as("a restart does not need the old password: " + again.out()).isZero();
        assertThat(again.out()).contains("Akashi is running").doesNotContain("admin / " + demoPassword);

        // a new local agent needs the admin: the demo says how to go on instead of a bare failure
        akashi("stop");
        deleteTree(data.resolve("agent"));
        Run refused = akashi("demo");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.out()).contains("AKASHI_ADMIN_PASSWORD=").contains("./akashi demo --reset");
        Run withPassword = akashiWithPassword(changed, "demo");
        assertThat(withPassword.exit()).as(withPassword.out()).isZero();
        assertThat(Files.isRegularFile(data.resolve("agent/agent.json"))).isTrue();

        Run reset = akashi("demo", "--reset");
        assertThat(reset.exit()).as(reset.out()).isZero();
        Matcher fresh = LOGIN.matcher(reset.out());
        assertThat(fresh.find()).as(reset.out()).isTrue();
        assertThat(fresh.group(1)).isNotEqualTo(demoPassword);
        assertThat(login(fresh.group(1))).isNotNull();
        try (Stream<Path> siblings = Files.list(data.getParent())) {
            List<Path> aside = siblings.filter(p -> p.getFileName().toString().startsWith("data.reset-")).toList();
            assertThat(aside).as("the old data is kept aside").hasSize(1);
            assertThat(aside.get(0).resolve("akashi.db")).exists();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
