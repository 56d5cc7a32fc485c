package jp.akashi.collector.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.net.URI;
import java.time.Clock;
import java.util.Map;

import jp.akashi.collector.enroll.AgentHealth;
import jp.akashi.collector.enroll.AgentPackages;
import jp.akashi.collector.enroll.AgentState;
import jp.akashi.collector.enroll.AgentStore;
import jp.akashi.collector.enroll.EnrollmentService;
import io.micronaut.security.annotation.Secured;
import jp.akashi.collector.security.Roles;
import jp.akashi.collector.security.Caller;

/** Enrolled agents: list (paginated in SQL) and revocation. */
@Controller("/agents")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AgentPages {
    static final int PAGE_SIZE = 50;
    private final ConsoleReads reads;
    private final EnrollmentService enrollment;
    private final WebPages pages;
    private final Clock clock;
    private final AgentPackages packages;
    private final AgentSpoolReads spool;

    public AgentPages(ConsoleReads reads, EnrollmentService enrollment, WebPages pages, Clock clock, AgentPackages packages,
                      AgentSpoolReads spool) {
        this.packages = packages;
        this.spool = spool;
        this.reads = reads;
        this.enrollment = enrollment;
        this.pages = pages;
        this.clock = clock;
    }

    /** A row of the list: the agent, its asset's name and its state now. */
    public record AgentLine(AgentStore.Agent agent, String assetName, AgentState state, long missed, boolean skewed,
                            boolean outdated) {
        /** The clock difference in whole seconds (positive: the agent's clock is behind). */
        public long skewSeconds() {
            return agent.lastClockSkewMillis() == null ? 0 : agent.lastClockSkewMillis() / 1000;
        }
    }

    @Get
    @Secured({Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR})
    public HttpResponse<?> list(HttpRequest<?> request, @Nullable @QueryValue Integer page) {
        int p = Pager.pageNumber(page);
        long now = clock.millis();
        ConsoleReads.AgentPage result = reads.agents((p - 1) * PAGE_SIZE, PAGE_SIZE, now);
        Map<String, Object> m = pages.model(request, "agents.title");
        String newest = packages.newestVersion().orElse(null);
        m.put("items", result.items().stream().map(r -> new AgentLine(r.agent(), r.assetName(), AgentState.of(r.agent(), now),
                AgentState.missedIntervals(r.agent(), now), AgentHealth.skewed(r.agent().lastClockSkewMillis()),
                AgentPackages.outdated(r.agent().lastVersion(), newest))).toList());
        m.put("newestVersion", newest);
        m.put("spool", spool.agents(result.items().stream().map(r -> r.agent().id()).toList()));
        m.put("counts", result.counts());
        m.put("pager", Pager.of(p, PAGE_SIZE, result.counts().total(), "/agents", "page", Map.of()));
        return pages.page(request, "agents", m);
    }

    @Post("/{id}/revoke")
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> revoke(Caller caller, @PathVariable String id) {
        enrollment.revokeAgent(caller, id);
        return HttpResponse.seeOther(URI.create("/agents?done=revoked"));
    }
}
