package jp.akashi.collector.enroll;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one-line installs: the scripts {@code /agent/install.sh} and {@code /agent/install.ps1}
 * (templates in {@code agent-install/}, filled with this collector's URL, key pin and packages
 * with their SHA-256) and the commands the console shows beside a fresh token.
 *
 * <p>Every value put into a script is checked against a strict pattern first: a script is code
 * the administrator runs as root, so nothing from a request is pasted in unchecked.
 */
@Singleton
public class InstallScripts {
    private static final Pattern URL = Pattern.compile("https?://[A-Za-z0-9.:\\[\\]-]{1,260}(/[A-Za-z0-9._~/-]{0,200})?");
    private static final Pattern PIN = Pattern.compile("(sha256//[A-Za-z0-9+/=]{44})?");
    private static final Pattern FINGERPRINT = Pattern.compile("(sha256:[0-9a-fA-F:]{64,95})?");
    private static final Pattern TOKEN = Pattern.compile("akt_[A-Za-z0-9_-]{16,128}");

    private final AgentPackages packages;
    private final String pin;
    private final String fingerprint;
    private final Clock clock;

    @jakarta.inject.Inject
    public InstallScripts(AgentPackages packages, jp.akashi.collector.config.CollectorProperties collector, Clock clock) {
        this(packages, collector.tlsPublicKeyPin(), collector.tlsFingerprint(), clock);
    }

    public InstallScripts(AgentPackages packages, String pin, String fingerprint, Clock clock) {
        this.packages = packages;
        this.pin = checked(PIN, pin, "public key pin");
        this.fingerprint = checked(FINGERPRINT, fingerprint, "certificate fingerprint");
        this.clock = clock;
    }

    /** The Linux installer for a collector reached at {@code server}. */
    public String shell(String server) {
        String list = packages.list().stream().filter(p -> p.kind().equals("deb") || p.kind().equals("rpm"))
                // newest first within kind and architecture: the installer takes the first line that fits
                .map(p -> p.kind() + " " + p.arch() + " " + p.file() + " " + p.sha256())
                .collect(Collectors.joining("\n"));
        return fill("install.sh", server, Map.of("@@PACKAGES@@", list));
    }

    /** The Windows installer (defines {@code Install-AkashiAgent}). */
    public String powershell(String server) {
        AgentPackages.AgentPackage win = packages.newest("windows-zip", "x64").orElse(null);
        return fill("install.ps1", server, Map.of("@@WINDOWS_FILE@@", win == null ? "" : win.file(),
                "@@WINDOWS_SHA256@@", win == null ? "" : win.sha256()));
    }

    /** The commands to paste, per OS, for one token. */
    public Map<String, String> commands(String server, String token) {
        checked(URL, server, "server URL");
        checked(TOKEN, token, "token");
        Map<String, String> m = new LinkedHashMap<>();
        String curl = pin.isEmpty() ? "curl -fsS " : "curl -fsS --insecure --pinnedpubkey '" + pin + "' ";
        // download, then run: a refused or cut-off download runs nothing and fails the command (a pipe into sh would not)
        m.put("linux", curl + "-o akashi-install.sh " + server + "/agent/install.sh && sudo sh akashi-install.sh --token " + token);
        String trust = fingerprint.isEmpty() ? "" : "$fp='" + fingerprint.replace("sha256:", "").replace(":", "").toUpperCase(java.util.Locale.ROOT)
                + "'; [Net.ServicePointManager]::ServerCertificateValidationCallback={param($s,$c) ([BitConverter]::ToString("
                + "[Security.Cryptography.SHA256]::Create().ComputeHash($c.GetRawCertData())) -replace '-','') -eq $fp}; ";
        m.put("windows", "powershell -NoProfile -ExecutionPolicy Bypass -Command \"" + trust
                + "[Net.ServicePointManager]::SecurityProtocol='Tls12'; iex ((New-Object Net.WebClient).DownloadString('"
                + server + "/agent/install.ps1')); Install-AkashiAgent -Token " + token + "\"");
        return m;
    }

    private String fill(String template, String server, Map<String, String> more) {
        checked(URL, server, "server URL");
        String text;
        try (InputStream in = InstallScripts.class.getResourceAsStream("/agent-install/" + template)) {
            if (in == null) {
                throw new IllegalStateException("agent-install/" + template + " is missing from the jar");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> values = new LinkedHashMap<>(more);
        values.put("@@SERVER@@", server);
        values.put("@@PIN@@", pin);
        values.put("@@FINGERPRINT@@", fingerprint);
        values.put("@@GENERATED@@", Instant.ofEpochMilli(clock.millis()).toString());
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace(e.getKey(), e.getValue());
        }
        return text;
    }

    private static String checked(Pattern p, String value, String what) {
        String v = value == null ? "" : value;
        if (!p.matcher(v).matches()) {
            throw new IllegalArgumentException("not a valid " + what + " for an install script: " + List.of(v));
        }
        return v;
    }
}
