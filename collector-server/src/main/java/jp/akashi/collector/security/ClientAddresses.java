package jp.akashi.collector.security;

import io.micronaut.http.HttpRequest;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address of the client behind a request, for login throttling and the audit log.
 * {@code X-Forwarded-For} is a claim anyone can send, so it is read only when the peer is one of
 * the configured proxies ({@code akashi.trusted-proxies}: addresses or CIDR ranges, comma-separated;
 * empty by default, when the peer itself is the client). Then the header is read from the right,
 * skipping trusted proxies, and the first other address is the client's.
 */
@Singleton
public class ClientAddresses {
    public static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final List<IpSubnetFilterRule> proxies;

    @jakarta.inject.Inject
    public ClientAddresses(SecurityProperties security) {
        this(security.trustedProxies());
    }

    public ClientAddresses(String trustedProxies) {
        this.proxies = parse(trustedProxies);
    }

    /** The client's address, or null when the connection has none. */
    public String of(HttpRequest<?> request) {
        InetAddress peer;
        try {
            peer = request.getRemoteAddress().getAddress();
        } catch (RuntimeException e) {
            return null;
        }
        if (peer == null) {
            return null;
        }
        if (!trusted(peer)) {
            return peer.getHostAddress();
        }
        List<String> hops = request.getHeaders().getAll(FORWARDED_FOR);
        InetAddress client = peer;
        for (int h = hops.size() - 1; h >= 0; h--) {
            String[] parts = hops.get(h).split(",");
            for (int i = parts.length - 1; i >= 0; i--) {
                Optional<InetAddress> a = literal(parts[i]);
                if (a.isEmpty()) {
                    return client.getHostAddress(); // a garbled hop: trust nothing further left
                }
                client = a.get();
                if (!trusted(client)) {
                    return client.getHostAddress();
                }
            }
        }
        return client.getHostAddress();
    }

    boolean trusted(InetAddress a) {
        InetSocketAddress s = new InetSocketAddress(a, 0);
        for (IpSubnetFilterRule r : proxies) {
            if (r.matches(s)) {
                return true;
            }
        }
        return false;
    }

    /** An IP address written as a literal (never looked up in DNS), with an optional port or brackets. */
    static Optional<InetAddress> literal(String hop) {
        String s = hop.strip();
        if (s.startsWith("[") && s.contains("]")) {
            s = s.substring(1, s.indexOf(']'));
        } else if (s.indexOf(':') > 0 && s.indexOf(':') == s.lastIndexOf(':') && s.contains(".")) {
            s = s.substring(0, s.indexOf(':')); // IPv4 with a port
        }
        if (!IP_LITERAL.matcher(s).matches()) {
            return Optional.empty();
        }
        // Netty parses the literal itself; InetAddress.getByName would look up a name such as "cafe"
        return Optional.ofNullable(NetUtil.createInetAddressFromIpAddressString(s));
    }

    static List<IpSubnetFilterRule> parse(String config) {
        List<IpSubnetFilterRule> rules = new ArrayList<>();
        for (String item : config.split(",")) {
            String s = item.strip();
            if (s.isEmpty()) {
                continue;
            }
            String[] ipAndPrefix = s.split("/", 2);
            InetAddress a = literal(ipAndPrefix[0]).orElseThrow(() ->
                    new IllegalArgumentException("akashi.trusted-proxies: not an IP address or CIDR range: " + s));
            int max = a.getAddress().length * 8;
            int prefix;
            try {
                prefix = ipAndPrefix.length == 2 ? Integer.parseInt(ipAndPrefix[1].strip()) : max;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("akashi.trusted-proxies: bad prefix length in " + s);
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("akashi.trusted-proxies: prefix length 0-" + max + " in " + s);
            }
            rules.add(new IpSubnetFilterRule(a, prefix, IpFilterRuleType.ACCEPT));
        }
        return List.copyOf(rules);
    }
}
