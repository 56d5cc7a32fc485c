package jp.akashi.collector.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.Map;

import jp.akashi.collector.security.Allowed;
import jp.akashi.collector.store.AuditLog;

/** The audit log, newest first, paged by sequence number (cheap at any depth). */
@Controller("/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuditPages {
    static final int PAGE_SIZE = 50;
    private final ConsoleReads reads;
    private final WebPages pages;

    public AuditPages(ConsoleReads reads, WebPages pages) {
        this.reads = reads;
        this.pages = pages;
    }

    @Get
    @Allowed({Allowed.ADMIN, Allowed.SECURITY, Allowed.AUDITOR})
    public HttpResponse<?> list(HttpRequest<?> request, @Nullable @QueryValue Long before) {
        long from = before == null || before < 1 ? Long.MAX_VALUE : before;
        ConsoleReads.AuditPage page = reads.audit(from, PAGE_SIZE);
        Map<String, Object> m = pages.model(request, "audit.title");
        m.put("items", page.items());
        m.put("first", from == Long.MAX_VALUE);
        if (page.more()) {
            AuditLog.Entry last = page.items().get(page.items().size() - 1);
            m.put("olderUrl", "/audit?before=" + last.seq());
        }
        return pages.page(request, "audit", m);
    }
}
