package jp.akashi.probes.linux.firewall;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure parser of {@code nft list ruleset} for its input hooks. Traffic nothing accepts is dropped
 * when an input base chain has {@code policy drop} or ends in an unconditional drop/reject. IPv4 is
 * covered by ip and inet tables, IPv6 by ip6 and inet; the host denies by default only when both
 * are covered. Tables that iptables-nft manages are left to the iptables reading.
 */
public final class NftRuleset {
    private static final Pattern TABLE = Pattern.compile("^table (\\S+) (\\S+) \\{");
    private static final Pattern CHAIN = Pattern.compile("^chain (\\S+) \\{");
    private static final Pattern HOOK = Pattern.compile("type filter hook input priority [^;]+;(?:\\s*policy (\\w+);)?");
    private static final Pattern DECORATION = Pattern.compile(
            "\\bcounter( packets \\d+ bytes \\d+)?|\\blog( prefix \"[^\"]*\")?( level \\w+)?|\\bcomment \"[^\"]*\"");

    private NftRuleset() {
    }

    /** One input base chain. */
    public record InputChain(String family, String table, String chain, String policy, String lastRule) {
        boolean denies() {
            return "drop".equals(policy) || (lastRule != null && unconditionalDrop(lastRule));
        }

        boolean v4() {
            return family.equals("ip") || family.equals("inet");
        }

        boolean v6() {
            return family.equals("ip6") || family.equals("inet");
        }
    }

    public static List<InputChain> inputChains(String text) {
        List<InputChain> out = new ArrayList<>();
        String family = null;
        String table = null;
        boolean iptablesTable = false;
        String pendingWarning = null;
        String chain = null;
        String policy = null;
        boolean input = false;
        String last = null;
        int depth = 0;
        for (String raw : text == null ? new String[0] : text.split("\\R")) {
            String line = raw.strip();
            if (line.startsWith("# Warning: table") && line.contains("managed by iptables-nft")) {
                pendingWarning = line;
                continue;
            }
            Matcher t = TABLE.matcher(line);
            if (depth == 0 && t.find()) {
                family = t.group(1);
                table = t.group(2);
                iptablesTable = pendingWarning != null && pendingWarning.contains("table " + family + " " + table + " ");
                pendingWarning = null;
                depth = 1;
                continue;
            }
            Matcher c = CHAIN.matcher(line);
            if (depth == 1 && c.find()) {
                chain = c.group(1);
                policy = null;
                input = false;
                last = null;
                depth = 2;
                continue;
            }
            if (depth >= 2) {
                Matcher hk = HOOK.matcher(line);
                if (depth == 2 && hk.find()) {
                    input = true;
                    policy = hk.group(1) == null ? "accept" : hk.group(1);
                    continue;
                }
            }
            depth += count(line, '{') - count(line, '}');
            if (depth == 1 && chain != null) {
                if (input && !iptablesTable) {
                    out.add(new InputChain(family, table, chain, policy, last));
                }
                chain = null;
            } else if (depth == 2 && !line.isEmpty() && !line.endsWith("{") && !line.equals("}")) {
                last = line;
            }
            if (depth <= 0) {
                depth = 0;
                family = null;
            }
        }
        return out;
    }

    /** ufw, firewalld and hand-written rulesets all end a chain this way: "counter drop", "reject with icmpx …". */
    static boolean unconditionalDrop(String rule) {
        String r = DECORATION.matcher(rule).replaceAll(" ").strip().replaceAll("\\s+", " ");
        return r.equals("drop") || r.equals("reject") || r.startsWith("reject with ");
    }

    /** The verdict of the whole ruleset; null when it has no input base chain (nftables is not in charge). */
    public static FirewallState state(String text) {
        List<InputChain> chains = inputChains(text);
        if (chains.isEmpty()) {
            return null;
        }
        boolean v4 = chains.stream().anyMatch(c -> c.v4() && c.denies());
        boolean v6 = chains.stream().anyMatch(c -> c.v6() && c.denies());
        StringBuilder how = new StringBuilder();
        for (InputChain c : chains) {
            how.append("table ").append(c.family()).append(' ').append(c.table()).append(" chain ").append(c.chain())
                    .append(": policy ").append(c.policy()).append(c.lastRule() == null ? "" : ", last rule: " + c.lastRule()).append('\n');
        }
        how.append("IPv4 ").append(v4 ? "denied" : "allowed").append(" by default, IPv6 ").append(v6 ? "denied" : "allowed");
        return new FirewallState(true, v4 && v6 ? "deny" : "allow", how.toString());
    }

    private static int count(String s, char ch) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ch) {
                n++;
            }
        }
        return n;
    }
}
