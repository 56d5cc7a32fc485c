package jp.akashi.probes.windows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;

import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.util.Json;

/**
 * The outcome of one run of an Akashi PowerShell script: its JSON output split into sections, or
 * why there is none. Every probe reads its section through {@link #section(String)}, which turns
 * a failed run, malformed output or a section's own {@code {"error": ...}} into a
 * {@link WinSection} that records error facts.
 */
public final class PowerShellRun {
    private final String source;
    private final String stdout;
    private final JsonNode root;
    private final CommandResult failedRun;
    private final String problem;

    private PowerShellRun(String source, String stdout, JsonNode root, CommandResult failedRun, String problem) {
        this.source = source;
        this.stdout = stdout;
        this.root = root;
        this.failedRun = failedRun;
        this.problem = problem;
    }

    /** Runs {@code script} on {@code host} with a timeout. */
    public static PowerShellRun execute(HostAccess host, WindowsScript script, Duration timeout) {
        CommandResult r = host.exec(script.argv(), timeout);
        // Evidence and messages name the script, not its 28 kB of base64.
        CommandResult shown = new CommandResult(script.describe(), r.exitCode(), r.stdout(), r.stderr(),
                r.timedOut(), r.elapsed(), r.problem());
        return fromResult(shown);
    }

    /** Pure: interprets a finished run (tests feed captured output here). */
    public static PowerShellRun fromResult(CommandResult r) {
        String source = "cmd:" + r.command();
        String out = r.stdout() == null ? "" : r.stdout();
        if (!r.succeeded()) {
            return new PowerShellRun(source, out, null, r, null);
        }
        String text = out.strip();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isEmpty()) {
            return new PowerShellRun(source, out, null, null, "PowerShell printed nothing" + stderrHint(r));
        }
        try {
            JsonNode root = Json.mapper().readTree(text);
            if (root == null || !root.isObject() || !root.path("sections").isObject()) {
                return new PowerShellRun(source, out, null, null, "PowerShell output is not an Akashi inventory object" + stderrHint(r));
            }
            return new PowerShellRun(source, out, root, null, null);
        } catch (JsonProcessingException e) {
            return new PowerShellRun(source, out, null, null, "PowerShell output is not valid JSON: " + e.getOriginalMessage() + stderrHint(r));
        }
    }

    private static String stderrHint(CommandResult r) {
        String err = r.stderr() == null ? "" : r.stderr().strip();
        if (err.isEmpty()) {
            return "";
        }
        int nl = err.indexOf('\n');
        String first = nl > 0 ? err.substring(0, nl).strip() : err;
        return " (stderr: " + (first.length() > 200 ? first.substring(0, 200) : first) + ")";
    }

    /** Whether the script ran as a member of Administrators (S-1-5-32-544); {@code null} when unknown. */
    public Boolean elevated() {
        return root == null ? null : WinValues.bool(root.path("context"), "elevated");
    }

    public JsonNode context() {
        return root == null ? null : root.get("context");
    }

    public String source() {
        return source;
    }

    public String stdout() {
        return stdout;
    }

    public WinSection section(String name) {
        if (failedRun != null) {
            return WinSection.runFailed(name, failedRun);
        }
        if (root == null) {
            return WinSection.failed(name, problem, source, stdout, null);
        }
        JsonNode data = root.path("sections").get(name);
        if (data == null || data.isNull()) {
            return WinSection.failed(name, "section '" + name + "' missing from the PowerShell output", source, stdout, elevated());
        }
        if (data.isObject() && data.has("error") && data.size() <= 3) {
            String msg = WinValues.text(data, "error");
            String id = WinValues.text(data, "id");
            return WinSection.failed(name, "section '" + name + "' failed: " + (msg == null ? "unknown error" : msg)
                    + (id == null ? "" : " [" + id + "]"), source, stdout, elevated());
        }
        return WinSection.ok(name, data, source, stdout, elevated());
    }
}
