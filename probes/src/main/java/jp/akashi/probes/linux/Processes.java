package jp.akashi.probes.linux;

import java.util.ArrayList;
import java.util.List;

import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.HostAccess;

/**
 * The programs running on the host, as the paths their processes were started from
 * ({@code ps -e -o args=}, first word). Kernel threads are left out.
 *
 * @param source the ps run; when it failed, {@link #ok()} is false and the list is empty
 */
public record Processes(List<String> programs, CommandResult source) {

    public static Processes read(HostAccess h) {
        CommandResult r = h.exec(List.of("ps", "-e", "-o", "args="), Sources.QUICK);
        return new Processes(r.succeeded() ? parse(r.stdout()) : List.of(), r);
    }

    public boolean ok() {
        return source.succeeded();
    }

    /** Pure parser of {@code ps -e -o args=} output. */
    public static List<String> parse(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("[")) {
                continue;
            }
            String first = line.split("\\s+", 2)[0];
            // "sshd: root@pts/0" and similar rewritten titles end the name with a colon
            if (first.endsWith(":")) {
                first = first.substring(0, first.length() - 1);
            }
            out.add(first);
        }
        return out;
    }

    /** Whether a process runs whose program's file name is {@code name}. */
    public boolean running(String name) {
        return programs.stream().anyMatch(p -> p.equals(name) || p.endsWith("/" + name));
    }

    /** Whether a process runs a program from under {@code dir} (e.g. {@code /opt/CrowdStrike/}). */
    public boolean runningUnder(String dir) {
        String prefix = dir.endsWith("/") ? dir : dir + "/";
        return programs.stream().anyMatch(p -> p.startsWith(prefix));
    }
}
