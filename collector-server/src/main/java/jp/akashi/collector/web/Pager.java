package jp.akashi.collector.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Page numbers for a list that is paginated in SQL (LIMIT/OFFSET): which rows this page shows
 * and links to its neighbours that keep the list's filters.
 *
 * @param page   1-based page number
 * @param params the filters to keep in the links (blank ones are left out)
 */
public record Pager(int page, int size, long total, String base, String param, Map<String, String> params) {
    /** Far enough for any real inventory; stops absurd offsets from reaching the database. */
    static final int MAX_PAGE = 100_000;

    /** The page number from a request parameter: 1 when absent or nonsense. */
    static int pageNumber(Integer requested) {
        return requested == null || requested < 1 ? 1 : Math.min(requested, MAX_PAGE);
    }

    static Pager of(int page, int size, long total, String base, String param, Map<String, String> params) {
        return new Pager(page, size, total, base, param, params == null ? Map.of() : new LinkedHashMap<>(params));
    }

    int offset() {
        return (page - 1) * size;
    }

    public long pages() {
        return Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrev() {
        return page > 1;
    }

    public boolean hasNext() {
        return (long) page * size < total;
    }

    /** First row shown (1-based); 0 when the list is empty. */
    public long from() {
        return total == 0 ? 0 : Math.min(total, (long) (page - 1) * size + 1);
    }

    public long to() {
        return Math.min(total, (long) page * size);
    }

    public String prevUrl() {
        return url(page - 1);
    }

    public String nextUrl() {
        return url(page + 1);
    }

    public String url(int p) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.remove(param);
        if (p > 1) {
            all.put(param, String.valueOf(p));
        }
        return Links.query(base, all);
    }
}
