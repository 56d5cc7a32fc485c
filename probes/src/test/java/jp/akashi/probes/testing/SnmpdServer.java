package jp.akashi.probes.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real net-snmp {@code snmpd} on a free 127.0.0.1 UDP port, for the SNMP tests. It answers
 * v1/v2c for {@link #COMMUNITY} and for the well-known {@code public} (so the opt-in check has
 * something to find), and v3 for two authPriv users created ({@code createUser}) in its persistent
 * directory's snmpd.conf, which {@code -C} makes it read only because it is named in {@code -c}.
 * {@link #close()} stops it by PID.
 */
public final class SnmpdServer implements AutoCloseable {
    public static final String SNMPD = "/usr/sbin/snmpd";
    public static final String COMMUNITY = "akashi-ro-7731";
    public static final String V3_USER = "akashi-v3";
    public static final String V3_AUTH_PASS = "auth-pass-7731";
    public static final String V3_PRIV_PASS = "priv-pass-7731";
    /** A second user with the strongest protocols: SHA-512 / AES-256. */
    public static final String V3_STRONG_USER = "akashi-v3-strong";
    public static final String ENGINE_ID_TEXT = "akashi-test-engine";

    private final Path dir;
    private final int port;
    private final Process process;

    private SnmpdServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /**
     * @param sysDescr what the agent reports as sysDescr.0 (a captured router string, so the
     *                 parser runs end to end)
     */
    public static SnmpdServer start(String sysDescr, String sysObjectId) {
        TestDaemons.require(SNMPD, "net-snmp agent (snmpd)");
        try {
            Path dir = Files.createTempDirectory("akashi-snmpd-");
            Path persist = Files.createDirectories(dir.resolve("persist"));
            Path mibs = Files.createDirectories(dir.resolve("mibs"));
            Files.writeString(persist.resolve("snmpd.conf"), String.join("\n",
                    "createUser " + V3_USER + " SHA-256 \"" + V3_AUTH_PASS + "\" AES \"" + V3_PRIV_PASS + "\"",
                    "createUser " + V3_STRONG_USER + " SHA-512 \"" + V3_AUTH_PASS + "\" AES-256 \"" + V3_PRIV_PASS + "\"",
                    ""), StandardCharsets.UTF_8);
            int port = TestDaemons.freePort();
            Path conf = dir.resolve("snmpd.conf");
            Files.writeString(conf, String.join("\n",
                    "agentAddress udp:127.0.0.1:" + port,
                    "engineID " + ENGINE_ID_TEXT,
                    "rocommunity " + COMMUNITY + " 127.0.0.1",
                    "rocommunity public 127.0.0.1",
                    "rouser " + V3_USER + " priv",
                    "rouser " + V3_STRONG_USER + " priv",
                    "sysDescr " + sysDescr,
                    "sysObjectID " + sysObjectId,
                    "sysName edge-rtr01",
                    "sysLocation 東京本社 3F サーバ室",
                    "sysContact netadmin@example.co.jp",
                    ""), StandardCharsets.UTF_8);
            Path log = dir.resolve("snmpd.log");
            ProcessBuilder pb = new ProcessBuilder(SNMPD, "-f", "-Lo", "-C", "-c", conf + "," + persist.resolve("snmpd.conf"))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("SNMP_PERSISTENT_DIR", persist.toString());
            pb.environment().put("MIBS", "");
            pb.environment().put("MIBDIRS", mibs.toString());
            Process p = pb.start();
            TestDaemons.awaitLog(p, log, "NET-SNMP version", Duration.ofSeconds(15));
            return new SnmpdServer(dir, port, p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String log() {
        return TestDaemons.readLog(dir.resolve("snmpd.log"));
    }

    @Override
    public void close() {
        TestDaemons.stop(process);
        TestDaemons.deleteTree(dir);
    }
}
