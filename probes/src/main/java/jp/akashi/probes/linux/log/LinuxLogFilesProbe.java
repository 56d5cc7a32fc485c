package jp.akashi.probes.linux.log;

import java.util.ArrayList;
import java.util.List;

import jp.akashi.probes.api.FactSink;
import jp.akashi.probes.api.PlatformProbe;
import jp.akashi.probes.api.ProbeContext;
import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.linux.Sources;

/**
 * {@code log.files.world_readable}: the regular files under {@code /var/log} (three levels, one
 * file system) that every local user can read, from GNU find. Which of them may be (wtmp, lastlog)
 * is the check's parameter, not the probe's choice.
 */
public final class LinuxLogFilesProbe extends PlatformProbe {
    static final String KEY = "log.files.world_readable";
    static final List<String> FIND = List.of("find", "/var/log", "-xdev", "-maxdepth", "3", "-type", "f", "-perm", "-0004", "-printf", "%m %p\\n");
    /** At most this many paths are reported (a count beyond it is in the evidence). */
    static final int MAX = 200;

    public LinuxLogFilesProbe() {
        super("linux.log.files", ProbeContext.LINUX, List.of(KEY));
    }

    @Override
    public void collect(ProbeContext ctx, FactSink out) {
        CommandResult r = ctx.host().exec(FIND, Sources.QUICK);
        // find exits 1 when some directories could not be read, after printing what it could
        if (!r.succeeded() && !(r.exitCode() == 1 && !r.timedOut() && !r.stdout().isEmpty() && ctx.host().privileged())) {
            out.failed(r, KEY);
            return;
        }
        List<String> paths = parse(r.stdout());
        List<String> shown = new ArrayList<>(paths.subList(0, Math.min(MAX, paths.size())));
        out.ok(KEY, shown, Sources.of(r, paths.isEmpty() ? "# no world-readable file under /var/log"
                : String.join("\n", r.stdout().lines().limit(50).toList()) + (paths.size() > 50 ? "\n# … " + paths.size() + " in all" : "")));
    }

    /** Pure: the paths of {@code find -printf '%m %p\n'} output, sorted. */
    static List<String> parse(String text) {
        List<String> out = new ArrayList<>();
        for (String raw : text == null ? new String[0] : text.split("\\R")) {
            String line = raw.strip();
            int sp = line.indexOf(' ');
            if (sp > 0 && line.substring(0, sp).matches("[0-7]{3,4}") && line.startsWith("/", sp + 1)) {
                out.add(line.substring(sp + 1));
            }
        }
        out.sort(null);
        return out;
    }
}
