package jp.akashi.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import jp.akashi.probes.util.PlistXml;

/**
 * The macOS LaunchDaemon and its AppCDS script, read as launchd and a self-update use them (no Mac
 * here): the daemon is {@code run} (so it can take a self-update and be restarted onto it), every
 * argument is one the agent accepts, the paths are where install-agent.sh puts the files, and
 * cds.sh really dumps an archive the JVM then loads.
 */
class MacosLaunchDaemonTest {
    static final Path DIST = Path.of("dist/macos");
    /** One dump script for the Linux package and the macOS tarball (packaging/build/bundle.sh adds it). */
    static final Path CDS = Path.of("../packaging/linux/cds.sh");

    @TempDir
    Path dir;

    @Test
    void theDaemonRunsTheAgentDaemonAndIsRestartedAfterAnUpdateExit() throws Exception {
        Map<String, Object> plist = PlistXml.parseDict(Files.readString(DIST.resolve("jp.akashi.agent.plist")));
        @SuppressWarnings("unchecked")
        List<String> argv = (List<String>) plist.get("ProgramArguments");
        String install = installDir();
        assertThat(argv.get(0)).isEqualTo(install + "/runtime/bin/java");
        int jar = argv.indexOf("-jar");
        assertThat(argv.get(jar + 1)).isEqualTo(install + "/akashi-agent.jar");
        assertThat(argv).contains("-XX:SharedArchiveFile=" + install + "/akashi-agent.jsa");

        List<String> agentArgs = argv.subList(jar + 2, argv.size());
        CommandLine.ParseResult parsed = AgentMain.commandLine().parseArgs(agentArgs.toArray(String[]::new));
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("run");
        String child = parsed.subcommand().matchedOptionValue("--child-java-options", "");
        assertThat(child).contains("-XX:SharedArchiveFile=" + install + "/akashi-agent.jsa");
        assertThat(parsed.subcommand().matchedOptionValue("--config-dir", Path.of("")).toString())
                .isEqualTo("/Library/Application Support/Akashi");

        // a self-update ends the daemon with exit 75: launchd must start it again (any non-zero exit)
        @SuppressWarnings("unchecked")
        Map<String, Object> keepAlive = (Map<String, Object>) plist.get("KeepAlive");
        assertThat(keepAlive).containsEntry("SuccessfulExit", false);
        assertThat(plist).containsEntry("RunAtLoad", true).doesNotContainKey("StartInterval");
    }

    @Test
    void cdsShDumpsAnArchiveTheJvmLoadsAndFailsSoftly() throws Exception {
        Path base = Files.createDirectories(dir.resolve("Akashi"));
        Files.createDirectories(base.resolve("runtime/bin"));
        Files.createSymbolicLink(base.resolve("runtime/bin/java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(base.resolve("akashi-agent.jar")))) {
            j.putNextEntry(new java.util.zip.ZipEntry("empty.txt"));
        }
        Files.writeString(base.resolve("classes.lst"), "java/lang/Object\njava/lang/String\n");
        Files.copy(CDS, base.resolve("cds.sh"));
        assertThat(run(List.of("sh", base.resolve("cds.sh").toString()))).isZero();
        assertThat(base.resolve("akashi-agent.jsa")).isNotEmptyFile();
        assertThat(base.resolve("cds.log")).doesNotExist();
        // -Xshare:on fails when the archive cannot be used
        assertThat(run(List.of(base.resolve("runtime/bin/java").toString(), "-Xshare:on", "-XX:+UseSerialGC",
                "-XX:SharedArchiveFile=" + base.resolve("akashi-agent.jsa"), "-cp", base.resolve("akashi-agent.jar").toString(), "-version")))
                .isZero();

        // the same script in the Linux package's layout: /opt/akashi-agent/lib/cds.sh, /opt/akashi-agent/runtime
        Path opt = Files.createDirectories(dir.resolve("opt/akashi-agent/lib"));
        Files.createDirectories(opt.resolveSibling("runtime/bin"));
        Files.createSymbolicLink(opt.resolveSibling("runtime/bin/java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        Files.copy(base.resolve("akashi-agent.jar"), opt.resolve("akashi-agent.jar"));
        Files.copy(base.resolve("classes.lst"), opt.resolve("classes.lst"));
        Files.copy(CDS, opt.resolve("cds.sh"));
        assertThat(run(List.of("sh", opt.resolve("cds.sh").toString()))).isZero();
        assertThat(opt.resolve("akashi-agent.jsa")).isNotEmptyFile();

        // no runtime: no archive, a message, exit 0 (the agent only starts slower)
        Files.delete(base.resolve("runtime/bin/java"));
        assertThat(run(List.of("sh", base.resolve("cds.sh").toString()))).isZero();
        assertThat(base.resolve("akashi-agent.jsa")).doesNotExist();
    }

    @Test
    void installScriptsAreValidShell() throws Exception {
        for (Path f : List.of(DIST.resolve("install-agent.sh"), DIST.resolve("uninstall-agent.sh"), CDS)) {
            assertThat(run(List.of("sh", "-n", f.toString()))).as(f.toString()).isZero();
        }
        String install = Files.readString(DIST.resolve("install-agent.sh"));
        assertThat(install).contains("cp \"$HERE/cds.sh\" \"$INSTALL_DIR/cds.sh\"");
    }

    private static String installDir() throws Exception {
        return Files.readAllLines(DIST.resolve("install-agent.sh")).stream().filter(l -> l.startsWith("INSTALL_DIR="))
                .findFirst().orElseThrow().substring("INSTALL_DIR=".length());
    }

    private int run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}
