package jp.akashi.collector.web;

import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The uploaded bytes behind an import preview, held until it is confirmed: the confirmation reads
 * exactly the file that was previewed, never a new upload. Each is keyed by a random id and bound
 * to the user who uploaded it, and kept for {@link #TTL} in this collector's memory (a restart, or a
 * confirmation reaching another collector behind a load balancer, means uploading again); at most
 * {@link #MAX} previews and {@link #MAX_BYTES} bytes are held, the oldest dropped first.
 */
@Singleton
class ImportPreviews {
    static final Duration TTL = Duration.ofMinutes(30);
    static final int MAX = 32;
    /** All held bytes together: 32 uploads of the 20 MB limit would otherwise pin 640 MB of heap. */
    static final long MAX_BYTES = 64L * 1024 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** @param basis the current answers the preview compared with (SheetImport.Preview#basis) */
    record Held(String user, String framework, String filename, byte[] bytes, Map<String, String> basis, long at) {
    }

    private final Clock clock;
    private final LinkedHashMap<String, Held> held = new LinkedHashMap<>();

    ImportPreviews(Clock clock) {
        this.clock = clock;
    }

    synchronized String put(String user, String framework, String filename, byte[] bytes, Map<String, String> basis) {
        expire();
        while (!held.isEmpty() && (held.size() >= MAX || heldBytes() + bytes.length > MAX_BYTES)) {
            Iterator<String> oldest = held.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        String key = HexFormat.of().formatHex(id);
        held.put(key, new Held(user, framework, filename, bytes.clone(), Map.copyOf(basis), clock.millis()));
        return key;
    }

    /** The preview {@code id} of {@code user} for {@code framework}, while it has not expired. */
    synchronized Optional<Held> get(String id, String user, String framework) {
        expire();
        Held h = held.get(id);
        return h != null && h.user().equals(user) && h.framework().equals(framework) ? Optional.of(h) : Optional.empty();
    }

    synchronized long heldBytes() {
        return held.values().stream().mapToLong(h -> h.bytes().length).sum();
    }

    synchronized void remove(String id) {
        held.remove(id);
    }

    private void expire() {
        long now = clock.millis();
        held.values().removeIf(h -> now - h.at() > TTL.toMillis());
    }
}
