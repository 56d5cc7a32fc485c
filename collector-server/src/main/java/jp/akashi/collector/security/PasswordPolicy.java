package jp.akashi.collector.security;

import java.util.Optional;

/**
 * What a new password must be. Every rule is here once; the API refuses with the English text,
 * the console shows the message of {@link Violation#key()} in the person's language.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 1024;

    /** A broken rule: its message key (messages*.properties) and the API's English text. */
    public enum Violation {
        SHORT("password.error.short", "password: at least " + MIN_LENGTH + " characters"),
        LONG("password.error.long", "password: at most " + MAX_LENGTH + " characters"),
        BLANK("password.error.blank", "password: not only spaces"),
        ONE_CHARACTER("password.error.oneCharacter", "password: not one character repeated"),
        USERNAME("password.error.username", "password must differ from the username"),
        COMMON("password.error.common", "password: this is a common password found in leaked password lists; choose another"),
        UNCHANGED("password.error.unchanged", "password: the new password must differ from the current (or temporary) one");

        private final String key;
        private final String english;

        Violation(String key, String english) {
            this.key = key;
            this.english = english;
        }

        public String key() {
            return key;
        }

        public String english() {
            return english;
        }
    }

    /** A refused password: a 400 with the rule's English text, and the rule for the console's message. */
    public static final class Refused extends jp.akashi.collector.Refusal {
        private final Violation violation;

        public Refused(Violation violation) {
            super(Kind.BAD_INPUT, violation.english());
            this.violation = violation;
        }

        public Violation violation() {
            return violation;
        }
    }

    private PasswordPolicy() {
    }

    /**
     * The first rule {@code password} breaks for {@code username}, or empty. {@code currentHash}
     * is the hash the account has now (the old or the temporary password), null for a new account.
     */
    public static Optional<Violation> check(String username, String password, String currentHash) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of(password != null && password.isBlank() && !password.isEmpty() ? Violation.BLANK : Violation.SHORT);
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of(Violation.LONG);
        }
        if (password.isBlank()) {
            return Optional.of(Violation.BLANK);
        }
        if (password.codePoints().distinct().count() == 1) {
            return Optional.of(Violation.ONE_CHARACTER);
        }
        if (username != null && (password.equalsIgnoreCase(username) || UserNames.key(password).equals(UserNames.key(username)))) {
            return Optional.of(Violation.USERNAME);
        }
        if (CommonPasswords.contains(password) || CommonPasswords.contains(password.strip())) {
            return Optional.of(Violation.COMMON);
        }
        if (currentHash != null && PasswordHasher.verify(password, currentHash)) {
            return Optional.of(Violation.UNCHANGED);
        }
        return Optional.empty();
    }
}
