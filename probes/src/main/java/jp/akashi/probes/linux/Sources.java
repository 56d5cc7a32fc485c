package jp.akashi.probes.linux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.akashi.probes.host.CommandResult;
import jp.akashi.probes.host.FileEntry;
import jp.akashi.probes.host.FileRead;
import jp.akashi.probes.host.HostAccess;
import jp.akashi.probes.model.Evidence;

/** Small helpers every Linux probe uses to read the host and to cite what it read. */
public final class Sources {
    /** Timeout for quick local commands (ps, ss, dpkg-query, systemctl is-enabled). */
    public static final Duration QUICK = Duration.ofSeconds(5);
    /** Timeout for commands that load package metadata (apt, dnf, rpm). */
    public static final Duration SLOW = Duration.ofSeconds(10);
    /** Enough of a configuration file; longer ones are unusual and read truncated. */
    public static final int CONFIG_BYTES = 512 * 1024;

    private Sources() {
    }

    public static Evidence of(CommandResult r) {
        return Evidence.of("cmd:" + r.command(), r.stdout());
    }

    public static Evidence of(CommandResult r, String excerpt) {
        return Evidence.of("cmd:" + r.command(), r.stdout(), excerpt);
    }

    public static Evidence of(FileRead f) {
        return Evidence.of("file:" + f.path(), f.content());
    }

    public static Evidence of(FileRead f, String excerpt) {
        return Evidence.of("file:" + f.path(), f.content(), excerpt);
    }

    public static CommandResult run(HostAccess h, Duration timeout, String... argv) {
        return h.exec(List.of(argv), timeout);
    }

    public static FileRead config(HostAccess h, String path) {
        return h.read(path, CONFIG_BYTES);
    }

    /**
     * The regular files of {@code dir} whose names end with {@code suffix}, in name order, read
     * as configuration. Names a tool would skip (hidden, editor backups, package-manager leftovers)
     * are left out.
     */
    public static List<FileRead> dropIns(HostAccess h, String dir, String suffix) {
        List<FileRead> out = new ArrayList<>();
        for (FileEntry e : h.list(dir)) {
            String n = e.name();
            if (e.directory() || n.startsWith(".") || !n.endsWith(suffix) || isLeftover(n)) {
                continue;
            }
            out.add(config(h, e.path()));
        }
        return out;
    }

    /** Editor backups and package-manager leftovers that configuration loaders ignore. */
    public static boolean isLeftover(String name) {
        return name.endsWith("~") || name.endsWith(".bak") || name.endsWith(".swp")
                || name.matches(".*\\.(dpkg-(old|new|dist|bak|tmp)|ucf-(old|new|dist)|rpm(new|save|orig))$");
    }

    /** Newest modification time among the paths that exist. */
    public static Optional<FileEntry> newest(HostAccess h, List<String> paths) {
        FileEntry best = null;
        for (String p : paths) {
            Optional<FileEntry> e = h.stat(p);
            if (e.isPresent() && e.get().modified() != null
                    && (best == null || e.get().modified().isAfter(best.modified()))) {
                best = e.get();
            }
        }
        return Optional.ofNullable(best);
    }

    /** The lines of {@code text} matching {@code regex} (for evidence excerpts). */
    public static String lines(String text, String regex) {
        if (text == null) {
            return "";
        }
        Pattern p = Pattern.compile(regex);
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\\R")) {
            Matcher m = p.matcher(line);
            if (m.find()) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    /** A shell glob ({@code *}, {@code ?}, not crossing /) as a regular expression; everything else is literal. */
    public static Pattern glob(String g) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : g.toCharArray()) {
            if (c == '*' || c == '?') {
                re.append(Pattern.quote(literal.toString())).append(c == '*' ? "[^/]*" : "[^/]");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        return Pattern.compile(re.append(Pattern.quote(literal.toString())).toString());
    }

    /** Text without lines that are blank or start with {@code #} (for compact excerpts). */
    public static String withoutComments(String text) {
        return lines(text, "^\\s*[^#\\s]");
    }
}
