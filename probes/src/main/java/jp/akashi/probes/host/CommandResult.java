package jp.akashi.probes.host;

import java.time.Duration;

import jp.akashi.probes.model.ProbeMessages;
import jp.akashi.probes.model.MessageCode;

/**
 * The outcome of one command. {@code exitCode} is -1 when the command could not be started or
 * timed out; {@code problem} then says why in one line.
 */
public record CommandResult(String command, int exitCode, String stdout, String stderr,
                            boolean timedOut, Duration elapsed, String problem) {

    /** Exit code 0, not timed out, started. */
    public boolean succeeded() {
        return exitCode == 0 && !timedOut && problem == null;
    }

    /** Whether the command itself is not present on the host (exit 127, or the launcher said so). */
    public boolean notFound() {
        return exitCode == 127 || (problem != null && problem.startsWith("not found"));
    }

    /** One line for an error fact: what ran and how it ended. */
    public String describeFailure() {
        if (timedOut) {
            return "command timed out after " + elapsed.toMillis() + " ms: " + command;
        }
        if (problem != null) {
            return problem + ": " + command;
        }
        String err = firstErrorLine();
        return "exit " + exitCode + (err.isEmpty() ? "" : " (" + err + ")") + ": " + command;
    }

    /** {@link #describeFailure()} as a catalog message, so that it can be shown in the reader's language. */
    public MessageCode failureCode() {
        if (timedOut) {
            return ProbeMessages.code("fact.command_timeout", elapsed.toMillis(), command);
        }
        if (problem != null) {
            return ProbeMessages.code("fact.command_problem", problem, command);
        }
        String err = firstErrorLine();
        return err.isEmpty() ? ProbeMessages.code("fact.command_exit", exitCode, command)
                : ProbeMessages.code("fact.command_exit_stderr", exitCode, err, command);
    }

    /** The first line of stderr, at most 200 characters: enough to say why, short enough to show. */
    private String firstErrorLine() {
        String err = stderr == null ? "" : stderr.strip();
        int nl = err.indexOf('\n');
        if (nl > 0) {
            err = err.substring(0, nl);
        }
        return err.length() > 200 ? err.substring(0, 200) : err;
    }
}
