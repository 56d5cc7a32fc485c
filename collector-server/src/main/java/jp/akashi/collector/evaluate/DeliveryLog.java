package jp.akashi.collector.evaluate;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last deliveries of notifications, newest first, in memory (a restart forgets them). A row
 * names the receiver by its host only: a webhook's path and query are its secret.
 */
public final class DeliveryLog {
    /** Where a notification goes. */
    public enum Channel {
        WEBHOOK, TEAMS, SLACK;

        public String wire() {
            return name().toLowerCase();
        }
    }

    /**
     * One delivery, as it ended.
     *
     * @param status   the receiver's last HTTP status; null when no answer came (connection error, timeout)
     * @param attempts tries made
     * @param error    why it failed ({@code HTTP 500}, the connection error); null when delivered
     */
    public record Delivery(Channel channel, String host, String criterion, boolean delivered, Integer status,
                           int attempts, String error, Instant at) {
    }

    private final int size;
    private final Deque<Delivery> rows = new ArrayDeque<>();

    public DeliveryLog(int size) {
        this.size = size;
    }

    public synchronized void add(Delivery d) {
        rows.addFirst(d);
        while (rows.size() > size) {
            rows.removeLast();
        }
    }

    public synchronized List<Delivery> recent() {
        return new ArrayList<>(rows);
    }
}
