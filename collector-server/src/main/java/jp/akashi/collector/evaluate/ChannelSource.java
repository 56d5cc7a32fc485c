package jp.akashi.collector.evaluate;

import java.net.URI;
import java.util.List;

/**
 * Chat receivers kept outside the configuration (added on the admins' 通知 page and stored
 * encrypted by the {@code targets} package, which owns the key). The {@link Notifier} asks for
 * them at every send, so every collector instance sees an added or removed one at once.
 */
public interface ChannelSource {
    /** A stored receiver with its decrypted URL (never shown or logged). */
    record Stored(String id, DeliveryLog.Channel channel, URI uri) {
        @Override
        public String toString() {
            return "Stored[" + id + ", " + channel + ", " + uri.getHost() + "]";
        }
    }

    /** The receivers that can be decrypted now; one that cannot is left out (and logged by the source). */
    List<Stored> receivers();
}
