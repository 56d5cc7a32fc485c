package jp.akashi.collector.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import jp.akashi.collector.security.UserStore;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.testing.MailServer;
import jp.akashi.collector.testing.TwoCollectorsOnPostgres;

/**
 * Two collectors on one PostgreSQL look for due digests at the same instant: the (person, day)
 * row only one of them can insert makes the digest go out once.
 */
class DigestTwoCollectorsPostgresTest {
    @Test
    void aDigestIsSentOnceWhenTwoCollectorsRunAtTheSameTime() throws Exception {
        try (MailServer smtp = new MailServer(false)) {
            Map<String, Object> props = new LinkedHashMap<>(smtp.properties());
            props.put("akashi.digest.time", "00:00");
            props.put("akashi.digest.send-empty", true);
            props.put("akashi.digest.check-every", "PT6H");
            try (TwoCollectorsOnPostgres two = TwoCollectorsOnPostgres.start(props)) {
                String adminId = two.a.bean(Database.class).read(h -> two.a.bean(UserStore.class).byUsername(h, "admin")).orElseThrow().id();
                two.a.bean(MailSettings.class).save(adminId, "admin@example.test", true, java.util.Set.copyOf(MailSettings.SECTIONS),
                        System.currentTimeMillis());
                long at = System.currentTimeMillis() + 60_000;
                for (int round = 0; round < 2; round++) {
                    long t = at + round * 24L * 3600 * 1000;
                    CountDownLatch go = new CountDownLatch(1);
                    List<CompletableFuture<DigestMailer.Run>> runs = List.of(two.a, two.b).stream().map(c -> CompletableFuture.supplyAsync(() -> {
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        return c.bean(DigestMailer.class).runAt(t);
                    })).toList();
                    go.countDown();
                    int sent = runs.stream().mapToInt(f -> f.join().sent()).sum();
                    assertThat(sent).as("round " + round).isEqualTo(1);
                    assertThat(smtp.receivedBy("admin@example.test")).hasSize(round + 1);
                }
            }
        }
    }
}
