package jp.akashi.collector.store;

import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** SQL for assets and their current facts. */
@Singleton
public class AssetStore {

    public record Asset(String id, String kind, String displayName, String hostname, String machineId,
                        String hardwareUuid, String snmpEngineId, String address, String osFamily, String osName,
                        String osVersion, String owner, String department, String location, List<String> roles,
                        String source, String agentId, long firstSeenAt, long lastSeenAt, String lastReportId,
                        Integer reportIntervalSeconds, Long decommissionedAt, Long confirmedAt, String sshHostKey) {

        /** An asset as before sources were kept apart: confirmed when first seen, no SSH host key known. */
        public Asset(String id, String kind, String displayName, String hostname, String machineId,
                     String hardwareUuid, String snmpEngineId, String address, String osFamily, String osName,
                     String osVersion, String owner, String department, String location, List<String> roles,
                     String source, String agentId, long firstSeenAt, long lastSeenAt, String lastReportId,
                     Integer reportIntervalSeconds, Long decommissionedAt) {
            this(id, kind, displayName, hostname, machineId, hardwareUuid, snmpEngineId, address, osFamily, osName, osVersion, owner,
                    department, location, roles, source, agentId, firstSeenAt, lastSeenAt, lastReportId, reportIntervalSeconds,
                    decommissionedAt, firstSeenAt, null);
        }

        /** Whether a run that really read it (not only reached its address) has reported on it. */
        public boolean confirmed() {
            return confirmedAt != null;
        }

        public String name() {
            return displayName != null && !displayName.isBlank() ? displayName
                    : hostname != null ? hostname : address != null ? address : id;
        }
    }

    public Optional<Asset> byId(Handle h, String id) {
        return h.createQuery("SELECT * FROM assets WHERE id = :id").bind("id", id).map((rs, ctx) -> map(rs)).findFirst();
    }

    /** The given assets by id (missing ones are absent), for showing names next to results. */
    public Map<String, Asset> byIds(Handle h, Collection<String> ids) {
        Map<String, Asset> m = new HashMap<>();
        List<String> list = new ArrayList<>(ids);
        for (int i = 0; i < list.size(); i += 500) {
            h.createQuery("SELECT * FROM assets WHERE id IN (<ids>)").bindList("ids", list.subList(i, Math.min(list.size(), i + 500)))
                    .map((rs, ctx) -> map(rs)).forEach(a -> m.put(a.id(), a));
        }
        return m;
    }

    /** Ids of active assets whose host name or display name is exactly {@code name}. */
    public List<String> idsNamed(Handle h, String name) {
        return h.createQuery("SELECT id FROM assets WHERE decommissioned_at IS NULL AND (hostname = :n OR display_name = :n) ORDER BY id")
                .bind("n", name).mapTo(String.class).list();
    }

    /**
     * PostgreSQL: takes the row locks of these assets, in id order, before a transaction writes
     * what belongs to them (results, transitions, marks). Every writer of an asset's rows holds
     * its asset row first (ingest updates it, the evaluator locks it here), so two instances that
     * write the same assets in several statements queue behind each other instead of deadlocking.
     * NO KEY UPDATE: inserts that merely reference an asset (its reports) are not blocked.
     */
    public void lockForWrite(Handle h, Collection<String> ids) {
        List<String> sorted = new java.util.TreeSet<>(ids).stream().toList();
        for (int i = 0; i < sorted.size(); i += 500) {
            h.createQuery("SELECT id FROM assets WHERE id IN (<ids>) ORDER BY id FOR NO KEY UPDATE")
                    .bindList("ids", sorted.subList(i, Math.min(sorted.size(), i + 500))).mapTo(String.class).list();
        }
    }

    /**
     * First self-reported asset (source agent) with this strong identity value in {@code column};
     * columns are fixed names, not input. Scanned assets are never returned: they belong to whoever
     * scans them, and an agent claiming the same identity does not take them over.
     */
    public Optional<Asset> byIdentity(Handle h, String column, String value) {
        if (!List.of("hardware_uuid", "machine_id", "snmp_engine_id").contains(column)) {
            throw new IllegalArgumentException(column);
        }
        return h.createQuery("SELECT * FROM assets WHERE " + column + " = :v AND source = 'agent' AND decommissioned_at IS NULL "
                        + "ORDER BY last_seen_at DESC LIMIT 1")
                .bind("v", value).map((rs, ctx) -> map(rs)).findFirst();
    }

    /**
     * The active scanned asset (source scan or collector) that {@code feeder} feeds with this strong
     * identity value in {@code column}; another feeder's asset is never returned.
     */
    public Optional<Asset> scannedByIdentity(Handle h, String feeder, String column, String value) {
        if (!List.of("hardware_uuid", "machine_id", "snmp_engine_id").contains(column)) {
            throw new IllegalArgumentException(column);
        }
        return h.createQuery("SELECT * FROM assets WHERE " + column + " = :v AND fed_by = :feeder AND source <> 'agent' "
                        + "AND decommissioned_at IS NULL ORDER BY last_seen_at DESC LIMIT 1")
                .bind("v", value).bind("feeder", feeder).map((rs, ctx) -> map(rs)).findFirst();
    }

    /** Active scanned assets of {@code feeder} at an address and of a kind that have no strong identity, newest first. */
    public List<Asset> scannedAtAddress(Handle h, String feeder, String address, String kind) {
        return h.createQuery("SELECT * FROM assets WHERE address = :a AND kind = :k AND fed_by = :feeder AND source <> 'agent' "
                        + "AND decommissioned_at IS NULL AND hardware_uuid IS NULL AND machine_id IS NULL AND snmp_engine_id IS NULL "
                        + "ORDER BY last_seen_at DESC")
                .bind("a", address).bind("k", kind).bind("feeder", feeder).map((rs, ctx) -> map(rs)).list();
    }

    /** How many active scanned assets {@code feeder} feeds (for the per-agent limit). */
    public long countFedBy(Handle h, String feeder) {
        return h.createQuery("SELECT COUNT(*) FROM assets WHERE fed_by = :feeder AND decommissioned_at IS NULL")
                .bind("feeder", feeder).mapTo(Long.class).one();
    }

    /** Who feeds a scanned asset ({@code agent:<id>} or {@code collector}); empty for agents' own hosts and unknown feeders. */
    public Optional<String> fedBy(Handle h, String assetId) {
        return h.createQuery("SELECT fed_by FROM assets WHERE id = :id").bind("id", assetId).mapTo(String.class).findFirst()
                .filter(java.util.Objects::nonNull);
    }

    public void setFedBy(Handle h, String assetId, String feeder) {
        h.createUpdate("UPDATE assets SET fed_by = :feeder WHERE id = :id").bind("feeder", feeder).bind("id", assetId).execute();
    }

    public void insert(Handle h, Asset a) {
        h.createUpdate("INSERT INTO assets (id, kind, display_name, hostname, machine_id, hardware_uuid, snmp_engine_id, address, "
                        + "os_family, os_name, os_version, owner, department, location, roles, source, agent_id, first_seen_at, "
                        + "last_seen_at, last_report_id, report_interval_s, confirmed_at, ssh_host_key) VALUES (:id, :kind, :displayName, "
                        + ":hostname, :machineId, :hardwareUuid, :snmpEngineId, :address, :osFamily, :osName, :osVersion, :owner, "
                        + ":department, :location, :roles, :source, :agentId, :firstSeenAt, :lastSeenAt, :lastReportId, :interval, "
                        + ":confirmedAt, :sshHostKey)")
                .bind("id", a.id()).bind("kind", a.kind()).bind("displayName", a.displayName()).bind("hostname", a.hostname())
                .bind("machineId", a.machineId()).bind("hardwareUuid", a.hardwareUuid()).bind("snmpEngineId", a.snmpEngineId())
                .bind("address", a.address()).bind("osFamily", a.osFamily()).bind("osName", a.osName())
                .bind("osVersion", a.osVersion()).bind("owner", a.owner()).bind("department", a.department())
                .bind("location", a.location()).bind("roles", String.join(",", a.roles())).bind("source", a.source())
                .bind("agentId", a.agentId()).bind("firstSeenAt", a.firstSeenAt()).bind("lastSeenAt", a.lastSeenAt())
                .bind("lastReportId", a.lastReportId()).bind("interval", a.reportIntervalSeconds())
                .bind("confirmedAt", a.confirmedAt()).bind("sshHostKey", a.sshHostKey())
                .execute();
    }

    /** Marks an asset confirmed (kept from the first confirming report on) and records the SSH host key the collector saw. */
    public void confirm(Handle h, String id, Long confirmedAt, String sshHostKey) {
        h.createUpdate("UPDATE assets SET confirmed_at = COALESCE(confirmed_at, :c), ssh_host_key = COALESCE(:k, ssh_host_key) WHERE id = :id")
                .bind("c", confirmedAt).bind("k", sshHostKey).bind("id", id).execute();
    }

    /**
     * An active host that one source reports for itself or that the collector collects (never an
     * agent's scan): the one with this strong identity value in {@code column} ({@code hardware_uuid},
     * {@code machine_id}, {@code ssh_host_key}), so that the agent's view and the collector's SSH view
     * of one machine are one asset. Fixed column names, not input.
     */
    public Optional<Asset> hostByIdentity(Handle h, String column, String value) {
        if (!List.of("hardware_uuid", "machine_id", "ssh_host_key").contains(column)) {
            throw new IllegalArgumentException(column);
        }
        return h.createQuery("SELECT * FROM assets WHERE " + column + " = :v AND kind = 'host' AND decommissioned_at IS NULL "
                        + "AND (source = 'agent' OR fed_by = 'collector') ORDER BY first_seen_at, id LIMIT 1")
                .bind("v", value).map((rs, ctx) -> map(rs)).findFirst();
    }

    /** Updates what a report tells about an asset; the admin-edited attributes are left alone. */
    public void updateObserved(Handle h, String id, String hostname, String machineId, String hardwareUuid, String snmpEngineId,
                               String address, String osFamily, String osName, String osVersion, String agentId,
                               long lastSeenAt, String lastReportId, Integer interval) {
        h.createUpdate("UPDATE assets SET hostname = COALESCE(:hostname, hostname), machine_id = COALESCE(:machineId, machine_id), "
                        + "hardware_uuid = COALESCE(:hardwareUuid, hardware_uuid), snmp_engine_id = COALESCE(:snmpEngineId, snmp_engine_id), "
                        + "address = COALESCE(:address, address), os_family = COALESCE(:osFamily, os_family), "
                        + "os_name = COALESCE(:osName, os_name), os_version = COALESCE(:osVersion, os_version), "
                        + "agent_id = COALESCE(:agentId, agent_id), last_seen_at = :lastSeenAt, last_report_id = :lastReportId, "
                        + "report_interval_s = COALESCE(:interval, report_interval_s), decommissioned_at = NULL WHERE id = :id")
                .bind("hostname", hostname).bind("machineId", machineId).bind("hardwareUuid", hardwareUuid)
                .bind("snmpEngineId", snmpEngineId).bind("address", address).bind("osFamily", osFamily)
                .bind("osName", osName).bind("osVersion", osVersion).bind("agentId", agentId)
                .bind("lastSeenAt", lastSeenAt).bind("lastReportId", lastReportId).bind("interval", interval)
                .bind("id", id).execute();
    }

    /** Admin-editable attributes. */
    public void updateAttributes(Handle h, String id, String displayName, String owner, String department, String location,
                                 List<String> roles) {
        h.createUpdate("UPDATE assets SET display_name = :dn, owner = :owner, department = :dept, location = :loc, roles = :roles WHERE id = :id")
                .bind("dn", displayName).bind("owner", owner).bind("dept", department).bind("loc", location)
                .bind("roles", String.join(",", roles)).bind("id", id).execute();
    }

    /**
     * What to list. {@code now} lets the stale filter use each asset's own reporting interval (as
     * {@link Freshness#stale} does); without it ({@code 0}) only {@code staleBefore} applies.
     */
    public record Filter(String q, String kind, String osFamily, String role, Boolean staleOnly, long staleBefore, long now) {
        public Filter(String q, String kind, String osFamily, String role, Boolean staleOnly, long staleBefore) {
            this(q, kind, osFamily, role, staleOnly, staleBefore, 0L);
        }

        public Filter at(long time) {
            return new Filter(q, kind, osFamily, role, staleOnly, staleBefore, time);
        }
    }

    /** A page of assets, newest report first, with the total matching count. */
    public record Page(List<Asset> items, long total) {
    }

    public Page list(Handle h, Filter f, int offset, int limit) {
        StringBuilder where = new StringBuilder(" WHERE decommissioned_at IS NULL");
        List<Map.Entry<String, Object>> binds = new ArrayList<>();
        if (f.q() != null && !f.q().isBlank()) {
            // '!' escapes LIKE wildcards: a backslash in the SQL text would be taken apart by Jdbi's parser
            where.append(" AND (LOWER(hostname) LIKE :q ESCAPE '!' OR LOWER(display_name) LIKE :q ESCAPE '!' "
                    + "OR LOWER(address) LIKE :q ESCAPE '!' OR LOWER(os_name) LIKE :q ESCAPE '!' OR LOWER(owner) LIKE :q ESCAPE '!' "
                    + "OR LOWER(department) LIKE :q ESCAPE '!')");
            binds.add(Map.entry("q", "%" + likeEscape(f.q().toLowerCase()) + "%"));
        }
        if (f.kind() != null) {
            where.append(" AND kind = :kind");
            binds.add(Map.entry("kind", f.kind()));
        }
        if (f.osFamily() != null) {
            where.append(" AND os_family = :osFamily");
            binds.add(Map.entry("osFamily", f.osFamily()));
        }
        if (f.role() != null) {
            where.append(" AND (',' || roles || ',') LIKE :role ESCAPE '!'");
            binds.add(Map.entry("role", "%," + likeEscape(f.role()) + ",%"));
        }
        if (Boolean.TRUE.equals(f.staleOnly()) && f.now() > 0) {
            where.append(" AND ").append(STALE_SQL);
            binds.add(Map.entry("staleBefore", f.staleBefore()));
            binds.add(Map.entry("now", f.now()));
            binds.add(Map.entry("perInterval", Freshness.MISSED_INTERVALS * 1000L));
        } else if (Boolean.TRUE.equals(f.staleOnly())) {
            where.append(" AND last_seen_at < :staleBefore");
            binds.add(Map.entry("staleBefore", f.staleBefore()));
        }
        Query count = h.createQuery("SELECT COUNT(*) FROM assets" + where);
        Query page = h.createQuery("SELECT * FROM assets" + where + " ORDER BY last_seen_at DESC, id LIMIT :limit OFFSET :offset");
        for (Map.Entry<String, Object> b : binds) {
            count.bind(b.getKey(), b.getValue());
            page.bind(b.getKey(), b.getValue());
        }
        long total = count.mapTo(Long.class).one();
        List<Asset> items = page.bind("limit", limit).bind("offset", offset).map((rs, ctx) -> map(rs)).list();
        return new Page(items, total);
    }

    /** Assets first seen in {@code (from, to]}, newest first. */
    public List<Asset> firstSeenBetween(Handle h, long from, long to, int limit) {
        return h.createQuery("SELECT * FROM assets WHERE first_seen_at > :f AND first_seen_at <= :t ORDER BY first_seen_at DESC, id LIMIT :l")
                .bind("f", from).bind("t", to).bind("l", limit).map((rs, ctx) -> map(rs)).list();
    }

    /** Assets decommissioned in {@code (from, to]}. */
    public List<Asset> decommissionedBetween(Handle h, long from, long to, int limit) {
        return h.createQuery("SELECT * FROM assets WHERE decommissioned_at > :f AND decommissioned_at <= :t "
                        + "ORDER BY decommissioned_at DESC, id LIMIT :l")
                .bind("f", from).bind("t", to).bind("l", limit).map((rs, ctx) -> map(rs)).list();
    }

    /**
     * Assets that became stale in {@code (from, to]} and have not reported since: the moment they
     * crossed {@link Freshness#stale}'s limit (their own missed intervals, or the default) lies in
     * the window. Worked out in SQL so a fleet of thousands is not read to find a few.
     */
    public List<Asset> wentStaleBetween(Handle h, long from, long to, long defaultStaleAfterMs, int limit) {
        String crossed = "(CASE WHEN report_interval_s > 0 THEN last_seen_at + :perInterval * report_interval_s "
                + "ELSE last_seen_at + :dflt END)";
        return h.createQuery("SELECT * FROM assets WHERE decommissioned_at IS NULL AND " + crossed + " > :f AND " + crossed
                        + " <= :t ORDER BY last_seen_at DESC, id LIMIT :l")
                .bind("perInterval", Freshness.MISSED_INTERVALS * 1000L).bind("dflt", defaultStaleAfterMs)
                .bind("f", from).bind("t", to).bind("l", limit).map((rs, ctx) -> map(rs)).list();
    }

    /** {@link Freshness#stale} in SQL: missed its own intervals, or the default limit when it has none. */
    private static final String STALE_SQL = "((report_interval_s > 0 AND last_seen_at < :now - :perInterval * report_interval_s) "
            + "OR ((report_interval_s IS NULL OR report_interval_s <= 0) AND last_seen_at < :staleBefore))";

    /** SQL for an asset's display name ({@link Asset#name()}) on the table alias {@code a}. */
    public static final String NAME_SQL = "COALESCE(NULLIF(TRIM(a.display_name), ''), a.hostname, a.address, a.id)";

    /** How many assets of each kind and OS family (active ones). */
    public record Count(String kind, String osFamily, long count) {
    }

    public List<Count> countsByKindAndOs(Handle h) {
        return h.createQuery("SELECT kind, os_family, COUNT(*) AS n FROM assets WHERE decommissioned_at IS NULL "
                        + "GROUP BY kind, os_family ORDER BY n DESC, kind, os_family")
                .map((rs, ctx) -> new Count(rs.getString("kind"), rs.getString("os_family"), rs.getLong("n"))).list();
    }

    /** Active assets that reported at or after {@code since}. */
    public long countSeenSince(Handle h, long since) {
        return h.createQuery("SELECT COUNT(*) FROM assets WHERE decommissioned_at IS NULL AND last_seen_at >= :since")
                .bind("since", since).mapTo(Long.class).one();
    }

    /** The OS families present, for filter choices. */
    public List<String> osFamilies(Handle h) {
        return h.createQuery("SELECT DISTINCT os_family FROM assets WHERE os_family IS NOT NULL AND decommissioned_at IS NULL "
                + "ORDER BY os_family").mapTo(String.class).list();
    }

    static String likeEscape(String s) {
        // '!' rather than backslash: the SQL parser of Jdbi treats backslash-quote specially
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    // ---- current facts ----

    public record CurrentFacts(String assetId, String reportId, String contentSha256, long updatedAt, String factsJson) {
    }

    public Optional<CurrentFacts> currentFacts(Handle h, String assetId) {
        return h.createQuery("SELECT * FROM asset_facts WHERE asset_id = :a").bind("a", assetId)
                .map((rs, ctx) -> new CurrentFacts(rs.getString("asset_id"), rs.getString("report_id"),
                        rs.getString("content_sha256"), rs.getLong("updated_at"), rs.getString("facts")))
                .findFirst();
    }

    /** Only the content hash of the current facts (cheap: the facts themselves are not read). */
    public Optional<String> currentContentHash(Handle h, String assetId) {
        return h.createQuery("SELECT content_sha256 FROM asset_facts WHERE asset_id = :a").bind("a", assetId)
                .mapTo(String.class).findFirst();
    }

    public void putCurrentFacts(Handle h, CurrentFacts f) {
        int n = h.createUpdate("UPDATE asset_facts SET report_id = :r, content_sha256 = :c, updated_at = :u, facts = :f WHERE asset_id = :a")
                .bind("r", f.reportId()).bind("c", f.contentSha256()).bind("u", f.updatedAt()).bind("f", f.factsJson())
                .bind("a", f.assetId()).execute();
        if (n == 0) {
            h.createUpdate("INSERT INTO asset_facts (asset_id, report_id, content_sha256, updated_at, facts) VALUES (:a, :r, :c, :u, :f)")
                    .bind("r", f.reportId()).bind("c", f.contentSha256()).bind("u", f.updatedAt()).bind("f", f.factsJson())
                    .bind("a", f.assetId()).execute();
        }
    }

    /** Maps a row of {@code assets} (for queries outside this class). */
    public static Asset mapRow(ResultSet rs) throws SQLException {
        return map(rs);
    }

    static Asset map(ResultSet rs) throws SQLException {
        String roles = rs.getString("roles");
        long interval = rs.getLong("report_interval_s");
        Integer iv = rs.wasNull() ? null : (int) interval;
        long dec = rs.getLong("decommissioned_at");
        Long decommissioned = rs.wasNull() ? null : dec;
        return new Asset(rs.getString("id"), rs.getString("kind"), rs.getString("display_name"), rs.getString("hostname"),
                rs.getString("machine_id"), rs.getString("hardware_uuid"), rs.getString("snmp_engine_id"),
                rs.getString("address"), rs.getString("os_family"), rs.getString("os_name"), rs.getString("os_version"),
                rs.getString("owner"), rs.getString("department"), rs.getString("location"),
                roles == null || roles.isBlank() ? List.of() : Arrays.asList(roles.split(",")),
                rs.getString("source"), rs.getString("agent_id"), rs.getLong("first_seen_at"), rs.getLong("last_seen_at"),
                rs.getString("last_report_id"), iv, decommissioned, confirmed(rs), rs.getString("ssh_host_key"));
    }

    private static Long confirmed(ResultSet rs) throws SQLException {
        long c = rs.getLong("confirmed_at");
        return rs.wasNull() ? null : c;
    }
}
