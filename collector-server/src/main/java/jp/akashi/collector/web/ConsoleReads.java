package jp.akashi.collector.web;

import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.akashi.collector.answer.Answer;
import jp.akashi.collector.answer.AnswerStore;
import jp.akashi.collector.answer.AttachmentStore;
import jp.akashi.collector.enroll.AgentStore;
import jp.akashi.collector.store.AssetStore;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;

/**
 * Read-only queries the console needs that no other service offers: agent pages, audit log
 * pages, answers about to expire, asset names for lists of results, answers'
 * evidence files.
 */
@Singleton
public class ConsoleReads {
    private final Database db;
    private final AgentStore agents;
    private final AuditLog audit;

    private final AnswerStore answers;
    private final AttachmentStore attachments;
    private final AssetStore assets;

    public ConsoleReads(Database db, AgentStore agents, AuditLog audit, AnswerStore answers, AttachmentStore attachments,
                        AssetStore assets) {
        this.db = db;
        this.attachments = attachments;
        this.agents = agents;
        this.audit = audit;
        this.answers = answers;
        this.assets = assets;
    }

    /** The current answers (newest per criterion) whose validity ends in [from, to), soonest first. */
    public List<Answer> expiringAnswers(long from, long to) {
        return db.read(h -> answers.expiringBetween(h, from, to));
    }

    /** Assets by id, for naming them next to check results. */
    public Map<String, AssetStore.Asset> assets(Collection<String> ids) {
        return db.read(h -> assets.byIds(h, ids));
    }

    /** Ids of the active assets with this host name or display name. */
    public List<String> assetIdsNamed(String name) {
        return db.read(h -> assets.idsNamed(h, name));
    }

    public record AgentPage(List<AgentStore.AgentRow> items, AgentStore.Counts counts) {
    }

    /** @param now the moment the agents' states are judged at */
    public AgentPage agents(int offset, int limit, long now) {
        return db.read(h -> new AgentPage(agents.page(h, offset, limit), agents.counts(h, now)));
    }

    public AgentStore.Counts agentCounts(long now) {
        return db.read(h -> agents.counts(h, now));
    }

    /** Audit entries older than {@code beforeSeq}, newest first: {@code limit} of them, and whether more follow. */
    public record AuditPage(List<AuditLog.Entry> items, boolean more) {
    }

    public AuditPage audit(AuditLog.Filter filter, long beforeSeq, int limit) {
        List<AuditLog.Entry> rows = db.read(h -> audit.page(h, filter, beforeSeq, limit + 1));
        boolean more = rows.size() > limit;
        return new AuditPage(more ? rows.subList(0, limit) : rows, more);
    }

    /** An evidence file of an answer as stored: the answer's name for it and the collector's content type. */
    public record AnswerFile(Answer.AttachmentRef ref, String contentType) {
    }

    /** The file {@code sha256} of answer {@code answerId}, when that answer has it and the file is registered. */
    public Optional<AnswerFile> answerFile(String answerId, String sha256) {
        return db.read(h -> answers.byId(h, answerId).flatMap(a -> a.attachments().stream()
                .filter(f -> f.sha256().equals(sha256)).findFirst())
                .filter(ref -> attachments.contentType(h, sha256).isPresent())
                .map(ref -> new AnswerFile(ref, ref.contentType())));
    }
}
