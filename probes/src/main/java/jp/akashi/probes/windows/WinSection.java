package jp.akashi.probes.windows;

import static jp.akashi.probes.model.ProbeMessages.code;

import com.fasterxml.jackson.databind.JsonNode;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.model.Evidence;
import jp.akashi.probes.model.MessageCode;

/**
 * One section of a PowerShell run: its data, or why it has none. Evidence cites the section's
 * JSON as excerpt and hashes the whole output it came from.
 *
 * @param elevated whether the script ran as Administrator ({@code null}: unknown); failure
 *                 messages say so because many sources need it
 */
public record WinSection(String name, JsonNode data, String problem, CommandResult failedRun,
                         String source, String fullOutput, Boolean elevated) {

    static WinSection ok(String name, JsonNode data, String source, String full, Boolean elevated) {
        return new WinSection(name, data, null, null, source, full, elevated);
    }

    static WinSection failed(String name, String problem, String source, String full, Boolean elevated) {
        return new WinSection(name, null, problem, null, source, full, elevated);
    }

    static WinSection runFailed(String name, CommandResult r) {
        return new WinSection(name, null, null, r, "cmd:" + r.command(), r.stdout(), null);
    }

    public boolean ok() {
        return data != null;
    }

    public Evidence evidence() {
        String excerpt = data == null ? (fullOutput == null ? "" : fullOutput) : data.toString();
        return Evidence.of(source + "#" + name, fullOutput == null ? "" : fullOutput, excerpt);
    }

    /** Why this section is unusable, with a hint when the script lacked Administrator rights. */
    public String message() {
        if (failedRun != null) {
            return failedRun.describeFailure();
        }
        return problem + (Boolean.FALSE.equals(elevated) ? " (the agent does not run as Administrator)" : "");
    }

    /** {@link #message()} as a catalog message (the section's problem itself is the script's raw text). */
    public MessageCode messageCode() {
        if (failedRun != null) {
            return failedRun.failureCode();
        }
        return Boolean.FALSE.equals(elevated) ? code("win.section_problem_not_admin", problem) : code("win.section_problem", problem);
    }

    /** Records every key as not readable from this section (unsupported when PowerShell itself is missing). */
    public void fail(FactSink out, String... keys) {
        if (failedRun != null) {
            out.failed(failedRun, keys);
            return;
        }
        for (String k : keys) {
            out.error(k, messageCode(), evidence());
        }
    }

    /** Records {@code value} for {@code key}, or an error saying {@code missing} when it is {@code null}. */
    public void put(FactSink out, String key, Object value, String missing) {
        if (value == null) {
            malformed(out, key, missing);
        } else {
            out.ok(key, value, evidence());
        }
    }

    /** Records {@code key} as an error caused by this section's content. */
    public void malformed(FactSink out, String key, String why) {
        out.error(key, code("win.section_malformed", name, why), evidence());
    }
}
