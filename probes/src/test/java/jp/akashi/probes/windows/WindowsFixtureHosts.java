package jp.akashi.probes.windows;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.akashi.probes.HostProbes;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.api.ProbeRunner;
import jp.akashi.probes.model.AssetIdentity;
import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.Report;
import jp.akashi.probes.testing.FixtureHost;
import jp.akashi.probes.testing.ProbeTesting;

/**
 * Windows hosts assembled from the fixtures under {@code fixtures/windows/<host>/}: one file per
 * section of {@code inventory.ps1}'s output (as the script prints it), the files secedit and
 * auditpol write (sent base64 as the script does), the Windows Update scan, and wevtutil's output.
 * {@link #report(FixtureHost)} turns such a host into a whole {@link Report}, for end-to-end tests.
 */
public final class WindowsFixtureHosts {
    /** Sections in the order inventory.ps1 emits them. */
    public static final List<String> SECTIONS = List.of("os", "hotfixes", "update_settings", "services", "defender",
            "security_center", "secedit", "auditpol", "local_users", "admins", "bitlocker", "screen", "removable",
            "firewall", "listening", "software", "legacy", "forwarding", "time_status");
    private static final ObjectMapper ASCII = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private WindowsFixtureHosts() {
    }

    /** Windows 11 Pro 23H2, Japanese, domain member, Defender, BitLocker, USB write blocked. */
    public static FixtureHost japaneseWin11() {
        return builder("win11-ja").build();
    }

    /** Windows Server 2022 Datacenter, English, Defender plus CrowdStrike Falcon, no Security Center. */
    public static FixtureHost englishServer2022() {
        return builder("server2022-en").build();
    }

    /** Windows 10 Pro 22H2, Japanese, Trend Micro Apex One with Defender switched off, run without Administrator rights. */
    public static FixtureHost japaneseWin10Unelevated() {
        return builder("win10-ja-trend").build();
    }

    public static Builder builder(String host) {
        return new Builder(host);
    }

    /** Runs every host probe on {@code host} as an agent would and wraps the facts in a report. */
    public static Report report(FixtureHost host) {
        List<Fact> facts = new ProbeRunner(HostProbes.all()).run(new ProbeContext(host, ProbeTesting.CLOCK, ProbeContext.WINDOWS, Map.of()));
        Map<String, Object> v = new LinkedHashMap<>();
        facts.stream().filter(Fact::ok).forEach(f -> v.put(f.key(), f.value()));
        AssetIdentity id = new AssetIdentity(AssetIdentity.KIND_HOST, (String) v.get("os.hostname"), (String) v.get("os.machine_id"),
                (String) v.get("os.hardware.uuid"), null, null, ProbeContext.WINDOWS);
        return new Report(Report.SCHEMA_VERSION, UUID.nameUUIDFromBytes(String.valueOf(v.get("os.machine_id")).getBytes(java.nio.charset.StandardCharsets.UTF_8)), null, null,
                Report.SOURCE_AGENT, id, ProbeTesting.NOW, ProbeTesting.NOW, facts);
    }

    static String fixture(String host, String file) {
        return FixtureHost.resource("/fixtures/windows/" + host + "/" + file);
    }

    static boolean exists(String host, String file) {
        return WindowsFixtureHosts.class.getResource("/fixtures/windows/" + host + "/" + file) != null;
    }

    public static byte[] bytes(String host, String file) {
        try (InputStream in = WindowsFixtureHosts.class.getResourceAsStream("/fixtures/windows/" + host + "/" + file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Output exactly shaped like inventory.ps1's: compact JSON, non-ASCII escaped. */
    public static String inventoryOutput(JsonNode context, Map<String, JsonNode> sections) {
        ObjectNode root = ASCII.createObjectNode();
        root.put("schema", 1);
        root.set("context", context);
        ObjectNode s = root.putObject("sections");
        sections.forEach(s::set);
        try {
            return ASCII.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture host with sections replaced or commands changed for failure tests. */
    public static final class Builder {
        private final String host;
        private final Map<String, JsonNode> sections = new LinkedHashMap<>();
        private JsonNode context;
        private String rawInventory;
        private String rawScan;

        Builder(String host) {
            this.host = host;
            try {
                context = ASCII.readTree(fixture(host, "context.json"));
                for (String name : SECTIONS) {
                    sections.put(name, readSection(name));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private JsonNode readSection(String name) throws IOException {
            if (exists(host, name + ".json")) {
                return ASCII.readTree(fixture(host, name + ".json"));
            }
            String file = name.equals("secedit") ? "secedit.inf" : name.equals("auditpol") ? "auditpol.csv" : null;
            if (file == null || !exists(host, file)) {
                throw new IllegalArgumentException("fixture " + host + " lacks section " + name);
            }
            ObjectNode n = ASCII.createObjectNode();
            n.put("exit", 0);
            n.put("b64", Base64.getEncoder().encodeToString(bytes(host, file)));
            return n;
        }

        /** Replaces one section with the given JSON text. */
        public Builder section(String name, String json) {
            try {
                sections.put(name, ASCII.readTree(json));
            } catch (IOException e) {
                throw new IllegalArgumentException(e);
            }
            return this;
        }

        /** Replaces the whole inventory output (malformed or empty output tests). */
        public Builder rawInventory(String stdout) {
            this.rawInventory = stdout;
            return this;
        }

        /** Replaces the Windows Update scan output. */
        public Builder rawScan(String stdout) {
            this.rawScan = stdout;
            return this;
        }

        public String inventory() {
            return rawInventory != null ? rawInventory : inventoryOutput(context, sections);
        }

        public FixtureHost build() {
            FixtureHost h = new FixtureHost();
            h.command(String.join(" ", WindowsInventory.script().argv()), 0, inventory());
            String scan = rawScan != null ? rawScan : scanOutput();
            h.command(String.join(" ", jp.akashi.probes.windows.patch.WindowsPatchProbe.scanScript(false).argv()), 0, scan);
            for (String log : List.of("Security", "System")) {
                wevtutil(h, "wevtutil.exe gl " + log + " /f:xml", "wevtutil-gl-" + log + ".xml");
                wevtutil(h, "wevtutil.exe gli " + log, "wevtutil-gli-" + log + ".txt");
                wevtutil(h, "wevtutil.exe qe " + log + " /rd:false /c:1 /f:xml", "wevtutil-qe-" + log + ".xml");
            }
            return h;
        }

        private void wevtutil(FixtureHost h, String line, String file) {
            if (exists(host, file)) {
                h.command(line, 0, fixture(host, file));
            } else if (exists(host, file + ".denied")) {
                // exit 5 and the message in the console code page, as wevtutil prints "Access is denied"
                h.command(line, 5, "", fixture(host, file + ".denied"));
            }
        }

        private String scanOutput() {
            try {
                ObjectNode root = ASCII.createObjectNode();
                root.put("schema", 1);
                ObjectNode s = root.putObject("sections");
                s.set("pending", ASCII.readTree(fixture(host, "wu-pending.json")));
                s.set("history", ASCII.readTree(fixture(host, "wu-history.json")));
                return ASCII.writeValueAsString(root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
