package jp.akashi.probes.windows.time;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The synchronisation state in {@code w32tm /query /status}. Its labels are in the display language
 * (「閏インジケーター」, "Leap Indicator"), but its first two lines always carry the leap indicator
 * and the stratum as numbers, so the state is read from the numbers, never from the words: leap
 * indicator 3 ("not synchronized") or stratum 0 (unspecified) or 16 (unsynchronised) mean the
 * clock is not synchronised; 0–2 with a stratum of 1–15 mean it is.
 *
 * @param leapIndicator 0–3
 * @param stratum       0–16
 * @param source        the time source as printed (a server name, "Local CMOS Clock"), or null
 */
public record W32tmStatus(int leapIndicator, int stratum, String source) {
    /** "label: 3(not synchronized)" or "label: 0 (警告なし)": a label, a colon (half or full width) and the number. */
    private static final Pattern NUMBERED = Pattern.compile("^\\s*[^:：]+[:：]\\s*(-?\\d+)\\s*(?:\\(.*)?$");
    private static final Pattern LABELLED = Pattern.compile("^\\s*([^:：]+)[:：]\\s*(.*)$");

    public boolean synchronizedClock() {
        return leapIndicator != 3 && stratum >= 1 && stratum <= 15;
    }

    /**
     * The state from the tool's output lines; empty when the first two labelled lines are not the
     * leap indicator and the stratum as numbers in range (an error text, another tool's output).
     */
    public static Optional<W32tmStatus> parse(List<String> lines) {
        List<String> labelled = lines.stream().filter(l -> l != null && LABELLED.matcher(l).matches()).toList();
        if (labelled.size() < 2) {
            return Optional.empty();
        }
        Integer leap = number(labelled.get(0));
        Integer stratum = number(labelled.get(1));
        if (leap == null || stratum == null || leap < 0 || leap > 3 || stratum < 0 || stratum > 16) {
            return Optional.empty();
        }
        // the source is the eighth line in every version seen; without one the state still stands
        String source = null;
        if (labelled.size() >= 8) {
            Matcher m = LABELLED.matcher(labelled.get(7));
            if (m.matches()) {
                source = m.group(2).strip();
            }
        }
        return Optional.of(new W32tmStatus(leap, stratum, source == null || source.isEmpty() ? null : source));
    }

    private static Integer number(String line) {
        Matcher m = NUMBERED.matcher(line);
        if (!m.matches()) {
            return null;
        }
        try {
            return Integer.valueOf(m.group(1));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
