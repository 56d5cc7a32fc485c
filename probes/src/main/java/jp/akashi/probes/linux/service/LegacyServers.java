package jp.akashi.probes.linux.service;

import java.util.List;

/**
 * Packages of plain-text remote-login and file-transfer servers that have no place on a current
 * host (Debian/Ubuntu and RHEL-family names), and the programs that block brute-force logins.
 */
public final class LegacyServers {
    /** telnet, rsh/rlogin/rexec, tftp, talk and NIS servers. */
    public static final List<String> PACKAGES = List.of("telnetd", "inetutils-telnetd", "telnetd-ssl", "telnet-server", "rsh-server",
            "rsh-redone-server", "inetutils-rsh-server", "rlogin-server", "tftpd", "tftpd-hpa", "atftpd", "tftp-server", "talkd",
            "inetutils-talkd", "talk-server", "ypserv", "nis");
    /** Programs that ban sources after failed logins, by process file name. */
    public static final List<String> BRUTE_FORCE_BLOCKERS = List.of("fail2ban-server", "sshguard", "crowdsec", "denyhosts");

    /** {@code pgrep -a -f}: pid and arguments of the processes whose command line names a blocker. */
    public static final List<String> PGREP = List.of("pgrep", "-a", "-f", "fail2ban-server|sshguard|crowdsec|denyhosts");

    private LegacyServers() {
    }

    /** The product name of a blocker's process (fail2ban-server → fail2ban). */
    public static String product(String process) {
        return process.equals("fail2ban-server") ? "fail2ban" : process;
    }

    /**
     * Pure reading of {@code pgrep -a} (or {@code ps -e -o args=}; a leading pid is skipped): the blockers that run, as products. fail2ban and denyhosts are
     * Python scripts, so their name is the second word ({@code /usr/bin/python3 /usr/bin/fail2ban-server}).
     */
    public static List<String> blockersRunning(String psArgs) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (String raw : psArgs == null ? new String[0] : psArgs.split("\\R")) {
            String[] words = raw.strip().replaceFirst("^\\d+\\s+", "").split("\\s+", 3);
            for (int i = 0; i < Math.min(2, words.length); i++) {
                String name = words[i].substring(words[i].lastIndexOf('/') + 1);
                if (BRUTE_FORCE_BLOCKERS.contains(name)) {
                    out.add(product(name));
                }
            }
        }
        return List.copyOf(out);
    }
}
