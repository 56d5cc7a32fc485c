package jp.akashi.collector.digest;

import jakarta.inject.Singleton;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jp.akashi.collector.Refusal;
import jp.akashi.collector.store.Database;

/**
 * Each person's mail settings (table {@code mail_settings}), set on their own account page: the
 * address, whether the daily digest comes, and which of its {@link #SECTIONS}. The language is
 * the person's console language. No row = no mail.
 */
@Singleton
public class MailSettings {
    public static final String CHANGES = "changes";
    public static final String TASKS = "tasks";
    public static final String EXPIRING = "expiring";
    public static final String AGENTS = "agents";
    public static final String FAILURES = "failures";
    public static final List<String> SECTIONS = List.of(CHANGES, TASKS, EXPIRING, AGENTS, FAILURES);
    /** One @, no spaces or control characters, a dot in the domain: what a header may safely carry. */
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s\\p{Cntrl}\",<>;]{1,64}@[^@\\s\\p{Cntrl}\",<>;]+\\.[^@\\s\\p{Cntrl}\",<>;]+");

    /** One person's settings. */
    public record Setting(String userId, String email, boolean digest, Set<String> sections, long updatedAt) {
        public boolean wants(String section) {
            return digest && sections.contains(section);
        }
    }

    private final Database db;

    public MailSettings(Database db) {
        this.db = db;
    }

    public static boolean validAddress(String s) {
        return s != null && s.length() <= 254 && ADDRESS.matcher(s).matches();
    }

    public Optional<Setting> of(String userId) {
        return db.read(h -> h.createQuery("SELECT * FROM mail_settings WHERE user_id = :u").bind("u", userId)
                .map((rs, ctx) -> map(rs)).findFirst());
    }

    /** Everyone whose digest is on. */
    public List<Setting> digestOn() {
        return db.read(h -> h.createQuery("SELECT * FROM mail_settings WHERE digest = :t ORDER BY user_id").bind("t", true)
                .map((rs, ctx) -> map(rs)).list());
    }

    /**
     * Saves a person's settings; a bad address or an unknown section is refused and nothing
     * changes. An empty address removes the row (no mail).
     */
    public void save(String userId, String email, boolean digest, Set<String> sections, long now) {
        String address = email == null ? "" : email.strip();
        if (address.isEmpty()) {
            db.write(h -> h.createUpdate("DELETE FROM mail_settings WHERE user_id = :u").bind("u", userId).execute());
            return;
        }
        if (!validAddress(address)) {
            throw Refusal.badRequest("not a mail address: " + address, "メールアドレスの形式ではありません: " + address);
        }
        for (String s : sections) {
            if (s == null || !SECTIONS.contains(s)) {
                throw Refusal.badRequest("unknown digest section " + s, "ダイジェストの項目 " + s + " はありません");
            }
        }
        String csv = SECTIONS.stream().filter(sections::contains).collect(Collectors.joining(","));
        db.write(h -> h.createUpdate("INSERT INTO mail_settings (user_id, email, digest, sections, updated_at) VALUES (:u, :e, :d, :s, :t) "
                        + "ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, digest = excluded.digest, "
                        + "sections = excluded.sections, updated_at = excluded.updated_at")
                .bind("u", userId).bind("e", address).bind("d", digest).bind("s", csv).bind("t", now).execute());
    }

    private static Setting map(java.sql.ResultSet rs) throws java.sql.SQLException {
        Set<String> sections = new LinkedHashSet<>();
        for (String s : rs.getString("sections").split(",")) {
            if (!s.isBlank()) {
                sections.add(s);
            }
        }
        return new Setting(rs.getString("user_id"), rs.getString("email"), rs.getBoolean("digest"), sections, rs.getLong("updated_at"));
    }
}
