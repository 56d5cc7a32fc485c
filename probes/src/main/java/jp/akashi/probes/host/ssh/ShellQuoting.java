package jp.akashi.probes.host.ssh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the one command string an SSH server hands to the remote user's login shell. SSH has no
 * argv: the server runs {@code $SHELL -c <string>}, so every argument is single-quoted for a POSIX
 * shell and nothing the probe passes can be read as shell syntax.
 */
public final class ShellQuoting {

    /** sbin directories a non-root login often lacks on its PATH but that hold the tools probes use. */
    static final String EXTRA_PATH = "/usr/local/sbin:/usr/sbin:/sbin";

    private ShellQuoting() {
    }

    /** {@code it's} becomes {@code 'it'\''s'}: close the quote, an escaped quote, reopen. */
    public static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    /**
     * The remote command line for {@code argv}:
     * {@code [sudo -n] env LC_ALL=C LANG=C "PATH=$PATH:/usr/local/sbin:…" [timeout -s KILL 5.500s] 'argv0' 'argv1' …}.
     * {@code env} fixes the locale (parsers read C-locale messages and numbers) and extends the
     * search path; {@code $PATH} is the only thing the remote shell expands. {@code timeout} (GNU
     * coreutils) kills the command and its children on the host itself, because OpenSSH ignores
     * signal requests for root sessions and a closed channel does not stop a silent process.
     *
     * @param remoteKill when to kill the command remotely, or {@code null} when the host has no {@code timeout}
     */
    public static String commandLine(List<String> argv, boolean sudo, Duration remoteKill) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        List<String> parts = new ArrayList<>();
        if (sudo) {
            // -n: fail at once instead of waiting for a password prompt nobody will answer
            parts.add("sudo -n");
        }
        parts.add("env LC_ALL=C LANG=C \"PATH=$PATH:" + EXTRA_PATH + "\"");
        if (remoteKill != null) {
            long ms = Math.max(1, remoteKill.toMillis());
            parts.add(String.format(Locale.ROOT, "timeout -s KILL %d.%03ds", ms / 1000, ms % 1000));
        }
        for (String a : argv) {
            if (a.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("argument contains a NUL byte");
            }
            parts.add(quote(a));
        }
        return String.join(" ", parts);
    }
}
