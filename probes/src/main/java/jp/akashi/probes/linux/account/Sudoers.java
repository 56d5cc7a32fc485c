package jp.akashi.probes.linux.account;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Pure parser of sudoers (and the files it includes) for the users and groups granted every
 * command ({@code alice ALL=(ALL:ALL) ALL}, {@code %wheel ALL=(ALL) NOPASSWD: ALL}). User_Alias
 * names are expanded; Defaults, other aliases and narrower grants are ignored. A grant limited to
 * named hosts counts unless every host it names is plainly another machine (an administrator list
 * errs on the side of including).
 */
public final class Sudoers {
    private static final int MAX_DEPTH = 8;

    private Sudoers() {
    }

    /**
     * @param users   user names granted ALL (may contain {@code #uid} and the word {@code ALL})
     * @param groups  group names granted ALL ({@code %group})
     * @param grants  the granting lines, for evidence
     * @param files   files read, in order
     * @param nopasswd rules that let someone run commands without their password ({@code NOPASSWD:} tag, or
     *                 {@code Defaults !authenticate}), as {@code file: line}
     */
    public record Result(Set<String> users, Set<String> groups, List<String> grants, List<String> files, List<String> nopasswd) {
    }

    /**
     * @param hostnames this host's names (short and fully qualified), for host-limited grants
     * @param reader    file path → content, null when missing or unreadable
     * @param lister    directory → the paths of the files in it
     */
    public static Result parse(String path, Set<String> hostnames, Function<String, String> reader,
                               Function<String, List<String>> lister) {
        Result r = new Result(new LinkedHashSet<>(), new LinkedHashSet<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        new Parser(reader, lister, r, hostnames).file(path, 0);
        return r;
    }

    private static final class Parser {
        private final Function<String, String> reader;
        private final Function<String, List<String>> lister;
        private final Result r;
        private final Set<String> hostnames;
        private final Map<String, List<String>> userAliases = new HashMap<>();
        private String current = "";

        Parser(Function<String, String> reader, Function<String, List<String>> lister, Result r, Set<String> hostnames) {
            this.reader = reader;
            this.lister = lister;
            this.r = r;
            this.hostnames = hostnames;
        }

        void file(String path, int depth) {
            if (depth > MAX_DEPTH || r.files().contains(path)) {
                return;
            }
            String text = reader.apply(path);
            if (text == null) {
                return;
            }
            r.files().add(path);
            String dir = path.substring(0, Math.max(1, path.lastIndexOf('/')));
            for (String line : logicalLines(text)) {
                String[] inc = line.split("\\s+", 2);
                if (inc.length == 2 && (inc[0].equals("#include") || inc[0].equals("@include"))) {
                    file(resolve(dir, inc[1].strip()), depth + 1);
                } else if (inc.length == 2 && (inc[0].equals("#includedir") || inc[0].equals("@includedir"))) {
                    // sudo skips names with a dot or ending in ~ (editor and package leftovers)
                    for (String f : lister.apply(resolve(dir, inc[1].strip()))) {
                        String name = f.substring(f.lastIndexOf('/') + 1);
                        if (!name.contains(".") && !name.endsWith("~")) {
                            file(f, depth + 1);
                        }
                    }
                } else if (!line.startsWith("#") || line.matches("#\\d+\\s.*=.*")) {
                    // "#1005 ALL=..." names a user by uid; any other # starts a comment
                    current = path;
                    statement(line);
                }
            }
        }

        private static String resolve(String dir, String p) {
            String unq = p.startsWith("\"") && p.endsWith("\"") && p.length() > 1 ? p.substring(1, p.length() - 1) : p;
            return unq.startsWith("/") ? unq : dir + "/" + unq;
        }

        private static List<String> logicalLines(String text) {
            List<String> out = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            for (String raw : text.split("\\R")) {
                String s = raw.strip();
                if (s.endsWith("\\")) {
                    cur.append(s, 0, s.length() - 1).append(' ');
                    continue;
                }
                cur.append(s);
                String line = cur.toString().strip();
                cur.setLength(0);
                if (!line.isEmpty()) {
                    out.add(line);
                }
            }
            return out;
        }

        private void statement(String line) {
            // a comment after the statement
            int hash = line.indexOf(" #");
            if (hash > 0) {
                line = line.substring(0, hash).strip();
            }
            if (line.startsWith("Defaults") && line.matches("Defaults\\S*\\s.*!\\s*authenticate\\b.*")) {
                r.nopasswd().add(current + ": " + line);
            }
            if (line.startsWith("Defaults") || line.startsWith("Host_Alias") || line.startsWith("Runas_Alias")
                    || line.startsWith("Cmnd_Alias") || line.startsWith("Cmd_Alias")) {
                return;
            }
            if (line.startsWith("User_Alias")) {
                for (String def : line.substring("User_Alias".length()).split(":")) {
                    String[] kv = def.split("=", 2);
                    if (kv.length == 2) {
                        userAliases.put(kv[0].strip(), splitList(kv[1]));
                    }
                }
                return;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                return;
            }
            String[] left = line.substring(0, eq).replaceAll("\\s*,\\s*", ",").strip().split("\\s+");
            if (left.length >= 2 && line.substring(eq + 1).matches(".*\\bNOPASSWD\\s*:.*") && mayApplyHere(left[1])) {
                r.nopasswd().add(current + ": " + line);
            }
            if (left.length < 2 || !grantsAll(line.substring(eq + 1)) || !mayApplyHere(left[1])) {
                return;
            }
            r.grants().add(line);
            for (String u : left[0].split(",")) {
                add(u, 0);
            }
        }

        private void add(String user, int depth) {
            if (user.isEmpty() || user.startsWith("!") || user.startsWith("+") || user.startsWith("%:")) {
                return;
            }
            if (user.startsWith("%")) {
                r.groups().add(user.substring(1));
            } else if (userAliases.containsKey(user) && depth < MAX_DEPTH) {
                for (String u : userAliases.get(user)) {
                    add(u, depth + 1);
                }
            } else {
                r.users().add(user);
            }
        }

        /** False only when every host named is a plain name or address that is not this host. */
        private boolean mayApplyHere(String hostList) {
            if (hostnames.isEmpty()) {
                return true;
            }
            for (String host : hostList.split(",")) {
                boolean plain = host.matches("[a-z0-9][a-z0-9.-]*") && !host.equals("ALL");
                if (!plain || hostnames.contains(host.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
            return false;
        }

        /** Whether the command part lets the user run anything: {@code (ALL:ALL) NOPASSWD: ALL}. */
        private static boolean grantsAll(String spec) {
            String s = spec.strip();
            if (s.startsWith("(")) {
                int close = s.indexOf(')');
                s = close < 0 ? "" : s.substring(close + 1).strip();
            }
            s = s.replaceAll("\\b[A-Z_]+:\\s*", "");
            for (String cmd : s.split("[,:]")) {
                if (cmd.strip().equals("ALL")) {
                    return true;
                }
            }
            return false;
        }

        private static List<String> splitList(String s) {
            List<String> out = new ArrayList<>();
            for (String p : s.split(",")) {
                if (!p.isBlank()) {
                    out.add(p.strip());
                }
            }
            return out;
        }
    }
}
