package jp.akashi.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Held previews are bound to their user and bounded in bytes, so uploads cannot pin the heap. */
class ImportPreviewsTest {
    @Test
    void heldBytesStayBoundedAndAPreviewIsOnlyItsUploadersOwn() {
        ImportPreviews p = new ImportPreviews(Clock.systemUTC());
        byte[] twenty = new byte[20 * 1024 * 1024];
        String first = p.put("alice", "kubota", "a.xlsx", twenty, Map.of());
        assertThat(p.get(first, "bob", "kubota")).as("another user's preview").isEmpty();
        assertThat(p.get(first, "alice", "meti")).as("another framework").isEmpty();
        assertThat(p.get(first, "alice", "kubota")).isPresent();
        String last = null;
        for (int i = 0; i < 4; i++) {
            last = p.put("alice", "kubota", "b.xlsx", twenty, Map.of());
        }
        assertThat(p.get(first, "alice", "kubota")).as("the oldest gave way").isEmpty();
        assertThat(p.get(last, "alice", "kubota")).isPresent();
        assertThat(p.heldBytes()).isLessThanOrEqualTo(ImportPreviews.MAX_BYTES).isEqualTo(3L * twenty.length);
    }
}
