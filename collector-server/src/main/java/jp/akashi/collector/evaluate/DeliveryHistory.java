package jp.akashi.collector.evaluate;

import jakarta.inject.Singleton;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.Ids;

/**
 * Every notification's outcome, kept in the database (table {@code delivery_history}) so the
 * admins' 通知 page shows it after a restart and from every collector instance; pruned by
 * {@code akashi.retention.deliveries}. A row names a chat receiver by its host and a mail
 * recipient by a masked address ({@link #maskAddress}); error texts come without secrets.
 */
@Singleton
public class DeliveryHistory {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryHistory.class);
    /** Rows the page shows. */
    public static final int PAGE = 200;

    /**
     * One delivery as it ended.
     *
     * @param channel   {@code webhook}, {@code teams}, {@code slack} or {@code mail}
     * @param recipient a chat receiver's host, or a masked mail address
     * @param event     {@code criterion.degraded}, {@code digest}
     * @param target    what it was about (a criterion id), or null
     * @param status    the receiver's last HTTP status or SMTP reply code; null when none came
     */
    public record Entry(String id, long at, String channel, String recipient, String event, String target, boolean delivered,
                        Integer status, int attempts, String error) {
    }

    private final Database db;

    public DeliveryHistory(Database db) {
        this.db = db;
    }

    /** Records one outcome; a database failure is logged, never thrown into the sender. */
    public void add(long at, String channel, String recipient, String event, String target, boolean delivered, Integer status,
                    int attempts, String error) {
        String err = error == null ? null : error.length() > 400 ? error.substring(0, 399) + "…" : error;
        try {
            db.write(h -> h.createUpdate("INSERT INTO delivery_history (id, at, channel, recipient, event, target, delivered, status, "
                            + "attempts, error) VALUES (:id, :at, :c, :r, :e, :t, :d, :s, :n, :err)")
                    .bind("id", Ids.next()).bind("at", at).bind("c", channel).bind("r", clip(recipient, 200)).bind("e", event)
                    .bind("t", clip(target, 200)).bind("d", delivered).bind("s", status).bind("n", attempts).bind("err", err).execute());
        } catch (RuntimeException e) {
            LOG.warn("delivery of {} to {} not recorded: {}", event, recipient, e.getMessage());
        }
    }

    /** The newest rows first. */
    public List<Entry> recent(int limit) {
        return db.read(h -> h.createQuery("SELECT * FROM delivery_history ORDER BY at DESC, id DESC LIMIT :l").bind("l", limit)
                .map((rs, ctx) -> {
                    int s = rs.getInt("status");
                    Integer status = rs.wasNull() ? null : s;
                    return new Entry(rs.getString("id"), rs.getLong("at"), rs.getString("channel"), rs.getString("recipient"),
                            rs.getString("event"), rs.getString("target"), rs.getBoolean("delivered"), status, rs.getInt("attempts"),
                            rs.getString("error"));
                }).list());
    }

    /** Deletes the rows older than {@code cutoff}; returns how many went. */
    public int pruneBefore(long cutoff) {
        return db.write(h -> h.createUpdate("DELETE FROM delivery_history WHERE at < :c").bind("c", cutoff).execute());
    }

    /** "ta***@example.com": enough to tell people apart, not enough to harvest addresses from the page. */
    public static String maskAddress(String address) {
        if (address == null) {
            return "";
        }
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        String local = address.substring(0, at);
        return local.substring(0, Math.min(2, local.length())) + "***" + address.substring(at);
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
