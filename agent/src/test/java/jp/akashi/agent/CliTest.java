package jp.akashi.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** Exit codes and messages of the commands that need no collector. */
class CliTest {
    @TempDir
    Path dir;

    int run(StringWriter err, String... args) {
        CommandLine cl = AgentMain.commandLine();
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void runOnceWithoutEnrollmentSaysHowToEnroll() {
        assertThat(run(new StringWriter(), "run-once", "--config-dir", dir.toString())).isEqualTo(AgentMain.EXIT_NOT_ENROLLED);
        assertThat(run(new StringWriter(), "status", "--config-dir", dir.toString())).isEqualTo(AgentMain.EXIT_NOT_ENROLLED);
    }

    @Test
    void everyCommandAnswersHelpAndVersion() {
        for (String cmd : new String[]{"collect", "enroll", "run-once", "run", "status", "scan", "verify"}) {
            CommandLine cl = AgentMain.commandLine();
            StringWriter out = new StringWriter();
            cl.setOut(new PrintWriter(out));
            assertThat(cl.execute(cmd, "--help")).as(cmd + " --help").isZero();
            assertThat(out.toString()).as(cmd).contains("Usage: akashi-agent " + cmd);
            assertThat(AgentMain.commandLine().execute(cmd, "--version")).as(cmd + " --version").isZero();
        }
    }

    @Test
    void badOptionsAreUsageErrors() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "enroll", "--config-dir", dir.toString(), "--server", "https://x", "--token", "akt_x",
                "--fingerprint", "sha256:zz")).isEqualTo(AgentMain.EXIT_USAGE);
        assertThat(err.toString()).contains("fingerprint must be sha256:");
        assertThat(run(new StringWriter(), "enroll", "--config-dir", dir.toString(), "--server", "https://x", "--token", "akt_x",
                "--interval", "5")).isEqualTo(AgentMain.EXIT_USAGE);
        assertThat(run(new StringWriter(), "no-such-command")).isEqualTo(AgentMain.EXIT_USAGE);
    }

    @Test
    void enrollAgainstNothingIsATransientFailureAndWritesNoConfiguration() {
        StringWriter err = new StringWriter();
        int code = run(err, "enroll", "--config-dir", dir.toString(), "--server", "https://127.0.0.1:1", "--token", "akt_x",
                "--fingerprint", "sha256:" + "ab".repeat(32));
        assertThat(code).isEqualTo(AgentMain.EXIT_UNDELIVERED);
        assertThat(dir.resolve("agent.json")).doesNotExist();
    }

    @Test
    void aBrokenConfigurationIsExit3WithItsPathAndEnrollForceMayReplaceIt() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("agent.json"), "{\"server\": \"https://x\", \"agentId\": tru");
        for (String cmd : new String[]{"run-once", "status"}) {
            StringWriter err = new StringWriter();
            assertThat(run(err, cmd, "--config-dir", dir.toString())).as(cmd).isEqualTo(AgentMain.EXIT_NOT_ENROLLED);
            assertThat(err.toString()).contains(dir.resolve("agent.json").toString()).contains("enroll --force");
        }
        // without --force the broken file is not silently replaced
        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.err;
        System.setErr(new java.io.PrintStream(stderr, true));
        try {
            assertThat(run(new StringWriter(), "enroll", "--config-dir", dir.toString(), "--server", "https://127.0.0.1:1",
                    "--token", "akt_x", "--fingerprint", "sha256:" + "ab".repeat(32))).isEqualTo(AgentMain.EXIT_NOT_ENROLLED);
        } finally {
            System.setErr(old);
        }
        assertThat(stderr.toString()).contains(dir.resolve("agent.json").toString()).contains("--force");
        // with --force enrollment goes ahead (here to a collector that is not there: transient, the file stays as it was)
        assertThat(run(new StringWriter(), "enroll", "--force", "--config-dir", dir.toString(), "--server", "https://127.0.0.1:1",
                "--token", "akt_x", "--fingerprint", "sha256:" + "ab".repeat(32))).isEqualTo(AgentMain.EXIT_UNDELIVERED);
    }
}
