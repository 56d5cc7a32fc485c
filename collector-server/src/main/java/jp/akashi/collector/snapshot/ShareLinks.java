package jp.akashi.collector.snapshot;

import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.Ids;
import jp.akashi.probes.util.Hashes;

/**
 * Time-limited, read-only links that let an external auditor download one snapshot without an
 * account: {@code /share/<token>}. The token (256 random bits) is shown once; the collector keeps
 * only its SHA-256 and looks links up by that hash, so a stored value cannot be turned back into a
 * link and comparing hashes leaks nothing about a valid token. Links expire after at most 30 days,
 * can be revoked, and stop working when their creator is disabled or may no longer share. An
 * address that keeps presenting bad tokens is refused for a while — only its bad tokens: a valid
 * link still works from there, so an attacker on a shared address cannot lock auditors out.
 */
@Singleton
public class ShareLinks {
    public static final int MAX_DAYS = 30;
    public static final int DEFAULT_DAYS = 7;
    static final String PREFIX = "aks_";
    static final int MAX_FAILURES = 20;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);

    private final Database db;
    private final jp.akashi.collector.security.UserStore users;
    private final SnapshotStore store;
    private final SnapshotService snapshots;
    private final AuditLog audit;
    private final Clock clock;
    private final String publicUrl;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    public ShareLinks(Database db, jp.akashi.collector.security.UserStore users, SnapshotStore store, SnapshotService snapshots,
                      AuditLog audit, Clock clock, jp.akashi.collector.config.CollectorProperties collector) {
        this(db, users, store, snapshots, audit, clock, collector.publicUrl());
    }

    public ShareLinks(Database db, jp.akashi.collector.security.UserStore users, SnapshotStore store, SnapshotService snapshots,
                      AuditLog audit, Clock clock, String publicUrl) {
        this.db = db;
        this.users = users;
        this.store = store;
        this.snapshots = snapshots;
        this.audit = audit;
        this.clock = clock;
        this.publicUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
    }

    /**
     * A new link; {@code token} and {@code path} are shown only now.
     *
     * @param url the full link when the collector's public URL is configured, else null
     */
    public record NewShare(SnapshotStore.Share share, String token, String path, String url) {
    }

    public NewShare createShareLink(Caller caller, String snapshotId, Integer days, String note) {
        int d = days == null ? DEFAULT_DAYS : days;
        if (d < 1 || d > MAX_DAYS) {
            throw Refusal.badRequest("days: 1.." + MAX_DAYS, "共有リンクの有効期間は 1〜" + MAX_DAYS + " 日で指定してください");
        }
        if (note != null && note.length() > 255) {
            throw Refusal.badRequest("note: at most 255 characters", "メモは255文字以内にしてください");
        }
        SnapshotStore.SnapshotRecord s = snapshots.snapshot(snapshotId);
        byte[] b = new byte[32];
        random.nextBytes(b);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        long now = clock.millis();
        SnapshotStore.Share share = new SnapshotStore.Share(Ids.next(), s.id(), hash(token), caller.name(), now,
                now + Duration.ofDays(d).toMillis(), note == null || note.isBlank() ? null : note.strip(), null, null, 0, null);
        db.write(h -> {
            store.insertShare(h, share);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("share", share.id());
            details.put("expiresAt", share.expiresAt());
            details.put("note", share.note());
            audit.append(h, caller.actor(), "snapshot.share.create", s.id(), details);
            return null;
        });
        String path = "/share/" + token;
        return new NewShare(share, token, path, publicUrl.isEmpty() ? null : publicUrl + path);
    }

    public List<SnapshotStore.Share> listShareLinks(String snapshotId) {
        snapshots.snapshot(snapshotId);
        return db.read(h -> store.shares(h, snapshotId));
    }

    public void revokeShareLink(Caller caller, String snapshotId, String shareId) {
        db.write(h -> {
            SnapshotStore.Share s = store.shareById(h, shareId).filter(x -> x.snapshotId().equals(snapshotId))
                    .orElseThrow(() -> Refusal.notFound("no share link " + shareId + " for snapshot " + snapshotId));
            if (store.revokeShare(h, s.id(), caller.name(), clock.millis()) == 0) {
                throw Refusal.conflict("share link " + shareId + " is already revoked", "この共有リンクは既に取り消されています");
            }
            audit.append(h, caller.actor(), "snapshot.share.revoke", snapshotId, Map.of("share", shareId));
            return null;
        });
    }

    /**
     * A valid link as its landing page shows it: the link, its snapshot, and who shared it (the
     * creator's display name, else the user name).
     */
    public record Shared(SnapshotStore.Share share, SnapshotStore.SnapshotRecord snapshot, String sharedBy) {
    }

    /**
     * Opens a link's landing page: audit-logged as {@code snapshot.share.view} (not a download, so
     * not counted as a use). Bad tokens are refused and throttled as for {@link #downloadShared}.
     */
    public Shared openShared(String token, String remote) {
        SnapshotStore.Share share = valid(token, remote);
        SnapshotStore.SnapshotRecord s = snapshots.snapshot(share.snapshotId());
        String by = db.read(h -> users.byUsername(h, share.createdBy())).map(jp.akashi.collector.security.User::displayName)
                .filter(n -> n != null && !n.isBlank()).orElse(share.createdBy());
        db.write(h -> audit.append(h, actor(share), "snapshot.share.view", share.snapshotId(), useDetails(share, remote)));
        return new Shared(share, s, by);
    }

    /**
     * One use of a link for a download from its snapshot (the ZIP, or a report rendered from it):
     * counted on the link; the caller audit-logs the download under {@link #actor} with
     * {@link #useDetails}. Bad tokens are refused and throttled as for {@link #downloadShared}.
     */
    public SnapshotStore.Share useShared(String token, String remote) {
        SnapshotStore.Share share = checkShared(token, remote);
        countUse(share);
        return share;
    }

    /** The usable link of a token, without counting a use; bad tokens are refused and throttled as for {@link #downloadShared}. */
    public SnapshotStore.Share checkShared(String token, String remote) {
        return valid(token, remote);
    }

    /** Counts a use of a link that {@link #checkShared} accepted, once its download is about to be written. */
    public void countUse(SnapshotStore.Share share) {
        db.write(h -> {
            store.shareUsed(h, share.id(), clock.millis());
            return null;
        });
    }

    /** How the audit log names downloads through a link. */
    public static String actor(SnapshotStore.Share share) {
        return "share:" + share.id();
    }

    /** The audit details of a use of a link: which link, who created it, from where. */
    public static Map<String, Object> useDetails(SnapshotStore.Share share, String remote) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("share", share.id());
        details.put("sharedBy", share.createdBy());
        details.put("remote", remote);
        return details;
    }

    /**
     * The download a share token gives, audit-logged as the link's use; unknown, expired and
     * revoked tokens, and links whose creator was disabled, all get the same 404. An address with
     * too many bad tokens gets 429 for further bad ones; a valid token is served regardless.
     */
    public SnapshotService.Download downloadShared(String token, String remote) {
        SnapshotStore.Share share = useShared(token, remote);
        return snapshots.downloadSnapshot(actor(share), share.snapshotId(), useDetails(share, remote));
    }

    /** The usable link of a token, or the refusal every bad token gets (404; 429 once an address presented too many). */
    private SnapshotStore.Share valid(String token, String remote) {
        String who = remote == null ? "?" : remote;
        long now = clock.millis();
        SnapshotStore.Share share = token == null || !token.startsWith(PREFIX) || token.length() > 100 ? null
                : db.read(h -> store.shareByTokenHash(h, hash(token)).filter(s -> s.usableAt(now) && creatorMayShare(h, s)))
                .orElse(null);
        if (share == null) {
            if (throttled(who)) {
                throw new Refusal(Refusal.Kind.TOO_MANY_ATTEMPTS, "too many invalid share links from this address; wait 15 minutes");
            }
            fail(who);
            throw Refusal.notFound("この共有リンクは無効か、期限切れか、取り消されています (unknown, expired or revoked link)");
        }
        return share;
    }

    /** A link is only as good as its creator: disabled users' links, and links of users who may no longer share, stop working. */
    private boolean creatorMayShare(org.jdbi.v3.core.Handle h, SnapshotStore.Share s) {
        return users.byUsername(h, s.createdBy())
                .map(u -> !u.disabled() && (u.role() == jp.akashi.collector.security.Role.ADMIN
                        || u.role() == jp.akashi.collector.security.Role.SECURITY))
                .orElse(false);
    }

    static String hash(String token) {
        return Hashes.sha256Hex(token.getBytes(StandardCharsets.UTF_8));
    }

    private boolean throttled(String remote) {
        Deque<Long> d = failures.get(remote);
        if (d == null) {
            return false;
        }
        synchronized (d) {
            prune(d);
            return d.size() >= MAX_FAILURES;
        }
    }

    private void fail(String remote) {
        if (failures.size() > 10_000) {
            // bounded memory: forget addresses whose failures are all older than the window
            failures.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    prune(e.getValue());
                    return e.getValue().isEmpty();
                }
            });
        }
        Deque<Long> d = failures.computeIfAbsent(remote, k -> new ArrayDeque<>());
        synchronized (d) {
            d.addLast(clock.millis());
            prune(d);
        }
    }

    private void prune(Deque<Long> d) {
        long cutoff = clock.millis() - FAILURE_WINDOW.toMillis();
        while (!d.isEmpty() && d.peekFirst() < cutoff) {
            d.pollFirst();
        }
    }
}
