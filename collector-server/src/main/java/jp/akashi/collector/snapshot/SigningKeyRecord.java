package jp.akashi.collector.snapshot;

import io.micronaut.context.annotation.Context;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.akashi.collector.StartRefused;
import jp.akashi.collector.store.AuditLog;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.Leases;

/**
 * The signing key the database belongs with. On first start the public fingerprint of
 * {@code <data-dir>/signing/} is recorded in the database (table signing_key_record); an instance
 * that starts with another key (several collectors without a shared volume, a lost or swapped key
 * directory) refuses to start and says which key the database expects. Snapshots and the audit
 * chain's anchors signed by one key would not verify against another.
 *
 * <p>{@code akashi.signing.replace-recorded-key=true} records the present key instead (after a
 * deliberate key change), audit-logged as {@value #REPLACED_ACTION}.
 */
@Context
public class SigningKeyRecord {
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeyRecord.class);
    public static final String REPLACED_ACTION = "signing.key_replaced";

    private final String fingerprint;

    @jakarta.inject.Inject
    public SigningKeyRecord(Database db, SigningKey key, AuditLog audit, Leases leases, Clock clock,
                            jp.akashi.collector.config.CollectorProperties collector, SigningProperties signing) {
        this(db, key, audit, leases, clock, collector.dataDir(), signing.replaceRecordedKey());
    }

    public SigningKeyRecord(Database db, SigningKey key, AuditLog audit, Leases leases, Clock clock,
                            String dataDir, boolean replace) {
        this.fingerprint = key.fingerprint();
        String pem = key.publicKeyPem();
        Path keyDir = Path.of(dataDir).resolve("signing").toAbsolutePath();
        Optional<String> recorded = db.writeRetrying(h -> {
            Optional<String> before = h.createQuery("SELECT fingerprint FROM signing_key_record WHERE id = 1").mapTo(String.class).findFirst();
            if (before.isEmpty()) {
                h.createUpdate("INSERT INTO signing_key_record (id, fingerprint, public_key, recorded_at, recorded_by) VALUES (1, :f, :k, :t, :b)")
                        .bind("f", fingerprint).bind("k", pem).bind("t", clock.millis()).bind("b", leases.holder()).execute();
            } else if (!before.get().equals(fingerprint) && replace) {
                h.createUpdate("UPDATE signing_key_record SET fingerprint = :f, public_key = :k, recorded_at = :t, recorded_by = :b WHERE id = 1")
                        .bind("f", fingerprint).bind("k", pem).bind("t", clock.millis()).bind("b", leases.holder()).execute();
                audit.append(h, "system:start", REPLACED_ACTION, fingerprint, Map.of("previous", before.get(), "keyDir", keyDir.toString()));
                LOG.warn("signing key {} recorded in place of {} (akashi.signing.replace-recorded-key)", fingerprint, before.get());
                return Optional.<String>empty();
            }
            return before;
        });
        if (recorded.isPresent() && !recorded.get().equals(fingerprint)) {
            throw new StartRefused("the snapshot signing key in " + keyDir + " (" + fingerprint + ") is not the key this database was "
                    + "used with (" + recorded.get() + "). Several collectors on one database must share one data volume "
                    + "(see docs/SCALE.md, \"Several collectors\"): mount the same <data-dir>/signing/ here, or restore that "
                    + "directory from the backup. Only after a deliberate key change start once with "
                    + "akashi.signing.replace-recorded-key=true.");
        }
    }

    /** The fingerprint of the key this instance signs with (the one the database expects). */
    public String fingerprint() {
        return fingerprint;
    }
}
