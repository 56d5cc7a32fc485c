package jp.akashi.probes.linux.firewall;

/**
 * What one firewall front end or table set says: whether it filters inbound traffic at all and
 * what happens to traffic no rule accepts.
 *
 * @param inCharge       it has an active inbound filter (ufw active, firewalld running, an input chain loaded)
 * @param defaultInbound {@code deny} or {@code allow}; null when it cannot be told
 * @param how            the lines that decided, for evidence
 */
public record FirewallState(boolean inCharge, String defaultInbound, String how) {
}
