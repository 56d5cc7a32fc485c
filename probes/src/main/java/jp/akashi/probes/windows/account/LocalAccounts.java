package jp.akashi.probes.windows.account;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.akashi.probes.windows.WinValues;

/**
 * Pure: local accounts (Get-LocalUser) and members of the Administrators group, found by its
 * well-known SID S-1-5-32-544. The built-in Administrator and Guest are found by their relative
 * ids 500 and 501, because both may be renamed and their names differ between languages.
 */
public final class LocalAccounts {
    public static final String BUILTIN_ADMIN_RID = "500";
    public static final String GUEST_RID = "501";

    private LocalAccounts() {
    }

    public record User(String name, String sid, boolean enabled, boolean passwordRequired, Instant lastLogon, Instant passwordLastSet) {
        public String rid() {
            return sid.substring(sid.lastIndexOf('-') + 1);
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("sid", sid);
            m.put("enabled", enabled);
            m.put("password_required", passwordRequired);
            if (lastLogon != null) {
                m.put("last_logon_at", lastLogon.toString());
            }
            if (passwordLastSet != null) {
                m.put("password_last_set_at", passwordLastSet.toString());
            }
            return m;
        }
    }

    public record Member(String name, String sid, String source) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("sid", sid);
            if (source != null) {
                m.put("source", source);
            }
            return m;
        }
    }

    /** Throws {@link IllegalArgumentException} for a row without name, SID or Enabled. */
    public static List<User> users(JsonNode section) {
        List<User> out = new ArrayList<>();
        for (JsonNode u : WinValues.items(section, "items")) {
            String name = WinValues.text(u, "name");
            String sid = WinValues.text(u, "sid");
            Boolean enabled = WinValues.bool(u, "enabled");
            if (name == null || sid == null || !sid.startsWith("S-1-") || enabled == null) {
                throw new IllegalArgumentException("local user row without name, SID or Enabled: " + u);
            }
            Boolean required = WinValues.bool(u, "password_required");
            out.add(new User(name, sid, enabled, !Boolean.FALSE.equals(required), WinValues.instant(u, "last_logon"),
                    WinValues.instant(u, "password_last_set")));
        }
        return out;
    }

    /** Throws {@link IllegalArgumentException} when the member list is missing or a member has no SID. */
    public static List<Member> admins(JsonNode section) {
        if (WinValues.field(section, "members") == null) {
            throw new IllegalArgumentException("no member list for S-1-5-32-544");
        }
        List<Member> out = new ArrayList<>();
        for (JsonNode m : WinValues.items(section, "members")) {
            String sid = WinValues.text(m, "sid");
            String name = WinValues.text(m, "name");
            if (sid == null || !sid.startsWith("S-1-")) {
                throw new IllegalArgumentException("administrator without SID: " + m);
            }
            if (out.stream().noneMatch(x -> x.sid().equals(sid))) {
                out.add(new Member(name == null ? sid : name, sid, WinValues.text(m, "source")));
            }
        }
        return out;
    }

    /** The local account with relative id {@code rid} on this machine's domain (S-1-5-21-…-rid). */
    public static Optional<User> byRid(List<User> users, String rid) {
        return users.stream().filter(u -> u.sid().startsWith("S-1-5-21-") && u.rid().equals(rid)).findFirst();
    }
}
