package jp.akashi.probes.linux;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import jp.akashi.probes.linux.account.SshdConfig;
import jp.akashi.probes.linux.account.Sudoers;
import jp.akashi.probes.linux.account.UnixAccounts;
import jp.akashi.probes.linux.auth.PamStack;
import jp.akashi.probes.linux.auth.PwQuality;
import jp.akashi.probes.linux.av.ClamAvDatabase;
import jp.akashi.probes.linux.av.ClamScanLog;
import jp.akashi.probes.linux.av.MdatpHealth;
import jp.akashi.probes.linux.disk.LsblkTree;
import jp.akashi.probes.linux.firewall.FirewalldZone;
import jp.akashi.probes.linux.firewall.IptablesRules;
import jp.akashi.probes.linux.firewall.NftRuleset;
import jp.akashi.probes.linux.firewall.UfwStatus;
import jp.akashi.probes.linux.log.AuditdConf;
import jp.akashi.probes.linux.log.ForwardTargets;
import jp.akashi.probes.linux.log.JournalHeader;
import jp.akashi.probes.linux.log.Journald;
import jp.akashi.probes.linux.log.Logrotate;
import jp.akashi.probes.linux.log.SyslogTime;
import jp.akashi.probes.linux.net.ProcNetListeners;
import jp.akashi.probes.linux.net.SsListeners;
import jp.akashi.probes.linux.patch.AptConfig;
import jp.akashi.probes.linux.patch.AptUpgradable;
import jp.akashi.probes.linux.patch.DnfAdvisories;
import jp.akashi.probes.linux.patch.DnfCheckUpdate;
import jp.akashi.probes.linux.patch.DpkgLog;
import jp.akashi.probes.linux.screen.DconfLock;
import jp.akashi.probes.linux.storage.ModprobeRules;

/**
 * Every Linux parser on mangled versions of every fixture (cut, spliced, with control characters,
 * Japanese text and huge numbers): a parser may return nothing, never throw.
 */
class LinuxParsersFuzzTest {
    private static final List<Consumer<String>> PARSERS = List.of(
            AptUpgradable::parse, AptConfig::parse, DnfCheckUpdate::parse, DnfAdvisories::parseList, DnfAdvisories::parseInfo,
            s -> DpkgLog.lastInstall(s, ZoneOffset.UTC), InstalledPackages::parseDpkg, InstalledPackages::parseRpm,
            SsListeners::parse, s -> ProcNetListeners.parse("tcp6", s), s -> ProcNetListeners.parse("udp", s),
            s -> PamStack.load("x", "password", n -> s), s -> PwQuality.pwqualityDefaults().with(AuditdConf.parse(s), new ArrayList<>()),
            s -> Sudoers.parse("/etc/sudoers", java.util.Set.of("h"), p -> s, d -> List.of("/etc/sudoers.d/a")),
            SshdConfig::fromTest, s -> SshdConfig.fromFiles("/etc/ssh/sshd_config", p -> s, d -> List.of(d + "/x.conf")),
            UnixAccounts::passwd, UnixAccounts::groups, UnixAccounts::shadow,
            UfwStatus::parse, FirewalldZone::parse, NftRuleset::state, IptablesRules::parse,
            s -> Logrotate.rules("/etc/logrotate.conf", p -> s, d -> List.of()).forEach(Logrotate::retention),
            s -> SyslogTime.parse(s, Instant.EPOCH, ZoneOffset.ofHours(9)), JournalHeader::oldest, Journald::seconds,
            AuditdConf::parse, ForwardTargets::rsyslog, ForwardTargets::syslogNg,
            ClamAvDatabase::parse, MdatpHealth::parse, s -> ClamScanLog.lastScan(s, ZoneOffset.UTC),
            s -> ModprobeRules.blocking(s, "usb-storage"), s -> ModprobeRules.blacklistedOnCmdline(s, "usb-storage"),
            s -> new DconfLock().merge(s).timeoutSeconds(), IniFile::parse, Processes::parse, HostZone::parse,
            s -> {
                try {
                    LsblkTree.pathToRoot(s, "/dev/sda1");
                } catch (IOException expected) {
                    // not JSON: the declared failure, which the probe turns into an error fact
                }
            });

    private static final String[] NOISE = {"\u0000", "\r", "\t", "{", "}", "[", "(", "\"", "\\", ":", "=", "#", "%",
            "99999999999999999999", "-1", "日本語のログ", "ｔｅｓｔ", "\uFFFD", "@include", "include ", "Match ", "\n\n"};

    @Test
    void manglingFixturesNeverThrows() throws Exception {
        Random rnd = new Random(20261120);
        List<String> inputs = new ArrayList<>(List.of("", " ", "\n", "\u0000\u0001\u0002"));
        for (String f : fixtures()) {
            inputs.add(f);
            for (int i = 0; i < 6; i++) {
                inputs.add(mangle(f, rnd));
            }
        }
        for (String in : inputs) {
            for (Consumer<String> p : PARSERS) {
                assertThatCode(() -> p.accept(in)).as("parser on: %s", in.length() > 80 ? in.substring(0, 80) : in)
                        .doesNotThrowAnyException();
            }
        }
    }

    private static String mangle(String s, Random rnd) {
        StringBuilder sb = new StringBuilder(s);
        for (int n = 0; n < 1 + rnd.nextInt(8); n++) {
            int at = sb.length() == 0 ? 0 : rnd.nextInt(sb.length());
            switch (rnd.nextInt(3)) {
                case 0 -> sb.insert(at, NOISE[rnd.nextInt(NOISE.length)]);
                case 1 -> sb.delete(at, Math.min(sb.length(), at + rnd.nextInt(40)));
                default -> sb.insert(at, sb.substring(at, Math.min(sb.length(), at + rnd.nextInt(60))));
            }
        }
        return sb.toString();
    }

    private static List<String> fixtures() throws IOException, URISyntaxException {
        Path root = Path.of(LinuxParsersFuzzTest.class.getResource("/fixtures/linux").toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(p -> {
                try {
                    return Files.size(p) < 64 * 1024;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sorted().map(p -> {
                try {
                    return Files.readString(p, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void sshdIncludeGlobWithRegexCharacters() {
        Map<String, String> files = Map.of("/etc/ssh/sshd_config", "Include conf.d/[a-(*.conf\n");
        assertThatCode(() -> SshdConfig.fromFiles("/etc/ssh/sshd_config", files::get, d -> List.of(d + "/[a-(x.conf")))
                .doesNotThrowAnyException();
    }
}
