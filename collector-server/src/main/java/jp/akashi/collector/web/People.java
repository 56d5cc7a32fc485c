package jp.akashi.collector.web;

import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;

import jp.akashi.collector.security.User;
import jp.akashi.collector.security.UserStore;
import jp.akashi.collector.store.Database;

/**
 * Who a stored "by" value names, as pages show it: records keep the login name ({@code admin}) or the
 * actor ({@code user:admin}, {@code agent:…}); people read display names. One lookup of the users per
 * page, on first use.
 */
@Singleton
public class People {
    private final Database db;
    private final UserStore users;

    public People(Database db, UserStore users) {
        this.db = db;
        this.users = users;
    }

    /** The names for one page. */
    public Names forPage() {
        return new Names(this);
    }

    private Map<String, User> byUsername() {
        Map<String, User> m = new HashMap<>();
        db.read(users::all).forEach(u -> m.put(u.username(), u));
        return m;
    }

    /** Names of one page; {@link #name} and {@link #login} are what templates call. */
    public static final class Names {
        private final People people;
        private Map<String, User> users;

        private Names(People people) {
            this.people = people;
        }

        /**
         * The display name of the user a value names, else the login name; values that name no user
         * (agents, the scheduler) as they are. Users are disabled, never deleted, so every person is found.
         */
        public String name(String ref) {
            User u = user(ref);
            if (u == null) {
                return ref == null ? "" : ref;
            }
            return u.displayName() == null || u.displayName().isBlank() ? u.username() : u.displayName();
        }

        /** The login name a value names (for a title beside the display name). */
        public String login(String ref) {
            return ref != null && ref.startsWith("user:") ? ref.substring(5) : ref;
        }

        /** Whether the value names a user that exists (templates show the login name as a hint then). */
        public boolean known(String ref) {
            return user(ref) != null;
        }

        private User user(String ref) {
            return ref == null ? null : users().get(login(ref));
        }

        private Map<String, User> users() {
            if (users == null) {
                users = people.byUsername();
            }
            return users;
        }
    }
}
