package jp.akashi.collector.security;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

/**
 * How long a login attempt must wait, so that guessing is slow for the guesser and costs nobody
 * else anything. Two measures, both counted in {@code login_failures} (shared by all instances):
 *
 * <ul>
 *   <li>per (user name, client address) pair: after {@code akashi.login.free-failures} failures
 *   each further failure doubles the wait before the pair may try again, from
 *   {@code akashi.login.base-delay} up to {@code akashi.login.max-delay}; a successful login
 *   clears the pair. The same person at another address, and everyone else, are not slowed.</li>
 *   <li>per client address: at most {@code akashi.login.address-budget} failures within
 *   {@code akashi.login.address-window}, over all user names (password spraying); 0 turns it off.
 *   Behind a proxy, configure {@code akashi.trusted-proxies} so that the address is the client's.</li>
 * </ul>
 *
 * No number of failures locks an account: only an admin does that (disabling it, audit-logged).
 */
@Singleton
public class LoginThrottle {
    /** Failures of a pair older than this no longer count (they are pruned after a day as well). */
    static final Duration PAIR_MEMORY = Duration.ofDays(1);

    private final UserStore users;
    private final int freeFailures;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final int addressBudget;
    private final Duration addressWindow;

    @jakarta.inject.Inject
    public LoginThrottle(UserStore users, LoginProperties login) {
        this(users, login.freeFailures(), login.baseDelay(), login.maxDelay(), login.addressBudget(), login.addressWindow());
    }

    public LoginThrottle(UserStore users, int freeFailures, Duration baseDelay, Duration maxDelay, int addressBudget,
                         Duration addressWindow) {
        if (freeFailures < 0 || addressBudget < 0 || baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0
                || addressWindow.isNegative() || addressWindow.isZero() || addressWindow.compareTo(PAIR_MEMORY) > 0) {
            throw new IllegalArgumentException("akashi.login: free-failures and address-budget must be >= 0, "
                    + "max-delay >= base-delay >= 0 and address-window between 0 and 1 day");
        }
        this.users = users;
        this.freeFailures = freeFailures;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.addressBudget = addressBudget;
        this.addressWindow = addressWindow;
    }

    /** The wait after {@code failures} failures of one pair: none up to the free ones, then doubling to the maximum. */
    Duration delayAfter(long failures) {
        if (failures <= freeFailures) {
            return Duration.ZERO;
        }
        long doublings = Math.min(failures - freeFailures - 1, 40);
        long ms = baseDelay.toMillis() * (1L << doublings);
        return ms <= 0 || ms > maxDelay.toMillis() ? maxDelay : Duration.ofMillis(ms);
    }

    /** How long {@code userKey} at {@code address} must still wait at {@code now}, or empty when it may try. */
    public Optional<Duration> waitFor(Handle h, String userKey, String address, long now) {
        String a = address == null ? "" : address;
        UserStore.FailureCount pair = users.pairFailures(h, userKey, a, now - PAIR_MEMORY.toMillis());
        long pairUntil = pair.count() == 0 ? 0 : pair.latest() + delayAfter(pair.count()).toMillis();
        long addressUntil = 0;
        if (addressBudget > 0 && !a.isEmpty()) {
            UserStore.FailureCount fromAddress = users.addressFailures(h, a, now - addressWindow.toMillis());
            if (fromAddress.count() >= addressBudget) {
                addressUntil = fromAddress.earliest() + addressWindow.toMillis();
            }
        }
        long until = Math.max(pairUntil, addressUntil);
        return until > now ? Optional.of(Duration.ofMillis(until - now)) : Optional.empty();
    }

    public void failed(Handle h, String id, String userKey, String address, long now) {
        users.recordFailure(h, id, userKey, address == null ? "" : address, now);
    }

    public void succeeded(Handle h, String userKey, String address, long now) {
        users.clearPairFailures(h, userKey, address == null ? "" : address);
        users.pruneFailures(h, now - PAIR_MEMORY.toMillis());
    }
}
