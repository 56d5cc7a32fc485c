package jp.akashi.probes.linux.patch;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure parser of {@code apt list --upgradable} (run with LC_ALL=C):
 * {@code openssl/jammy-updates,jammy-security 3.0.2-0ubuntu1.15 amd64 [upgradable from: 3.0.2-0ubuntu1.14]}.
 * The suites are the archives that carry the candidate version; a candidate published in a
 * {@code -security} archive (Debian {@code bookworm-security}/{@code oldstable-security}, Ubuntu
 * {@code jammy-security}, Ubuntu Pro {@code jammy-infra-security}) is a security update.
 */
public final class AptUpgradable {
    private static final Pattern LINE = Pattern.compile(
            "^(\\S+?)/(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+\\[upgradable from: ([^\\]]+)]\\s*$");

    private AptUpgradable() {
    }

    /** One upgradable package. */
    public record Upgrade(String name, List<String> suites, String version, String arch, String installed) {
        public boolean security() {
            return suites.stream().anyMatch(s -> s.endsWith("-security"));
        }

        public String line() {
            return name + "/" + String.join(",", suites) + " " + version + " " + arch + " [upgradable from: " + installed + "]";
        }
    }

    /** Parsed output; {@code unparsed} counts package lines ("upgradable from") the parser did not understand. */
    public record Result(List<Upgrade> upgrades, int unparsed) {
        public List<Upgrade> security() {
            return upgrades.stream().filter(Upgrade::security).toList();
        }
    }

    public static Result parse(String text) {
        List<Upgrade> out = new ArrayList<>();
        int unparsed = 0;
        for (String raw : text == null ? new String[0] : text.split("\\R")) {
            String line = raw.strip();
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                out.add(new Upgrade(m.group(1), List.of(m.group(2).split(",")), m.group(3), m.group(4), m.group(5).strip()));
            } else if (line.contains("upgradable from")) {
                unparsed++;
            }
        }
        return new Result(out, unparsed);
    }
}
