package jp.akashi.collector.targets;

import jakarta.inject.Singleton;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.evaluate.ChannelSource;
import jp.akashi.collector.evaluate.DeliveryLog;
import jp.akashi.collector.evaluate.Notifier;
import jp.akashi.collector.security.Caller;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.Ids;

/**
 * Chat receivers (generic webhook, Teams, Slack) that admins add on the 通知 page, in table
 * {@code chat_receivers}: the URL — the receiver's secret — only AES-256-GCM encrypted with the
 * credentials key ({@link CredentialCipher}: a file in the data directory, 0600), the row id as
 * associated data; the host is kept for display. The URL is never shown back: the page and the
 * audit log name the host.
 */
@Singleton
public class ChatReceivers implements ChannelSource {
    private static final Logger LOG = LoggerFactory.getLogger(ChatReceivers.class);
    static final int MAX = 50;

    /** A stored receiver as the console lists it. */
    public record Listed(String id, String channel, String host, String createdBy, long createdAt) {
    }

    private final Database db;
    private final CredentialCipher cipher;
    private final AuditLog audit;
    private final Clock clock;

    public ChatReceivers(Database db, CredentialCipher cipher, AuditLog audit, Clock clock) {
        this.db = db;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
    }

    public String add(Caller caller, String channel, String url) {
        DeliveryLog.Channel ch;
        try {
            ch = DeliveryLog.Channel.valueOf(String.valueOf(channel).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Refusal.badRequest("channel must be webhook, teams or slack", "チャネルは webhook、teams、slack のどれかです");
        }
        URI u;
        try {
            u = Notifier.receiverUri("url", url == null ? "" : url);
        } catch (IllegalArgumentException e) {
            throw Refusal.badRequest("the URL must be https://… or http://… with a host", "URL は https://… か http://… でホスト名を含めてください");
        }
        String id = Ids.next();
        String host = u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort();
        CredentialCipher.Sealed sealed = cipher.seal(id, u.toString().getBytes(StandardCharsets.UTF_8));
        long now = clock.millis();
        db.write(h -> {
            int n = h.createQuery("SELECT COUNT(*) FROM chat_receivers").mapTo(Integer.class).one();
            if (n >= MAX) {
                throw Refusal.conflict("at most " + MAX + " chat receivers", "チャットの送信先は " + MAX + " 件までです");
            }
            h.createUpdate("INSERT INTO chat_receivers (id, channel, host, url_sealed, key_id, created_by, created_at) "
                            + "VALUES (:id, :c, :h, :u, :k, :by, :at)")
                    .bind("id", id).bind("c", ch.wire()).bind("h", host).bind("u", sealed.blob()).bind("k", sealed.keyId())
                    .bind("by", caller.actor()).bind("at", now).execute();
            audit.append(h, caller.actor(), "notify.receiver.add", id, Map.of("channel", ch.wire(), "host", host));
            return null;
        });
        return id;
    }

    public void remove(Caller caller, String id) {
        db.write(h -> {
            var row = h.createQuery("SELECT channel, host FROM chat_receivers WHERE id = :id").bind("id", id)
                    .map((rs, ctx) -> new String[]{rs.getString(1), rs.getString(2)}).findFirst();
            if (row.isEmpty()) {
                throw Refusal.notFound("no chat receiver " + id);
            }
            h.createUpdate("DELETE FROM chat_receivers WHERE id = :id").bind("id", id).execute();
            audit.append(h, caller.actor(), "notify.receiver.remove", id, Map.of("channel", row.get()[0], "host", row.get()[1]));
            return null;
        });
    }

    public List<Listed> list() {
        return db.read(h -> h.createQuery("SELECT id, channel, host, created_by, created_at FROM chat_receivers ORDER BY created_at, id")
                .map((rs, ctx) -> new Listed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5))).list());
    }

    @Override
    public List<Stored> receivers() {
        List<String[]> rows = db.read(h -> h.createQuery("SELECT id, channel, url_sealed, key_id FROM chat_receivers ORDER BY created_at, id")
                .map((rs, ctx) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)}).list());
        List<Stored> out = new ArrayList<>();
        for (String[] r : rows) {
            try {
                byte[] url = cipher.open(r[0], new CredentialCipher.Sealed(r[2], r[3]));
                out.add(new Stored(r[0], DeliveryLog.Channel.valueOf(r[1].toUpperCase(Locale.ROOT)), URI.create(new String(url, StandardCharsets.UTF_8))));
            } catch (CredentialException e) {
                LOG.warn("chat receiver {} left out: {}", r[0], e.getMessage());
            }
        }
        return out;
    }
}
