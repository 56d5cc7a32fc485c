package jp.akashi.probes.linux.log;

import java.util.ArrayList;
import java.util.List;

/**
 * Pure reading of audit rule files ({@code /etc/audit/rules.d/*.rules}, {@code audit.rules}): the
 * lines that are rules ({@code -a}/{@code -A} syscall rules, {@code -w} watches), not the control
 * lines every default file has ({@code -D}, {@code -b 8192}, {@code -f 1}, {@code -e 2},
 * {@code --backlog_wait_time}).
 */
final class AuditRules {
    private AuditRules() {
    }

    static List<String> rules(String text) {
        List<String> out = new ArrayList<>();
        for (String raw : text == null ? new String[0] : text.split("\\R")) {
            String line = raw.strip();
            if (line.matches("^-[aAw]\\s+\\S.*")) {
                out.add(line);
            }
        }
        return out;
    }
}
