package jp.akashi.probes.host;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import jp.akashi.probes.util.Hashes;

/**
 * A read-only command whose answer depends only on files it reads (apt's package lists and the
 * dpkg database for {@code apt list --upgradable}): its last answer is reused while every input
 * has the size and modification time it had, as make and rsync decide. It runs again when an
 * input changed, appeared or vanished, when the last run is older than {@code maxAge}, when an
 * input was modified less than {@link #RACY} before the last run (it may have changed again
 * within the same clock tick, the "racy timestamp" case git guards against), or when the clock
 * went back. Only answers are kept (exit 0 unless the caller says otherwise); a failure is never reused.
 */
public final class StampedCommand {
    /** An input modified this close to (or after) the last run is not trusted to be unchanged. */
    public static final Duration RACY = Duration.ofSeconds(2);

    /** One input: a file (its size and mtime) or a directory's entries down to {@code depth} levels. */
    public record Input(String path, int depth) {
        public static Input file(String path) {
            return new Input(path, 0);
        }

        public static Input dir(String path, int depth) {
            return new Input(path, depth);
        }
    }

    /** The result, when it ran (now or earlier), whether it was reused, and how many paths the stamp covers. */
    public record Outcome(CommandResult result, Instant ranAt, boolean reused, int inputs) {
        /** One line for the evidence: where the answer came from. */
        public String note() {
            return reused ? "output of " + result.command() + " at " + ranAt + ", reused: its " + inputs
                    + " input files and directories are unchanged since (size and modification time)" : null;
        }

        /** {@link #note()} as the first line of an evidence excerpt, or nothing when the command ran now. */
        public String excerptPrefix() {
            return reused ? "# " + note() + "\n" : "";
        }
    }

    private StampedCommand() {
    }

    public static Outcome run(HostAccess h, CommandMemo memo, Clock clock, List<String> argv, Duration timeout,
                              List<Input> inputs, Duration maxAge) {
        return run(h, memo, clock, argv, timeout, inputs, maxAge, CommandResult::succeeded);
    }

    /** @param answered which results are answers to keep (dnf check-update exits 100 when updates are pending) */
    public static Outcome run(HostAccess h, CommandMemo memo, Clock clock, List<String> argv, Duration timeout,
                              List<Input> inputs, Duration maxAge, Predicate<CommandResult> answered) {
        if (memo == CommandMemo.NONE) {
            // nothing kept between runs (SSH, --fresh, a refresh): no stamp to take, which over SSH is a round trip per input
            Instant ranAt = clock.instant();
            return new Outcome(h.exec(argv, timeout), ranAt, false, 0);
        }
        String key = String.join("\u0000", argv);
        List<FileEntry> seen = new ArrayList<>();
        String stamp = stamp(h, inputs, seen);
        Instant now = clock.instant();
        Optional<CommandMemo.Entry> last = memo.recall(key);
        if (last.isPresent() && last.get().result() != null && answered.test(last.get().result())
                && reusable(last.get(), stamp, seen, now, maxAge)) {
            return new Outcome(last.get().result(), last.get().ranAt(), true, seen.size());
        }
        CommandResult r = h.exec(argv, timeout);
        if (answered.test(r) && !r.timedOut() && r.problem() == null) {
            memo.remember(key, new CommandMemo.Entry(stamp, now, r));
        }
        return new Outcome(r, now, false, seen.size());
    }

    private static boolean reusable(CommandMemo.Entry e, String stamp, List<FileEntry> seen, Instant now, Duration maxAge) {
        if (!e.stamp().equals(stamp) || e.ranAt().isAfter(now) || Duration.between(e.ranAt(), now).compareTo(maxAge) > 0) {
            return false;
        }
        Instant racyFrom = e.ranAt().minus(RACY);
        return seen.stream().noneMatch(f -> f.modified() != null && !f.modified().isBefore(racyFrom));
    }

    /** SHA-256 over every input path with its type, size and mtime (a missing path counts as "absent"). */
    static String stamp(HostAccess h, List<Input> inputs, List<FileEntry> seen) {
        StringBuilder s = new StringBuilder();
        for (Input in : inputs) {
            Optional<FileEntry> top = h.stat(in.path());
            if (top.isEmpty()) {
                s.append(in.path()).append("\tabsent\n");
                continue;
            }
            add(s, seen, top.get());
            if (top.get().directory() && in.depth() > 0) {
                walk(h, in.path(), in.depth(), s, seen);
            }
        }
        return Hashes.sha256Hex(s.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void walk(HostAccess h, String dir, int depth, StringBuilder s, List<FileEntry> seen) {
        for (FileEntry e : h.list(dir)) {
            add(s, seen, e);
            if (e.directory() && depth > 1) {
                walk(h, e.path(), depth - 1, s, seen);
            }
        }
    }

    private static void add(StringBuilder s, List<FileEntry> seen, FileEntry e) {
        seen.add(e);
        s.append(e.path()).append('\t').append(e.directory() ? 'd' : 'f').append('\t').append(e.size())
                .append('\t').append(e.modified()).append('\n');
    }
}
