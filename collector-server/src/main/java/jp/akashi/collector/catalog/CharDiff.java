package jp.akashi.collector.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * A character diff of two texts (longest common subsequence over code points), as runs of kept,
 * removed and inserted text. Criterion texts are at most a few thousand characters; past
 * {@link #MAX_CELLS} the diff is one removal and one insertion rather than a large table.
 */
public final class CharDiff {
    static final long MAX_CELLS = 4_000_000L;

    private CharDiff() {
    }

    /** One run: {@code op} is "=" (in both), "-" (only in the old text) or "+" (only in the new one). */
    public record Run(String op, String text) {
        /** Only in the old text (templates cannot compare one-character strings in OGNL). */
        public boolean removed() {
            return "-".equals(op);
        }

        public boolean inserted() {
            return "+".equals(op);
        }

        public boolean kept() {
            return "=".equals(op);
        }
    }

    public static List<Run> of(String before, String after) {
        int[] a = (before == null ? "" : before).codePoints().toArray();
        int[] b = (after == null ? "" : after).codePoints().toArray();
        int prefix = 0;
        while (prefix < a.length && prefix < b.length && a[prefix] == b[prefix]) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.length - prefix && suffix < b.length - prefix
                && a[a.length - 1 - suffix] == b[b.length - 1 - suffix]) {
            suffix++;
        }
        List<Run> out = new ArrayList<>();
        add(out, "=", a, 0, prefix);
        int n = a.length - prefix - suffix;
        int m = b.length - prefix - suffix;
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            add(out, "-", a, prefix, prefix + n);
            add(out, "+", b, prefix, prefix + m);
        } else {
            middle(out, a, prefix, n, b, prefix, m);
        }
        add(out, "=", a, a.length - suffix, a.length);
        return List.copyOf(out);
    }

    private static void middle(List<Run> out, int[] a, int ao, int n, int[] b, int bo, int m) {
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a[ao + i] == b[bo + j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[ao + i] == b[bo + j]) {
                append(out, "=", a[ao + i]);
                i++;
                j++;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                // removals before insertions, as diffs are read
                append(out, "-", a[ao + i]);
                i++;
            } else {
                append(out, "+", b[bo + j]);
                j++;
            }
        }
    }

    private static void add(List<Run> out, String op, int[] cps, int from, int to) {
        for (int k = from; k < to; k++) {
            append(out, op, cps[k]);
        }
    }

    private static void append(List<Run> out, String op, int cp) {
        String ch = new String(Character.toChars(cp));
        if (!out.isEmpty() && out.get(out.size() - 1).op().equals(op)) {
            Run last = out.remove(out.size() - 1);
            out.add(new Run(op, last.text() + ch));
        } else {
            out.add(new Run(op, ch));
        }
    }
}
