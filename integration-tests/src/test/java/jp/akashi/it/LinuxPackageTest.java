package jp.akashi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Linux packages the build makes (packaging/), installed for real into a fresh Debian root
 * tree with dpkg (and rpm), each maintainer script running as on a host. No systemd runs here,
 * so the test starts the service the way systemd would: the unit's own ExecStart and
 * Environment, output appended to the unit's log file. Against a real collector: enrolment,
 * the first report, an upgrade to a newer build keeping the spool and the enrolment, logrotate,
 * and uninstall (remove keeps state, purge deletes it).
 */
class LinuxPackageTest {
    private static final Path PACKAGES = Path.of(System.getProperty("akashi.packagesDir", "../packaging/target")).toAbsolutePath().normalize();
    private static final String UNIT = "/usr/lib/systemd/system/akashi-agent.service";
    /** The packages of this machine's architecture (Java's os.arch: amd64 or aarch64). */
    private static final boolean ARM = "aarch64".equals(System.getProperty("os.arch"));
    private static final String DEB_ARCH = ARM ? "arm64" : "amd64";
    private static final String RPM_ARCH = ARM ? "aarch64" : "x86_64";

    @BeforeAll
    static void machineCanRunIt() {
        String reason = FreshRoot.unavailableReason();
        assumeTrue(reason == null, reason);
    }

    @Test
    void debInstallsEnrolsReportsUpgradesKeepingStateAndUninstalls() throws Exception {
        Path deb = onePackage("akashi-agent_", "_" + DEB_ARCH + ".deb");
        Path dir = Jars.tempDir("deb-");
        try (CollectorProcess collector = new CollectorProcess(dir.resolve("collector"));
             FreshRoot root = FreshRoot.unpack(dir)) {
            Files.createDirectories(collector.dataDir);
            collector.start();
            Files.copy(deb, root.path("/tmp/akashi-agent.deb"));

            // a host without Java: the package brings its runtime
            assertThat(root.run("sh", "-c", "command -v java").exit()).isNotZero();
            FreshRoot.Result installed = root.run("dpkg", "-i", "/tmp/akashi-agent.deb");
            assertThat(installed.exit()).as(installed.out()).isZero();
            assertThat(root.path("/opt/akashi-agent/runtime/bin/java")).isExecutable();
            assertThat(root.path("/opt/akashi-agent/lib/akashi-agent.jsa")).as("AppCDS archive dumped at install").isNotEmptyFile();
            assertThat(mode(root.path("/etc/akashi"))).isEqualTo("rwx------");
            assertThat(mode(root.path("/var/lib/akashi"))).isEqualTo("rwx------");
            for (String u : List.of("akashi-agent.service", "akashi-agent.path")) {
                Path link = root.path("/etc/systemd/system/multi-user.target.wants/" + u);
                assertThat(link).as("enabled: " + u).isSymbolicLink();
                // deb-systemd-helper links to /lib/systemd/system, the same directory on a merged-/usr system
                assertThat(root.path(Files.readSymbolicLink(link).toString())).as("link target").isRegularFile();
                assertThat(Files.readSymbolicLink(link).getFileName()).hasToString(u);
            }
            SystemdUnit unit = SystemdUnit.read(root.path(UNIT));
            assertThat(unit.settings().get("ConditionPathExists")).isEqualTo("/etc/akashi/agent.json");
            assertThat(root.path(unit.execStart().get(0))).as("ExecStart uses the bundled runtime").startsWith(root.path("/opt/akashi-agent"));

            // the archive is used: the agent's classes come from it, not from the jar
            FreshRoot.Result classes = root.run("/opt/akashi-agent/runtime/bin/java", "-XX:SharedArchiveFile=/opt/akashi-agent/lib/akashi-agent.jsa",
                    "-Xshare:on", "-Xlog:class+load=info", "-jar", "/opt/akashi-agent/lib/akashi-agent.jar", "--version");
            assertThat(classes.exit()).as(classes.out()).isZero();
            assertThat(classes.out()).contains("jp.akashi.agent.AgentMain source: shared objects file");

            FreshRoot.Result enrolled = root.run("akashi-agent", "enroll", "--server", collector.url(), "--token", collector.enrollmentToken(1),
                    "--fingerprint", collector.fingerprint(), "--name", "package-host", "--interval", "3600");
            assertThat(enrolled.exit()).as(enrolled.out()).isZero();
            String enrolment = Files.readString(root.path("/etc/akashi/agent.json"));

            // a network scan on the packaged runtime (ports and TLS probes, here against the collector)
            Files.writeString(root.path("/tmp/targets.yaml"), "- {name: collector, address: 127.0.0.1, probes: [ports, tls], options: {ports: \""
                    + collector.port + "\", tlsPorts: [" + collector.port + "]}}\n");
            FreshRoot.Result scan = root.run("akashi-agent", "scan", "--targets", "/tmp/targets.yaml", "--dry-run");
            assertThat(scan.exit()).as(scan.out()).isZero();
            assertThat(scan.out()).contains("target collector (127.0.0.1): ok", "\"tls.endpoints\"", "TLSv1.3");

            // the service as systemd would start it (the path unit starts it once agent.json exists)
            Path log = root.path("/var/log/akashi-agent/agent.log");
            String admin = collector.adminToken();
            runServiceUntil(root, unit, log, () -> reports(collector, admin).size() >= 1);
            List<JsonNode> first = reports(collector, admin);
            assertThat(first).hasSize(1);
            String oldVersion = first.get(0).get("agentVersion").asText();
            assertThat(Files.readString(log)).contains("akashi-agent running: reporting to " + collector.url());

            // logrotate's settings work as installed
            FreshRoot.Result rotated = root.run("logrotate", "-f", "-s", "/var/lib/logrotate/test.status", "/etc/logrotate.d/akashi-agent");
            assertThat(rotated.exit()).as(rotated.out()).isZero();
            assertThat(root.path("/var/log/akashi-agent/agent.log.1")).isNotEmptyFile();

            // a report waits in the spool while the collector is down
            collector.stop();
            FreshRoot.Result offline = root.run("akashi-agent", "run-once");
            assertThat(offline.exit()).as(offline.out()).isEqualTo(5);
            assertThat(spooled(root)).hasSize(1);
            List<String> spoolBefore = spooled(root);

            // upgrade to a newer build: the same payload, a newer package version and agent version
            String newVersion = oldVersion + "+upgrade1";
            Path newer = newerDeb(deb, dir.resolve("newer"), newVersion);
            Files.copy(newer, root.path("/tmp/akashi-agent-newer.deb"));
            FreshRoot.Result upgraded = root.run("dpkg", "-i", "/tmp/akashi-agent-newer.deb");
            assertThat(upgraded.exit()).as(upgraded.out()).isZero();
            assertThat(root.run("dpkg-query", "-W", "-f=${Version}", "akashi-agent").out()).endsWith("+upgrade1");
            assertThat(root.run("akashi-agent", "--version").out()).contains(newVersion);
            assertThat(Files.readString(root.path("/etc/akashi/agent.json"))).as("enrolment kept").isEqualTo(enrolment);
            assertThat(spooled(root)).as("spool kept").isEqualTo(spoolBefore);
            assertThat(root.path("/opt/akashi-agent/lib/akashi-agent.jsa")).as("archive remade for the new jar").isNotEmptyFile();

            collector.start();
            runServiceUntil(root, unit, log, () -> reports(collector, admin).size() >= 3);
            List<String> versions = reports(collector, admin).stream().map(r -> r.get("agentVersion").asText()).toList();
            assertThat(versions).as("the spooled report of the old build, then the new build's").contains(oldVersion, newVersion);
            assertThat(spooled(root)).isEmpty();

            // remove: program and units go, enrolment, state, logs and conffiles stay
            FreshRoot.Result removed = root.run("dpkg", "-r", "akashi-agent");
            assertThat(removed.exit()).as(removed.out()).isZero();
            assertThat(root.path("/opt/akashi-agent")).doesNotExist();
            assertThat(root.path("/usr/bin/akashi-agent")).doesNotExist();
            assertThat(root.path(UNIT)).doesNotExist();
            assertThat(root.path("/etc/akashi/agent.json")).exists();
            assertThat(root.path("/var/lib/akashi/state.json")).exists();
            assertThat(root.path("/etc/logrotate.d/akashi-agent")).exists();
            assertThat(root.run("dpkg-query", "-W", "-f=${Status}", "akashi-agent").out()).isEqualTo("deinstall ok config-files");

            // purge: nothing of the agent is left
            FreshRoot.Result purged = root.run("dpkg", "-P", "akashi-agent");
            assertThat(purged.exit()).as(purged.out()).isZero();
            for (String gone : List.of("/etc/akashi", "/var/lib/akashi", "/var/log/akashi-agent", "/etc/logrotate.d/akashi-agent")) {
                assertThat(root.path(gone)).as(gone).doesNotExist();
            }
            try (Stream<Path> s = Files.walk(root.path("/etc/systemd"))) {
                assertThat(s.map(Path::toString).filter(p -> p.contains("akashi"))).isEmpty();
            }
            assertThat(root.run("dpkg-query", "-W", "akashi-agent").exit()).isNotZero();
        }
    }

    @Test
    void rpmInstallsEnrolsReportsUpgradesKeepingStateAndErases() throws Exception {
        assumeTrue(onPath("rpm") && onPath("rpmbuild"), "rpm and rpmbuild are not installed (scripts/install-test-deps.sh installs them)");
        Path rpm = onePackage("akashi-agent-", "." + RPM_ARCH + ".rpm");
        Path dir = Jars.tempDir("rpm-");
        try (CollectorProcess collector = new CollectorProcess(dir.resolve("collector"));
             FreshRoot root = FreshRoot.unpack(dir)) {
            Files.createDirectories(collector.dataDir);
            collector.start();
            String r = root.dir.toString();
            assertThat(root.withMounts("rpm", "--root", r, "--initdb").exit()).isZero();
            // --nodeps: the Debian root's libraries are not in its (new, empty) rpm database
            FreshRoot.Result installed = root.withMounts("rpm", "--root", r, "-i", "--nodeps", rpm.toString());
            assertThat(installed.exit()).as(installed.out()).isZero();
            assertThat(root.path("/opt/akashi-agent/lib/akashi-agent.jsa")).as("AppCDS archive dumped in %post").isNotEmptyFile();
            assertThat(mode(root.path("/etc/akashi"))).isEqualTo("rwx------");
            assertThat(mode(root.path("/var/lib/akashi"))).isEqualTo("rwx------");
            assertThat(root.path(UNIT)).isRegularFile();

            FreshRoot.Result enrolled = root.run("akashi-agent", "enroll", "--server", collector.url(), "--token", collector.enrollmentToken(1),
                    "--fingerprint", collector.fingerprint(), "--name", "rpm-host");
            assertThat(enrolled.exit()).as(enrolled.out()).isZero();
            String enrolment = Files.readString(root.path("/etc/akashi/agent.json"));
            FreshRoot.Result first = root.run("akashi-agent", "run-once");
            assertThat(first.exit()).as(first.out()).isZero();
            String admin = collector.adminToken();
            assertThat(reports(collector, admin)).hasSize(1);

            collector.stop();
            assertThat(root.run("akashi-agent", "run-once").exit()).isEqualTo(5);
            List<String> spoolBefore = spooled(root);
            assertThat(spoolBefore).hasSize(1);

            // a newer build from the same staged tree with the build's own rpm script
            Path newerDir = dir.resolve("newer");
            String mvnVersion = Files.readString(root.path("/opt/akashi-agent/VERSION")).strip();
            String newer = mvnVersion.replace("-SNAPSHOT", "") + ".1" + (mvnVersion.endsWith("-SNAPSHOT") ? "-SNAPSHOT" : "");
            exec(List.of(PACKAGES.resolve("../build/rpm.sh").normalize().toString(), PACKAGES.resolve("stage-" + RPM_ARCH + ".tar").toString(),
                    newerDir.toString(), newer, RPM_ARCH));
            Path newerRpm;
            try (Stream<Path> s = Files.list(newerDir)) {
                newerRpm = s.filter(p -> p.toString().endsWith(".rpm")).findFirst().orElseThrow();
            }
            FreshRoot.Result upgraded = root.withMounts("rpm", "--root", r, "-U", "--nodeps", newerRpm.toString());
            assertThat(upgraded.exit()).as(upgraded.out()).isZero();
            assertThat(root.withMounts("rpm", "--root", r, "-q", "akashi-agent").out()).contains(newer.replace("-SNAPSHOT", ""));
            assertThat(Files.readString(root.path("/etc/akashi/agent.json"))).as("enrolment kept").isEqualTo(enrolment);
            assertThat(spooled(root)).as("spool kept").isEqualTo(spoolBefore);
            assertThat(root.path("/opt/akashi-agent/lib/akashi-agent.jsa")).isNotEmptyFile();

            collector.start();
            FreshRoot.Result after = root.run("akashi-agent", "run-once");
            assertThat(after.exit()).as(after.out()).isZero();
            assertThat(reports(collector, admin)).as("first, spooled and new report").hasSize(3);

            // erase: the program goes, the enrolment and state stay (rpm has no purge)
            FreshRoot.Result erased = root.withMounts("rpm", "--root", r, "-e", "akashi-agent");
            assertThat(erased.exit()).as(erased.out()).isZero();
            assertThat(root.path("/opt/akashi-agent")).doesNotExist();
            assertThat(root.path(UNIT)).doesNotExist();
            assertThat(root.path("/etc/akashi/agent.json")).exists();
            assertThat(root.path("/var/lib/akashi/state.json")).exists();
        }
    }

    private static boolean onPath(String command) throws IOException, InterruptedException {
        return FreshRoot.host(List.of("sh", "-c", "command -v " + command), 10).exit() == 0;
    }

    /** Runs the unit's ExecStart with its Environment, output appended to the unit's log, until {@code done}. */
    private static void runServiceUntil(FreshRoot root, SystemdUnit unit, Path log, Check done) throws Exception {
        assertThat(unit.settings().get("StandardOutput")).isEqualTo("append:/var/log/akashi-agent/agent.log");
        Files.createDirectories(log.getParent());
        Process service = root.start(log, unit.environment(), unit.execStart());
        try {
            long end = System.currentTimeMillis() + 180_000;
            while (!done.ok()) {
                assertThat(service.isAlive()).as("service exited: " + Files.readString(log)).isTrue();
                assertThat(System.currentTimeMillis()).as("no report in time: " + Files.readString(log)).isLessThan(end);
                Thread.sleep(500);
            }
        } finally {
            List<ProcessHandle> children = service.descendants().toList();
            service.destroy();
            service.waitFor();
            children.forEach(ProcessHandle::destroy);
        }
    }

    @FunctionalInterface
    interface Check {
        boolean ok() throws Exception;
    }

    private static List<JsonNode> reports(CollectorProcess collector, String admin) {
        JsonNode assets = collector.json(collector.get("/api/v1/assets", admin));
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode a : assets.get("items")) {
            collector.json(collector.get("/api/v1/assets/" + a.get("id").asText(), admin)).get("reports").forEach(out::add);
        }
        return out;
    }

    private static List<String> spooled(FreshRoot root) throws IOException {
        Path spool = root.path("/var/lib/akashi/spool");
        if (!Files.isDirectory(spool)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(spool)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json.gz")).sorted().toList();
        }
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    static Path onePackage(String prefix, String suffix) throws IOException {
        assertThat(PACKAGES).as("the packaging module's output (build with -pl ...,packaging)").isDirectory();
        try (Stream<Path> s = Files.list(PACKAGES)) {
            List<Path> found = s.filter(p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(suffix)).toList();
            assertThat(found).as("exactly one " + prefix + "*" + suffix + " in " + PACKAGES).hasSize(1);
            return found.get(0);
        }
    }

    /**
     * A newer build of the package: the built .deb unpacked with dpkg-deb, its agent jar given
     * the new Implementation-Version (so the new build reports as such), the control file the
     * new package version, md5sums updated, and packed again with dpkg-deb.
     */
    private static Path newerDeb(Path deb, Path work, String agentVersion) throws Exception {
        Path tree = work.resolve("tree");
        Files.createDirectories(work);
        exec(List.of("dpkg-deb", "-R", deb.toString(), tree.toString()));
        Path jar = tree.resolve("opt/akashi-agent/lib/akashi-agent.jar");
        try (FileSystem zip = FileSystems.newFileSystem(jar)) {
            Path mf = zip.getPath("META-INF/MANIFEST.MF");
            Manifest m;
            try (InputStream in = Files.newInputStream(mf)) {
                m = new Manifest(in);
            }
            m.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, agentVersion);
            Path tmp = work.resolve("MANIFEST.MF");
            try (var out = Files.newOutputStream(tmp)) {
                m.write(out);
            }
            Files.copy(tmp, mf, StandardCopyOption.REPLACE_EXISTING);
        }
        Path control = tree.resolve("DEBIAN/control");
        String c = Files.readString(control);
        String oldDebVersion = c.lines().filter(l -> l.startsWith("Version: ")).findFirst().orElseThrow().substring(9);
        Files.writeString(control, c.replace("Version: " + oldDebVersion, "Version: " + oldDebVersion + "+upgrade1"));
        Path md5sums = tree.resolve("DEBIAN/md5sums");
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(jar)));
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(md5sums)) {
            lines.add(l.endsWith("opt/akashi-agent/lib/akashi-agent.jar") ? md5 + "  opt/akashi-agent/lib/akashi-agent.jar" : l);
        }
        Files.write(md5sums, lines, StandardCharsets.UTF_8);
        Path out = work.resolve("akashi-agent_newer.deb");
        exec(List.of("dpkg-deb", "--root-owner-group", "-Zgzip", "-b", tree.toString(), out.toString()));
        exec(List.of("rm", "-rf", tree.toString()));
        return out;
    }

    static void exec(List<String> cmd) throws IOException, InterruptedException {
        FreshRoot.Result r = FreshRoot.host(cmd, 300);
        assertThat(r.exit()).as(String.join(" ", cmd) + ": " + r.out()).isZero();
    }
}
