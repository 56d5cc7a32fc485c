package jp.akashi.collector.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

import jp.akashi.collector.config.DisplayZone;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.snapshot.SnapshotService;
import jp.akashi.collector.snapshot.SnapshotStore;

/**
 * What changed: since yesterday (the last 24 hours), since the last snapshot, or between two
 * dates of the display zone — the page, and the same lines as CSV. The dashboard shows the
 * last 24 hours ({@link ChangeViews#lastDay}).
 */
@Controller("/changes")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ChangePages {
    static final Duration DAY = Duration.ofDays(1);
    static final int MAX_DAYS = 366;
    /** Lines of each kind the page shows; the CSV export has them all (up to ChangeFeed.MAX_LINES). */
    static final int PAGE_LINES = 200;

    private final ChangeViews views;
    private final SnapshotService snapshots;
    private final WebPages pages;
    private final DisplayZone zone;
    private final Clock clock;

    public ChangePages(ChangeViews views, SnapshotService snapshots, WebPages pages, DisplayZone zone, Clock clock) {
        this.views = views;
        this.snapshots = snapshots;
        this.pages = pages;
        this.zone = zone;
        this.clock = clock;
    }

    /** The window asked for, as the form shows it, or the message key of why it could not be read. */
    public record Window(String since, String from, String to, long start, long end, String error) {
    }

    @Get
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<?> page(HttpRequest<?> request, @Nullable @QueryValue String since, @Nullable @QueryValue String from,
                                @Nullable @QueryValue String to) {
        Window w = window(since, from, to);
        Map<String, Object> m = pages.model(request, "changes.title");
        m.put("window", w);
        m.put("today", zone.today(clock).toString());
        if (w.error() != null) {
            m.put("error", pages.text(request, w.error()));
            return pages.page(request, HttpStatus.BAD_REQUEST, "changes", m);
        }
        // "day" is the dashboard's own window: both reuse one computed feed
        String key = "day".equals(w.since()) ? "day" : w.since() + ":" + w.from() + ":" + w.to();
        ChangeView.Feed all = views.recent(key, w.start(), w.end(),
                ConsoleLanguage.lang(pages.locale(request)));
        m.put("total", Map.of("criteria", all.criteria().size(), "assets", all.assets().size(), "exceptions", all.exceptions().size(),
                "answers", all.answers().size()));
        m.put("feed", all.limited(PAGE_LINES));
        m.put("pageLines", PAGE_LINES);
        return pages.page(request, "changes", m);
    }

    @Get("/export.csv")
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<?> csv(@Nullable @QueryValue String since, @Nullable @QueryValue String from, @Nullable @QueryValue String to) {
        Window w = window(since, from, to);
        if (w.error() != null) {
            return HttpResponse.badRequest(Map.of("error", "since=day|snapshot, or since=dates with from and to as 2026-12-01 (from <= to <= today, at most "
                    + MAX_DAYS + " days)"));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ChangesCsv csv = new ChangesCsv(out, zone)) {
            csv.write(view(w.start(), w.end(), "ja"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = "akashi-changes-" + zone.compactDay(w.start()) + "-" + zone.compactDay(w.end()) + ".csv";
        return HttpResponse.ok(out.toByteArray()).contentType(MediaType.of("text/csv; charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }

    private ChangeView.Feed view(long start, long end, String lang) {
        return views.view(start, end, lang);
    }

    Window window(String since, String from, String to) {
        long now = clock.millis();
        String s = since == null || since.isBlank() ? "day" : since;
        switch (s) {
            case "day":
                return new Window(s, null, null, now - DAY.toMillis(), now, null);
            case "snapshot": {
                Optional<SnapshotStore.SnapshotRecord> last = snapshots.listSnapshots(0, 1).stream().findFirst();
                return last.map(r -> new Window(s, null, null, r.createdAt(), now, null))
                        .orElseGet(() -> new Window(s, null, null, 0, 0, "changes.error.noSnapshot"));
            }
            case "dates": {
                try {
                    LocalDate a = LocalDate.parse(from == null ? "" : from.strip());
                    LocalDate b = LocalDate.parse(to == null ? "" : to.strip());
                    LocalDate today = zone.today(clock);
                    if (a.isAfter(b) || b.isAfter(today) || a.plusDays(MAX_DAYS).isBefore(b)) {
                        return new Window(s, from, to, 0, 0, "changes.error.range");
                    }
                    return new Window(s, a.toString(), b.toString(), zone.startOf(a) - 1, Math.min(now, zone.endOf(b)), null);
                } catch (DateTimeParseException e) {
                    return new Window(s, clip(from), clip(to), 0, 0, "changes.error.date");
                }
            }
            default:
                return new Window("day", null, null, 0, 0, "changes.error.since");
        }
    }

    private static String clip(String s) {
        return s == null ? null : s.length() > 10 ? s.substring(0, 10) : s;
    }
}
