package jp.akashi.collector.digest;

import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.annotation.Scheduled;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.akashi.collector.config.DisplayZone;
import jp.akashi.collector.evaluate.DeliveryHistory;
import jp.akashi.collector.health.CollectorHealth;
import jp.akashi.collector.security.User;
import jp.akashi.collector.security.UserStore;
import jp.akashi.collector.store.Database;
import jp.akashi.collector.store.Leases;

/**
 * Mails each person's daily digest once per local day of the display zone, from
 * {@code akashi.digest.time} on. Every {@code akashi.digest.check-every} (and soon after the
 * start, which catches up a day whose time passed while the collector was down) it claims
 * (person, day) by inserting a {@code digest_runs} row: with several collectors on one database
 * only the one whose insert succeeds builds and sends it. The outcome is recorded there and in the
 * {@link DeliveryHistory}; a refused or failed send is tried again after
 * {@code akashi.digest.retry-after}, up to {@code akashi.digest.attempts} times; a claim whose
 * collector died mid-send is taken over after {@link #STALE_CLAIM_MS}. Expiry reminders count as
 * sent only with a digest that was sent.
 */
@Context
public class DigestMailer {
    private static final Logger LOG = LoggerFactory.getLogger(DigestMailer.class);
    static final long STALE_CLAIM_MS = 15 * 60_000L;
    private static final long DAY_MS = 24L * 3600 * 1000;

    /** What one look did, for tests and the log. */
    public record Run(int sent, int empty, int failed) {
    }

    private final Database db;
    private final MailSettings settings;
    private final DigestBuilder builder;
    private final MailSender sender;
    private final DeliveryHistory history;
    private final UserStore users;
    private final DisplayZone zone;
    private final DigestProperties props;
    private final Leases leases;
    private final Clock clock;
    private final CollectorHealth health;

    public DigestMailer(Database db, MailSettings settings, DigestBuilder builder, MailSender sender, DeliveryHistory history,
                        UserStore users, DisplayZone zone, DigestProperties props, Leases leases, Clock clock, CollectorHealth health) {
        this.health = health;
        this.db = db;
        this.settings = settings;
        this.builder = builder;
        this.sender = sender;
        this.history = history;
        this.users = users;
        this.zone = zone;
        this.props = props;
        this.leases = leases;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${akashi.digest.check-every:PT1M}", initialDelay = "${akashi.digest.check-every:PT1M}")
    void tick() {
        if (!sender.enabled() || !props.enabled()) {
            return;
        }
        try {
            runAt(clock.millis());
        } catch (RuntimeException e) {
            LOG.warn("digest run failed (tried again at the next look): {}", e.toString());
        }
    }

    /** Sends the digests due at {@code now} (epoch ms) that no collector has sent yet. */
    public synchronized Run runAt(long now) {
        LocalDate today = zone.date(now);
        if (now < zone.startOf(today) + props.localTime().toSecondOfDay() * 1000L) {
            return new Run(0, 0, 0);
        }
        String day = today.toString();
        int sent = 0;
        int empty = 0;
        int failed = 0;
        for (MailSettings.Setting s : settings.digestOn()) {
            Optional<User> user = db.read(h -> users.byId(h, s.userId()));
            if (user.isEmpty() || user.get().disabled()) {
                continue;
            }
            Optional<long[]> claim = claim(s.userId(), day, now);
            if (claim.isEmpty()) {
                continue;
            }
            String outcome = deliver(user.get(), s, day, claim.get()[0], now, (int) claim.get()[1]);
            switch (outcome) {
                case "sent" -> sent++;
                case "empty" -> empty++;
                default -> failed++;
            }
        }
        if (sent + empty + failed > 0) {
            LOG.info("digests for {}: {} sent, {} empty (not sent), {} failed", day, sent, empty, failed);
        }
        return new Run(sent, empty, failed);
    }

    /**
     * Takes (person, day) for this collector: a new row, a failed one due for another try, or one
     * whose claimer died. Returns {window start, try number} when taken.
     */
    Optional<long[]> claim(String userId, String day, long now) {
        String by = leases.holder();
        return db.write(h -> {
            Long lastTo = h.createQuery("SELECT MAX(window_to) FROM digest_runs WHERE user_id = :u AND outcome IN ('sent', 'empty') AND day < :d")
                    .bind("u", userId).bind("d", day).mapTo(Long.class).findOne().orElse(null);
            long from = lastTo != null ? lastTo : now - DAY_MS;
            int inserted = h.createUpdate("INSERT INTO digest_runs (user_id, day, claimed_by, claimed_at, window_from, window_to, outcome, tries) "
                            + "VALUES (:u, :d, :by, :now, :from, :now, 'claimed', 1) ON CONFLICT (user_id, day) DO NOTHING")
                    .bind("u", userId).bind("d", day).bind("by", by).bind("now", now).bind("from", from).execute();
            if (inserted == 1) {
                return Optional.of(new long[]{from, 1});
            }
            int retaken = h.createUpdate("UPDATE digest_runs SET claimed_by = :by, claimed_at = :now, window_to = :now, outcome = 'claimed', "
                            + "tries = tries + 1 WHERE user_id = :u AND day = :d AND ((outcome = 'failed' AND tries < :max AND finished_at <= :retry) "
                            + "OR (outcome = 'claimed' AND claimed_at <= :stale))")
                    .bind("by", by).bind("now", now).bind("u", userId).bind("d", day).bind("max", props.attempts())
                    .bind("retry", now - props.retryAfter().toMillis()).bind("stale", now - STALE_CLAIM_MS).execute();
            if (retaken == 0) {
                return Optional.<long[]>empty();
            }
            return h.createQuery("SELECT window_from, tries FROM digest_runs WHERE user_id = :u AND day = :d").bind("u", userId).bind("d", day)
                    .map((rs, ctx) -> new long[]{rs.getLong(1), rs.getLong(2)}).findOne();
        });
    }

    private String deliver(User user, MailSettings.Setting s, String day, long from, long now, int tries) {
        String outcome;
        String error = null;
        Integer code = null;
        Digest d;
        try {
            d = builder.build(user, s, day, from, now);
        } catch (RuntimeException e) {
            LOG.warn("digest for {} not built: {}", user.username(), e.toString());
            finish(user.id(), day, "failed", "not built: " + e.getClass().getSimpleName(), now, List.of());
            return "failed";
        }
        if (d.empty() && !props.sendEmpty()) {
            finish(user.id(), day, "empty", null, now, List.of());
            return "empty";
        }
        String lang = "en".equals(user.locale()) ? "en" : "ja";
        String base = builder.publicUrl();
        DigestText.Mail mail = DigestText.render(d, lang, base, base + "/account/mail");
        MailSender.Outcome o = sender.send(s.email(), mail.subject(), mail.text(), mail.html());
        if (o.sent()) {
            outcome = "sent";
            health.warning("mail", null);
        } else {
            health.warning("mail", (o.error() != null && o.error().contains("refused the login") ? "the SMTP server refused the login"
                    : "a digest could not be sent") + " (" + zone.minute(now) + "); the admins' 通知 page /notifications has the details");
            outcome = "failed";
            error = o.error();
            code = o.code();
            LOG.warn("digest for {} not sent (try {} of {}): {}", user.username(), tries, props.attempts(), error);
        }
        finish(user.id(), day, outcome, error, now, o.sent() ? d.reminders() : List.of());
        history.add(clock.millis(), "mail", DeliveryHistory.maskAddress(s.email()), "digest", day, o.sent(), code, tries, error);
        return outcome;
    }

    private void finish(String userId, String day, String outcome, String error, long at, List<Digest.Reminder> reminders) {
        db.write(h -> {
            h.createUpdate("UPDATE digest_runs SET outcome = :o, error = :e, finished_at = :at WHERE user_id = :u AND day = :d")
                    .bind("o", outcome).bind("e", error == null ? null : error.length() > 400 ? error.substring(0, 400) : error)
                    .bind("at", at).bind("u", userId).bind("d", day).execute();
            for (Digest.Reminder r : reminders) {
                h.createUpdate("INSERT INTO reminders_sent (user_id, kind, item_id, expires_at, days, sent_at) VALUES (:u, :k, :i, :e, :d, :at) "
                                + "ON CONFLICT DO NOTHING")
                        .bind("u", userId).bind("k", r.kind()).bind("i", r.itemId()).bind("e", r.expiresAt()).bind("d", r.days())
                        .bind("at", at).execute();
            }
            return null;
        });
    }

    /** The days' outcomes of one person, newest first (for the account page). */
    public List<String[]> recentRuns(String userId, int limit) {
        return db.read(h -> h.createQuery("SELECT day, outcome, error FROM digest_runs WHERE user_id = :u ORDER BY day DESC LIMIT :l")
                .bind("u", userId).bind("l", limit)
                .map((rs, ctx) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)}).list());
    }

    /** Whether mail is set up at all (akashi.mail.host and akashi.digest.enabled). */
    public boolean active() {
        return sender.enabled() && props.enabled();
    }

}
