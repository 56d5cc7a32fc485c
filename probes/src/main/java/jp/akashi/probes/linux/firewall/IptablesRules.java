package jp.akashi.probes.linux.firewall;

import java.util.ArrayList;
import java.util.List;

/**
 * Pure parser of {@code iptables -S INPUT} / {@code ip6tables -S INPUT}: {@code -P INPUT DROP} and
 * {@code -A INPUT ...} lines. Unaccepted traffic is denied when the policy is DROP or the chain ends
 * in an unconditional {@code -j DROP} / {@code -j REJECT} (the RHEL 7 style).
 */
public final class IptablesRules {
    private IptablesRules() {
    }

    /** The chain as read: its policy and its rules. Null policy means the output was not iptables'. */
    public record Chain(String policy, List<String> rules) {
        public boolean inCharge() {
            return !"ACCEPT".equals(policy) || !rules.isEmpty();
        }

        public boolean denies() {
            if ("DROP".equals(policy)) {
                return true;
            }
            if (rules.isEmpty()) {
                return false;
            }
            String last = rules.get(rules.size() - 1).replaceAll("-m comment --comment (\"[^\"]*\"|\\S+) ", "");
            return last.matches("-A INPUT -j (DROP|REJECT)( --reject-with \\S+)?");
        }
    }

    public static Chain parse(String text) {
        String policy = null;
        List<String> rules = new ArrayList<>();
        for (String raw : text == null ? new String[0] : text.split("\\R")) {
            String line = raw.strip();
            if (line.startsWith("-P INPUT ")) {
                policy = line.substring("-P INPUT ".length()).strip();
            } else if (line.startsWith("-A INPUT ")) {
                rules.add(line);
            }
        }
        return policy == null ? null : new Chain(policy, rules);
    }
}
