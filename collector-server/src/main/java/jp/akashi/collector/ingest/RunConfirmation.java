package jp.akashi.collector.ingest;

import java.util.Set;

import jp.akashi.probes.model.Fact;
import jp.akashi.probes.model.Report;

/**
 * Whether a report confirms the asset it is about: the source really read it. An agent's own
 * report always does; a collector run or a scan does when none of its reads failed — SSH
 * ({@code remote.method}), SNMP ({@code snmp.version_used}), the port scan
 * ({@code exposure.open_ports}) — and at least one fact was read. A run that only reached the
 * address (an SNMPv3 engine discovery answered, the user could not authenticate) does not: an
 * asset created by such runs alone is shown as unconfirmed (docs/ASSETS.md).
 */
public final class RunConfirmation {
    /** The fact each remote read records, ok when it succeeded. */
    public static final Set<String> READS = Set.of("remote.method", "snmp.version_used", "exposure.open_ports");

    private RunConfirmation() {
    }

    public static boolean confirms(Report r) {
        if (Report.SOURCE_AGENT.equals(r.source())) {
            return true;
        }
        boolean anyRead = false;
        boolean anyOk = false;
        for (Fact f : r.facts()) {
            if (READS.contains(f.key())) {
                if (!f.ok()) {
                    return false;
                }
                anyRead = true;
            }
            anyOk |= f.ok();
        }
        return anyOk && (anyRead || r.facts().stream().anyMatch(f -> f.ok() && f.key().startsWith("tls.")));
    }

    /** The reason an unconfirmed asset is shown with, in English (the console words it in its language). */
    public static String reason(Report r) {
        for (Fact f : r.facts()) {
            if (READS.contains(f.key()) && !f.ok()) {
                return f.key() + ": " + (f.message() == null ? f.status().wire() : f.message());
            }
        }
        return "no fact of this run was read";
    }
}
