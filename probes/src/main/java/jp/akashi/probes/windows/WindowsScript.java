package jp.akashi.probes.windows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A PowerShell script shipped in the probes jar, sent to {@code powershell.exe} with
 * {@code -EncodedCommand} (base64 of UTF-16LE): no temporary file, no quoting problems, and no
 * stdin (the host closes it). Full-line comments and indentation are stripped first so the command
 * line stays under Windows' 32,767-character limit.
 */
public final class WindowsScript {
    /** Windows PowerShell 5.1 is on every supported Windows; CreateProcess finds it on the system PATH. */
    public static final String POWERSHELL = "powershell.exe";
    /** CreateProcess refuses longer command lines (32,767 characters including the program name). */
    public static final int MAX_COMMAND_LINE = 32_000;

    private final String name;
    private final String text;

    private WindowsScript(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /** Loads {@code jp/akashi/probes/windows/<name>} from the probes jar. */
    public static WindowsScript load(String name) {
        String res = "/jp/akashi/probes/windows/" + name;
        try (InputStream in = WindowsScript.class.getResourceAsStream(res)) {
            if (in == null) {
                throw new IllegalStateException(res + " missing from the probes jar");
            }
            return new WindowsScript(name, minify(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + res, e);
        }
    }

    /** The same script with {@code line} run first (used to pass options as variables). */
    public WindowsScript withPreamble(String line) {
        return new WindowsScript(name, line + "\n" + text);
    }

    public String name() {
        return name;
    }

    /** The script as sent. */
    public String text() {
        return text;
    }

    public List<String> argv() {
        String encoded = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_16LE));
        return List.of(POWERSHELL, "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-EncodedCommand", encoded);
    }

    /** Short form for evidence and messages: the base64 replaced by the script's name. */
    public String describe() {
        return POWERSHELL + " -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand <" + name + ">";
    }

    /** Drops blank lines, full-line {@code #} comments and leading indentation. The scripts use no here-strings. */
    static String minify(String script) {
        return script.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .collect(Collectors.joining("\n"));
    }
}
