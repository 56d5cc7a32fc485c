package jp.akashi.probes.windows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.FactStatus;
import jp.akashi.probes.testing.FixtureHost;
import jp.akashi.probes.testing.ProbeTesting;
import jp.akashi.probes.util.EncodedText;
import jp.akashi.probes.util.Json;
import jp.akashi.probes.windows.os.WindowsOsProbe;
import jp.akashi.probes.windows.patch.WindowsPatchProbe;

class WindowsCoreTest {

    @Test
    void scriptsFitTheWindowsCommandLineAndDecodeBackToThemselves() {
        for (WindowsScript s : new WindowsScript[] {WindowsInventory.script(), WindowsPatchProbe.scanScript(true)}) {
            String line = String.join(" ", s.argv());
            assertThat(line.length()).as(s.name() + " command line").isLessThan(WindowsScript.MAX_COMMAND_LINE);
            String decoded = new String(Base64.getDecoder().decode(s.argv().get(6)), StandardCharsets.UTF_16LE);
            assertThat(decoded).isEqualTo(s.text());
            assertThat(s.text()).doesNotContain("\n#").doesNotContain("@\"").doesNotContain("@'");
            assertThat(s.describe()).contains("<" + s.name() + ">").hasSizeLessThan(120);
        }
        assertThat(WindowsPatchProbe.scanScript(false).text()).startsWith("$AkashiOnline = $false\n");
    }

    @Test
    void inventoryReadsNoLocalizedNames() {
        String script = WindowsInventory.script().text();
        // groups by SID, never by name; no display-text parsing cmdlets
        assertThat(script).contains("S-1-5-32-544").doesNotContain("net localgroup").doesNotContain("Format-List")
                .doesNotContain("systeminfo").doesNotContain("OSArchitecture");
        assertThat(script).contains("ToUniversalTime().ToString('o')").contains("ConvertTo-Json");
    }

    /** Aliases win over functions in PowerShell: a helper named rv would run Remove-Variable. */
    @Test
    void scriptHelpersAreNotShadowedByBuiltInAliases() {
        java.util.Set<String> aliases = java.util.Set.of("ac", "cat", "cd", "clc", "clear", "cli", "clp", "cls", "clv", "compare", "copy",
                "cp", "cpi", "cpp", "curl", "cvpa", "dbp", "del", "diff", "dir", "ebp", "echo", "epal", "epcsv", "erase", "fc", "fhx", "fl",
                "foreach", "ft", "fw", "gal", "gbp", "gc", "gci", "gcm", "gcs", "gdr", "gi", "gjb", "gl", "gm", "gmo", "gp", "gps", "gpv",
                "group", "gsv", "gu", "gv", "gwmi", "h", "history", "icm", "iex", "ii", "ipal", "ipcsv", "ipmo", "irm", "iwmi", "iwr", "kill",
                "lp", "ls", "man", "md", "measure", "mi", "mount", "move", "mp", "mv", "nal", "ndr", "ni", "nmo", "nv", "ogv", "oh", "popd",
                "ps", "pushd", "pwd", "r", "rbp", "rd", "rdr", "ren", "ri", "rjb", "rm", "rmdir", "rmo", "rni", "rnp", "rp", "rv", "rvpa",
                "rwmi", "sajb", "sal", "saps", "sasv", "sbp", "sc", "select", "set", "si", "sl", "sleep", "sls", "sort", "sp", "spjb", "spps",
                "spsv", "start", "sv", "swmi", "tee", "type", "wget", "where", "wjb", "write");
        for (WindowsScript s : new WindowsScript[] {WindowsInventory.script(), WindowsPatchProbe.scanScript(false)}) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^function\\s+([A-Za-z-]+)").matcher(s.text());
            int n = 0;
            while (m.find()) {
                n++;
                assertThat(aliases).as(s.name() + " function " + m.group(1)).doesNotContain(m.group(1).toLowerCase(java.util.Locale.ROOT));
            }
            assertThat(n).as(s.name() + " defines helpers").isGreaterThan(2);
        }
    }

    @Test
    void minifyKeepsCodeAndDropsComments() {
        assertThat(WindowsScript.minify("# c\n  $a = 1  \n\n\t# d\n  if ($a) { 'x' }\n")).isEqualTo("$a = 1\nif ($a) { 'x' }");
    }

    @Test
    void inventoryRunsOncePerHostAndCollection() {
        FixtureHost host = WindowsFixtureHosts.japaneseWin11();
        WindowsFixtureHosts.report(host);
        String inventory = String.join(" ", WindowsInventory.script().argv());
        assertThat(host.executed().stream().filter(inventory::equals)).hasSize(1);
    }

    @Test
    void sectionErrorsKeepTheJapaneseMessageAndSayAdministratorIsMissing() {
        PowerShellRun run = PowerShellRun.fromResult(ok(WindowsFixtureHosts.builder("win10-ja-trend").inventory()));
        WinSection s = run.section("bitlocker");
        assertThat(s.ok()).isFalse();
        assertThat(s.message()).contains("アクセスが拒否されました。").contains("HRESULT 0x80041003")
                .contains("does not run as Administrator");
        assertThat(run.elevated()).isFalse();
        assertThat(run.section("os").ok()).isTrue();
        assertThat(run.section("os").data().path("model").asText()).isEqualTo("dynabook G83/KV");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \r\n", "{\"schema\":1,\"sections\":{\"os\":", "Get-CimInstance : 無効なクラスです", "[1,2,3]", "{\"schema\":1}"})
    void malformedOrEmptyOutputMakesEveryKeyAnErrorNotAGuess(String stdout) {
        FixtureHost host = WindowsFixtureHosts.builder("win11-ja").rawInventory(stdout).build();
        Map<String, Fact> f = ProbeTesting.run(new WindowsOsProbe(), host, ProbeContext.WINDOWS);
        assertThat(f.get("os.family").value()).isEqualTo("windows");
        assertThat(f.values()).filteredOn(x -> !x.key().equals("os.family")).isNotEmpty().allSatisfy(x -> {
            assertThat(x.status()).isEqualTo(FactStatus.ERROR);
            assertThat(x.value()).isNull();
            assertThat(x.message()).containsAnyOf("PowerShell", "section");
        });
    }

    @Test
    void missingPowerShellIsUnsupportedAndTimeoutIsAnError() {
        Map<String, Fact> f = ProbeTesting.run(new WindowsOsProbe(), new FixtureHost(), ProbeContext.WINDOWS);
        assertThat(f.get("os.name").status()).isEqualTo(FactStatus.UNSUPPORTED);

        FixtureHost hung = new FixtureHost().hangingCommand(String.join(" ", WindowsInventory.script().argv()));
        Map<String, Fact> g = ProbeTesting.run(new WindowsOsProbe(), hung, ProbeContext.WINDOWS);
        assertThat(g.get("os.name").status()).isEqualTo(FactStatus.ERROR);
        assertThat(g.get("os.name").message()).contains("timed out").contains("<inventory.ps1>").doesNotContain("-EncodedCommand JAB");
    }

    @Test
    void evidenceQuotesTheSectionAndHashesTheWholeOutput() {
        Map<String, Fact> f = ProbeTesting.run(new WindowsOsProbe(), WindowsFixtureHosts.japaneseWin11(), ProbeContext.WINDOWS);
        var ev = f.get("os.windows.build").evidence();
        assertThat(ev.source()).startsWith("cmd:powershell.exe").endsWith("<inventory.ps1>#os");
        assertThat(ev.excerpt()).contains("\"current_build\":\"22631\"");
        assertThat(ev.sha256()).hasSize(64);
    }

    @Test
    void valuesAcceptWhatPowerShellPrints() throws Exception {
        JsonNode n = Json.mapper().readTree("{\"a\":\"\\/Date(1718245678901)\\/\",\"b\":\"/Date(1718245678901+0900)/\","
                + "\"c\":\"2026-11-19T20:41:13.1234567Z\",\"d\":\"2026-11-19T20:41:13+09:00\",\"e\":\"0001-01-01T00:00:00.0000000\","
                + "\"f\":\"1601-01-01T00:00:00Z\",\"g\":\"3/12/2024\",\"t\":\"True\",\"u\":0,\"v\":\"12\",\"w\":12.5,\"x\":[1],\"y\":{\"k\":1}}");
        assertThat(WinValues.instant(n, "a")).isEqualTo(Instant.ofEpochMilli(1718245678901L));
        assertThat(WinValues.instant(n, "b")).isEqualTo(Instant.ofEpochMilli(1718245678901L));
        assertThat(WinValues.instant(n, "c")).isEqualTo(Instant.parse("2026-11-19T20:41:13.1234567Z"));
        assertThat(WinValues.instant(n, "d")).isEqualTo(Instant.parse("2026-11-19T11:41:13Z"));
        assertThat(WinValues.instant(n, "e")).isNull();
        assertThat(WinValues.instant(n, "f")).isNull();
        assertThat(WinValues.instant(n, "g")).as("localized date text is not read").isNull();
        assertThat(WinValues.bool(n, "t")).isTrue();
        assertThat(WinValues.bool(n, "u")).isFalse();
        assertThat(WinValues.integer(n, "v")).isEqualTo(12L);
        assertThat(WinValues.integer(n, "w")).isNull();
        assertThat(WinValues.items(n, "x")).hasSize(1);
        assertThat(WinValues.items(n, "y")).as("a lone object PowerShell unrolled").hasSize(1);
        assertThat(WinValues.items(n, "missing")).isEmpty();
    }

    @Test
    void decodesUtf16ExportsByByteOrderMark() {
        String ja = "[System Access]\r\nNewAdministratorName = \"管理者\"\r\n";
        byte[] le = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, ja.getBytes(StandardCharsets.UTF_16LE));
        byte[] be = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, ja.getBytes(StandardCharsets.UTF_16BE));
        byte[] bom8 = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, ja.getBytes(StandardCharsets.UTF_8));
        assertThat(EncodedText.decode(le)).isEqualTo(ja);
        assertThat(EncodedText.decode(be)).isEqualTo(ja);
        assertThat(EncodedText.decode(bom8)).isEqualTo(ja);
        assertThat(EncodedText.decode(ja.getBytes(StandardCharsets.UTF_16LE))).as("no BOM").isEqualTo(ja);
        assertThat(EncodedText.decode(ja.getBytes(StandardCharsets.UTF_8))).isEqualTo(ja);
        assertThat(EncodedText.decode(new byte[0])).isEmpty();
        String mangled = new String(concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "<a b='1'/>".getBytes(StandardCharsets.UTF_16LE)), StandardCharsets.UTF_8);
        assertThat(EncodedText.dropUtf16Nuls(mangled)).isEqualTo("<a b='1'/>");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static CommandResult ok(String stdout) {
        return new CommandResult("powershell.exe <inventory.ps1>", 0, stdout, "", false, Duration.ofMillis(900), null);
    }
}
