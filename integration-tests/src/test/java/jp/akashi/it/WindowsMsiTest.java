package jp.akashi.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jp.akashi.probes.testing.TestDaemons;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Windows MSI (packaging/windows/akashi-agent.wxs) built by packaging/build/msi.sh with wixl
 * from a stage laid out like the Windows zip: the real agent jar and install scripts, a stand-in
 * prunsrv.exe and runtime tree. No Windows here, so the MSI is not installed: its tables are read
 * back with msiinfo and its files with msiextract, and what Windows Installer would do with them
 * is asserted table by table.
 */
class WindowsMsiTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path MSI_SH = REPO.resolve("packaging/build/msi.sh");
    private static final String UPGRADE_CODE = "{5B0C7F3E-2F4A-4C8E-9D61-6A2B1D0E8F47}";
    private static final String INSTALL_FOLDER = "Akashi Agent";

    // CustomAction type bits (Windows Installer SDK, "Custom Action Types")
    private static final int BASE_MASK = 0x3F;
    private static final int EXE_PROPERTY = 50;
    private static final int SET_PROPERTY = 51;
    private static final int CONTINUE = 0x40;
    private static final int ROLLBACK = 0x100;
    private static final int IN_SCRIPT = 0x400;
    private static final int NO_IMPERSONATE = 0x800;
    private static final int HIDE_TARGET = 0x2000;

    @BeforeAll
    static void toolsInstalled() {
        // like sshd and snmpd: a missing tool fails the test, it is never skipped
        TestDaemons.require("/usr/bin/wixl", "wixl (Debian package wixl)");
        TestDaemons.require("/usr/bin/msiinfo", "msiinfo (Debian package msitools)");
        TestDaemons.require("/usr/bin/msiextract", "msiextract (Debian package msitools)");
        TestDaemons.require("/usr/bin/msibuild", "msibuild (Debian package msitools)");
    }

    @Test
    void msiCarriesTheStageAndRunsTheInstallScriptElevatedWithTheTokenHidden() throws Exception {
        Path dir = Jars.tempDir("msi-");
        Path stage = stage(dir.resolve("stage"));
        Path out = dir.resolve("out");
        // no version given: the jar's Implementation-Version without -SNAPSHOT
        Result built = run(List.of(MSI_SH.toString(), stage.toString(), out.toString()), Map.of());
        assertThat(built.exit()).as(built.out()).isZero();
        String version = jarVersion().replace("-SNAPSHOT", "");
        Path msi = out.resolve("akashi-agent-" + version + "-x64.msi");
        assertThat(msi).isRegularFile();

        Map<String, String> props = keyValue(table(msi, "Property"), "Property", "Value");
        for (String p : List.of("SERVER", "TOKEN", "FINGERPRINT")) {
            assertThat(props).as("no default for " + p).doesNotContainKey(p);
        }
        assertThat(list(props.get("MsiHiddenProperties"))).contains("TOKEN");
        assertThat(list(props.get("SecureCustomProperties"))).contains("SERVER", "TOKEN", "FINGERPRINT", "KEEPCONFIG", "WIX_UPGRADE_DETECTED");
        assertThat(props).containsEntry("ALLUSERS", "1").containsEntry("UpgradeCode", UPGRADE_CODE).containsEntry("ProductVersion", version);
        assertThat(props).containsEntry("AkashiQuote", "\"").containsEntry("AkashiBackslash", "\\").containsEntry("AkashiSpace", " ");
        assertThat(run(List.of("msiinfo", "suminfo", msi.toString()), Map.of()).out()).contains("Template: x64;1033");

        Map<String, Map<String, String>> actions = byKey(table(msi, "CustomAction"), "Action");
        Map<String, Map<String, String>> sequence = byKey(table(msi, "InstallExecuteSequence"), "Action");
        Set<String> scriptParams = scriptParameters(REPO.resolve("agent/dist/windows/install-agent.ps1"));
        assertThat(scriptParams).contains("Server", "Token", "Fingerprint", "JavaHome", "EventLog");

        // the program the EXE actions start: 64-bit Windows PowerShell, set by a type-51 action early enough
        Map<String, String> setPs = actions.get("SetAkashiPowerShell");
        assertThat(type(setPs) & BASE_MASK).isEqualTo(SET_PROPERTY);
        assertThat(setPs.get("Source")).isEqualTo("AkashiPowerShell");
        assertThat(setPs.get("Target")).isEqualTo("[System64Folder]WindowsPowerShell\\v1.0\\powershell.exe");
        assertThat(seq(sequence, "SetAkashiPowerShell")).isGreaterThan(seq(sequence, "CostFinalize")).isLessThan(seq(sequence, "InstallInitialize"));

        // enrolment: deferred, as LocalSystem, return checked, command line hidden from the log
        Map<String, String> enrol = actions.get("AkashiEnrol");
        int enrolType = type(enrol);
        assertThat(enrolType & BASE_MASK).isEqualTo(EXE_PROPERTY);
        assertThat(enrol.get("Source")).isEqualTo("AkashiPowerShell");
        assertThat(enrolType & IN_SCRIPT).as("deferred").isNotZero();
        assertThat(enrolType & ROLLBACK).as("not a rollback action").isZero();
        assertThat(enrolType & NO_IMPERSONATE).as("runs as LocalSystem").isNotZero();
        assertThat(enrolType & HIDE_TARGET).as("command line (with the token) not logged").isNotZero();
        assertThat(enrolType & CONTINUE).as("a failure fails the installation").isZero();
        String enrolCmd = enrol.get("Target");
        assertThat(enrolCmd).startsWith("-NoProfile -NonInteractive -ExecutionPolicy Bypass -File \"[INSTALLDIR]install-agent.ps1\" ")
                .contains("-JavaHome \"[INSTALLDIR]runtime\"", "-Server \"[SERVER]\"", "-Token \"[TOKEN]\"", "-Fingerprint \"[FINGERPRINT]\"");
        assertScriptArguments(enrolCmd, scriptParams);
        String enrolWhen = condition(sequence, "AkashiEnrol");
        assertThat(enrolWhen).contains("NOT Installed", "NOT (REMOVE=\"ALL\")", "SERVER", "TOKEN");
        assertThat(seq(sequence, "AkashiEnrol")).isGreaterThan(seq(sequence, "InstallFiles")).isLessThan(seq(sequence, "InstallFinalize"));

        // a failed first enrolment is undone: a rollback action scheduled before it, only when no agent was there
        Map<String, String> undo = actions.get("AkashiEnrolRollback");
        assertThat(type(undo) & (IN_SCRIPT | ROLLBACK | NO_IMPERSONATE)).isEqualTo(IN_SCRIPT | ROLLBACK | NO_IMPERSONATE);
        assertThat(undo.get("Target")).contains("-File \"[INSTALLDIR]uninstall-agent.ps1\"");
        assertThat(condition(sequence, "AkashiEnrolRollback")).contains("NOT AKASHISERVICE", "NOT Installed", "SERVER", "TOKEN");
        assertThat(seq(sequence, "AkashiEnrolRollback")).isGreaterThan(seq(sequence, "InstallFiles")).isLessThan(seq(sequence, "AkashiEnrol"));

        // without enrolment data over an installed agent (the service exists): the script's upgrade path
        Map<String, String> update = actions.get("AkashiUpdate");
        assertThat(type(update) & (BASE_MASK | IN_SCRIPT | NO_IMPERSONATE | CONTINUE | ROLLBACK)).isEqualTo(EXE_PROPERTY | IN_SCRIPT | NO_IMPERSONATE);
        assertThat(update.get("Target")).contains("-File \"[INSTALLDIR]install-agent.ps1\"").doesNotContain("[TOKEN]", "-Server", "-Token");
        assertScriptArguments(update.get("Target"), scriptParams);
        assertThat(condition(sequence, "AkashiUpdate")).contains("NOT Installed", "NOT TOKEN", "AKASHISERVICE");
        assertThat(seq(sequence, "AkashiUpdate")).isGreaterThan(seq(sequence, "InstallFiles")).isLessThan(seq(sequence, "InstallFinalize"));
        assertThat(keyValue(table(msi, "AppSearch"), "Property", "Signature_")).containsKey("AKASHISERVICE");
        assertThat(table(msi, "RegLocator")).anySatisfy(r -> assertThat(r.get("Key")).isEqualTo("SYSTEM\\CurrentControlSet\\Services\\AkashiAgent"));

        // uninstall, not during an upgrade's removal of the old version, before the files go
        // a script that cannot run must not make the product impossible to remove (CONTINUE: its exit is ignored)
        Map<String, String> remove = actions.get("AkashiRemove");
        assertThat(type(remove) & (BASE_MASK | IN_SCRIPT | NO_IMPERSONATE | CONTINUE | ROLLBACK)).isEqualTo(EXE_PROPERTY | IN_SCRIPT | NO_IMPERSONATE | CONTINUE);
        assertThat(remove.get("Target")).isEqualTo("-NoProfile -NonInteractive -ExecutionPolicy Bypass -File \"[INSTALLDIR]uninstall-agent.ps1\"");
        assertThat(condition(sequence, "AkashiRemove")).isEqualTo("REMOVE=\"ALL\" AND NOT UPGRADINGPRODUCTCODE AND NOT KEEPCONFIG");
        assertThat(seq(sequence, "AkashiRemove")).isGreaterThan(seq(sequence, "InstallInitialize")).isLessThan(seq(sequence, "RemoveFiles"));
        // KEEPCONFIG=1: the same removal keeping the enrolment and spool; exactly one of the two runs
        Map<String, String> keep = actions.get("AkashiRemoveKeep");
        assertThat(type(keep) & (BASE_MASK | IN_SCRIPT | NO_IMPERSONATE | CONTINUE | ROLLBACK)).isEqualTo(EXE_PROPERTY | IN_SCRIPT | NO_IMPERSONATE | CONTINUE);
        assertThat(keep.get("Target")).isEqualTo(remove.get("Target") + " -KeepConfig");
        assertScriptArguments(keep.get("Target"), scriptParameters(REPO.resolve("agent/dist/windows/uninstall-agent.ps1")));
        assertThat(condition(sequence, "AkashiRemoveKeep")).isEqualTo("REMOVE=\"ALL\" AND NOT UPGRADINGPRODUCTCODE AND KEEPCONFIG");
        assertThat(seq(sequence, "AkashiRemoveKeep")).isGreaterThan(seq(sequence, "InstallInitialize")).isLessThan(seq(sequence, "RemoveFiles"));

        // the service must not outlive the product even when the script cannot run (an execution policy
        // from GPO): sc.exe stops and deletes it after the script, errors ignored, on uninstall only — no
        // ServiceControl entry, whose delete would also fire in an upgrade's removal of the old version
        assertThat(table(msi, "ServiceControl")).isEmpty();
        for (String id : List.of("AkashiStopService", "AkashiDeleteService")) {
            Map<String, String> sc = actions.get(id);
            assertThat(type(sc) & (BASE_MASK | IN_SCRIPT | NO_IMPERSONATE | CONTINUE | ROLLBACK)).as(id)
                    .isEqualTo(EXE_PROPERTY | IN_SCRIPT | NO_IMPERSONATE | CONTINUE);
            assertThat(sc.get("Source")).isEqualTo("AkashiSc");
            assertThat(condition(sequence, id)).isEqualTo("REMOVE=\"ALL\" AND NOT UPGRADINGPRODUCTCODE");
            assertThat(seq(sequence, id)).isGreaterThan(seq(sequence, "AkashiRemoveKeep")).isLessThan(seq(sequence, "RemoveFiles"));
        }
        assertThat(actions.get("AkashiStopService").get("Target")).isEqualTo("stop AkashiAgent");
        assertThat(actions.get("AkashiDeleteService").get("Target")).isEqualTo("delete AkashiAgent");
        assertThat(seq(sequence, "AkashiStopService")).isLessThan(seq(sequence, "AkashiDeleteService"));
        assertThat(actions.get("SetAkashiSc").get("Target")).isEqualTo("[System64Folder]sc.exe");
        assertThat(seq(sequence, "SetAkashiSc")).isLessThan(seq(sequence, "InstallInitialize"));

        // a property value cannot break out of its quotes: every launch condition refuses quote and backslash
        List<Map<String, String>> launch = table(msi, "LaunchCondition");
        for (String p : List.of("SERVER", "TOKEN", "FINGERPRINT")) {
            assertThat(launch).as(p).anySatisfy(c -> assertThat(c.get("Condition"))
                    .contains("NOT (" + p + " >< AkashiQuote)", "NOT (" + p + " >< AkashiBackslash)", "NOT (" + p + " >< AkashiSpace)"));
        }
        assertThat(launch).anySatisfy(c -> assertThat(c.get("Condition")).contains("TOKEN << \"akt_\""));
        assertThat(launch).anySatisfy(c -> assertThat(c.get("Condition")).contains("SERVER << \"https://\""));

        // a newer MSI replaces an older one (this version included: a rebuild replaces it too); older is refused
        List<Map<String, String>> upgrade = table(msi, "Upgrade");
        assertThat(upgrade).allSatisfy(r -> assertThat(r.get("UpgradeCode")).isEqualTo(UPGRADE_CODE));
        Map<String, String> older = upgrade.stream().filter(r -> r.get("ActionProperty").equals("WIX_UPGRADE_DETECTED")).findFirst().orElseThrow();
        assertThat(older.get("VersionMax")).isEqualTo(version);
        assertThat(Integer.parseInt(older.get("Attributes")) & 0x202).as("max inclusive, not only-detect").isEqualTo(0x200);
        assertThat(upgrade).anySatisfy(r -> assertThat(r.get("ActionProperty")).isEqualTo("WIX_DOWNGRADE_DETECTED"));
        assertThat(seq(sequence, "RemoveExistingProducts")).isGreaterThan(seq(sequence, "InstallValidate")).isLessThan(seq(sequence, "InstallInitialize"));

        // the files: exactly the stage, byte for byte, under Program Files\Akashi Agent
        Path extracted = dir.resolve("extracted");
        Files.createDirectories(extracted);
        Result x = run(List.of("msiextract", "-C", extracted.toString(), msi.toString()), Map.of());
        assertThat(x.exit()).as(x.out()).isZero();
        try (Stream<Path> top = Files.list(extracted)) {
            assertThat(top.map(p -> p.getFileName().toString()).toList()).containsExactly(INSTALL_FOLDER);
        }
        Map<String, byte[]> want = files(stage);
        Map<String, byte[]> got = files(extracted.resolve(INSTALL_FOLDER));
        assertThat(got.keySet()).isEqualTo(want.keySet());
        want.forEach((path, bytes) -> assertThat(got.get(path)).as(path).isEqualTo(bytes));
        assertThat(keyValue(table(msi, "Directory"), "Directory", "Directory_Parent")).containsEntry("INSTALLDIR", "ProgramFiles64Folder");
        assertThat(table(msi, "Component")).allSatisfy(c -> assertThat(Integer.parseInt(c.get("Attributes")) & 0x100).as("64-bit").isNotZero());

        // a newer build with one more runtime file: same UpgradeCode, a new ProductCode, every
        // file keeps its component GUID and the new file gets a new one
        Path stage2 = stage(dir.resolve("stage2"));
        write(stage2.resolve("runtime/lib/added later.dat"), 300, 9);
        Result built2 = run(List.of(MSI_SH.toString(), stage2.toString(), out.toString(), "9.8.7"), Map.of());
        assertThat(built2.exit()).as(built2.out()).isZero();
        Path msi2 = out.resolve("akashi-agent-9.8.7-x64.msi");
        Map<String, String> props2 = keyValue(table(msi2, "Property"), "Property", "Value");
        assertThat(props2).containsEntry("UpgradeCode", UPGRADE_CODE).containsEntry("ProductVersion", "9.8.7");
        assertThat(props2.get("ProductCode")).matches("\\{[0-9A-F-]{36}\\}").isNotEqualTo(props.get("ProductCode"));
        Map<String, String> guids = componentGuids(msi);
        Map<String, String> guids2 = componentGuids(msi2);
        assertThat(guids).hasSize(want.size());
        assertThat(Set.copyOf(guids.values())).as("one GUID per component").hasSize(guids.size());
        assertThat(guids2).containsAllEntriesOf(guids).hasSize(guids.size() + 1);
        assertThat(guids.values()).doesNotContain(guids2.get("runtime/lib/added later.dat"));
    }

    @Test
    void msiShRefusesWhatWouldNotInstallRight() throws Exception {
        Path dir = Jars.tempDir("msi-refuse-");
        Path stage = stage(dir.resolve("stage"));
        Path out = dir.resolve("out");

        Result badVersion = run(List.of(MSI_SH.toString(), stage.toString(), out.toString(), "1.2"), Map.of());
        assertThat(badVersion.exit()).isNotZero();
        assertThat(badVersion.out()).contains("version '1.2' is not a.b.c");

        // the MSI's codepage is neutral: Windows would show a non-ASCII name in its ANSI codepage
        write(stage.resolve("runtime/lib/\u00e4rger.txt"), 10, 3);
        Result nonAscii = run(List.of(MSI_SH.toString(), stage.toString(), out.toString(), "1.2.3"), Map.of());
        assertThat(nonAscii.exit()).isNotZero();
        assertThat(nonAscii.out()).contains("not an ASCII file name");
        Files.delete(stage.resolve("runtime/lib/\u00e4rger.txt"));

        // without wixl on PATH: says so and what to install
        Path bin = dir.resolve("bin");
        Files.createDirectories(bin);
        for (String tool : List.of("dirname", "mkdir", "python3", "msibuild")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of(which(tool)));
        }
        Result noWixl = run(List.of("/bin/bash", MSI_SH.toString(), stage.toString(), out.toString(), "1.2.3"), Map.of("PATH", bin.toString()));
        assertThat(noWixl.exit()).isNotZero();
        assertThat(noWixl.out()).contains("msi: wixl not found", "apt-get install wixl");
        try (Stream<Path> s = Files.exists(out) ? Files.list(out) : Stream.empty()) {
            assertThat(s.toList()).as("no MSI from a refused build").isEmpty();
        }
    }

    /** A stage like the unpacked Windows zip: real jar and scripts, stand-in prunsrv.exe and runtime. */
    private static Path stage(Path stage) throws IOException {
        Files.createDirectories(stage);
        Files.copy(Jars.agent(), stage.resolve("akashi-agent.jar"));
        for (String script : List.of("install-agent.ps1", "uninstall-agent.ps1")) {
            Files.copy(REPO.resolve("agent/dist/windows/" + script), stage.resolve(script));
        }
        Files.writeString(stage.resolve("classes.lst"), "jp/akashi/agent/AgentMain\njava/lang/Object\n");
        write(stage.resolve("prunsrv.exe"), 4096, 1);
        write(stage.resolve("runtime/bin/java.exe"), 2048, 2);
        write(stage.resolve("runtime/bin/server/jvm.dll"), 70_000, 3);
        write(stage.resolve("runtime/lib/modules"), 200_000, 4);
        write(stage.resolve("runtime/conf/security/java.security"), 500, 5);
        write(stage.resolve("runtime/legal/java.base/ASSEMBLY EXCEPTION"), 100, 6);
        write(stage.resolve("runtime/release"), 50, 7);
        return stage;
    }

    private static void write(Path p, int size, long seed) throws IOException {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        Files.createDirectories(p.getParent());
        Files.write(p, b);
    }

    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return m;
    }

    /** Each word of the command line after the script that starts with '-' is a parameter of that script. */
    private static void assertScriptArguments(String cmd, Set<String> params) {
        String args = cmd.substring(cmd.indexOf("install-agent.ps1\"") + "install-agent.ps1\"".length());
        Matcher m = Pattern.compile("(?:^|\\s)-(\\w+)").matcher(args);
        List<String> used = new ArrayList<>();
        while (m.find()) {
            used.add(m.group(1));
        }
        assertThat(used).isNotEmpty();
        assertThat(params).containsAll(used);
        // every property value is quoted; no quoted value ends in a backslash ("[INSTALLDIR]" would)
        assertThat(args.replaceAll("\"[^\"]*\"", "")).doesNotContain("[", "\"");
        assertThat(args).doesNotContain("[INSTALLDIR]\"", "\\\"");
    }

    private static Set<String> scriptParameters(Path script) throws IOException {
        String text = Files.readString(script, StandardCharsets.UTF_8);
        String block = text.substring(text.indexOf("param("), text.indexOf("\n)", text.indexOf("param(")));
        Matcher m = Pattern.compile("\\$(\\w+)").matcher(block);
        Set<String> names = new HashSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        names.removeAll(Set.of("true", "false", "PSScriptRoot", "env"));
        return names;
    }

    /** Path under the install folder -> component GUID, from the Component, Directory and File tables. */
    private static Map<String, String> componentGuids(Path msi) throws Exception {
        Map<String, Map<String, String>> dirs = byKey(table(msi, "Directory"), "Directory");
        Map<String, Map<String, String>> files = byKey(table(msi, "File"), "File");
        Map<String, String> out = new HashMap<>();
        for (Map<String, String> c : table(msi, "Component")) {
            String name = files.get(c.get("KeyPath")).get("FileName");
            StringBuilder path = new StringBuilder(name);
            for (String d = c.get("Directory_"); !d.equals("INSTALLDIR"); d = dirs.get(d).get("Directory_Parent")) {
                path.insert(0, dirs.get(d).get("DefaultDir") + "/");
            }
            out.put(path.toString(), c.get("ComponentId"));
        }
        return out;
    }

    /** The rows of a table as msiinfo exports it: names, types, table name and keys, then the rows (tab-separated). */
    private static List<Map<String, String>> table(Path msi, String name) throws Exception {
        Result r = run(List.of("msiinfo", "export", msi.toString(), name), Map.of());
        assertThat(r.exit()).as(name + ": " + r.out()).isZero();
        List<String> lines = r.out().lines().toList();
        String[] cols = lines.get(0).split("\t", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(3, lines.size())) {
            String[] v = line.split("\t", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < cols.length; i++) {
                row.put(cols[i], i < v.length ? v[i] : "");
            }
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Map<String, String>> byKey(List<Map<String, String>> rows, String key) {
        return rows.stream().collect(Collectors.toMap(r -> r.get(key), r -> r));
    }

    private static Map<String, String> keyValue(List<Map<String, String>> rows, String key, String value) {
        return rows.stream().collect(Collectors.toMap(r -> r.get(key), r -> r.get(value)));
    }

    private static int type(Map<String, String> action) {
        assertThat(action).as("custom action").isNotNull();
        return Integer.parseInt(action.get("Type"));
    }

    private static int seq(Map<String, Map<String, String>> sequence, String action) {
        assertThat(sequence).as("in InstallExecuteSequence").containsKey(action);
        return Integer.parseInt(sequence.get(action).get("Sequence"));
    }

    private static String condition(Map<String, Map<String, String>> sequence, String action) {
        assertThat(sequence).as("in InstallExecuteSequence").containsKey(action);
        return sequence.get(action).get("Condition");
    }

    private static List<String> list(String semicolonSeparated) {
        assertThat(semicolonSeparated).isNotNull();
        return List.of(semicolonSeparated.split(";"));
    }

    private static String jarVersion() throws IOException {
        try (var jar = new java.util.jar.JarFile(Jars.agent().toFile())) {
            return jar.getManifest().getMainAttributes().getValue("Implementation-Version");
        }
    }

    private static String which(String tool) throws Exception {
        Result r = run(List.of("sh", "-c", "command -v " + tool), Map.of());
        assertThat(r.exit()).as(tool).isZero();
        return r.out().strip();
    }

    record Result(int exit, String out) {
    }

    private static Result run(List<String> cmd, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("finished: " + cmd).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
