package jp.akashi.probes.linux.log;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure parsers that find remote log destinations, as {@code host:port/protocol} strings, in
 * rsyslog and syslog-ng configuration.
 */
public final class ForwardTargets {
    private static final Pattern LEGACY = Pattern.compile("^\\S+\\s+(@@?)(\\([^)]*\\))?(\\[[^\\]]+]|[^\\s:;\\[]+)(?::(\\d+))?");
    private static final Pattern RELP = Pattern.compile("^\\S+\\s+:omrelp:([^:\\s]+):(\\d+)");
    private static final Pattern ACTION = Pattern.compile("action\\s*\\(([^)]*)\\)", Pattern.DOTALL);
    private static final Pattern DESTINATION = Pattern.compile("destination\\s+(\\S+)\\s*\\{(.*?)\\}\\s*;", Pattern.DOTALL);
    private static final Pattern DRIVER = Pattern.compile("\\b(network|syslog|tcp6?|udp6?)\\s*\\(\\s*\"?([^\"\\s)]+)\"?([^;]*)");
    private static final Pattern LOG = Pattern.compile("\\blog\\s*\\{(.*?)\\}\\s*;", Pattern.DOTALL);
    private static final Pattern USES = Pattern.compile("destination\\s*\\(\\s*([^\\s)]+)\\s*\\)");

    private ForwardTargets() {
    }

    /** rsyslog: legacy {@code *.* @@host:514} (TCP) / {@code @host} (UDP), {@code :omrelp:}, and action(type="omfwd"|"omrelp"). */
    public static List<String> rsyslog(String text) {
        Set<String> out = new LinkedHashSet<>();
        StringBuilder code = new StringBuilder();
        for (String raw : text == null ? new String[0] : text.split("\\R")) {
            String line = raw.strip();
            if (line.startsWith("#")) {
                continue;
            }
            code.append(line).append('\n');
            Matcher m = LEGACY.matcher(line);
            if (m.find()) {
                String host = m.group(3).replace("[", "").replace("]", "");
                out.add(host + ":" + (m.group(4) == null ? "514" : m.group(4)) + "/" + (m.group(1).equals("@@") ? "tcp" : "udp"));
                continue;
            }
            Matcher r = RELP.matcher(line);
            if (r.find()) {
                out.add(r.group(1) + ":" + r.group(2) + "/relp");
            }
        }
        Matcher a = ACTION.matcher(code);
        while (a.find()) {
            String body = a.group(1);
            String type = param(body, "type");
            String target = param(body, "target");
            if (target == null || type == null || !(type.equals("omfwd") || type.equals("omrelp"))) {
                continue;
            }
            String proto = type.equals("omrelp") ? "relp" : param(body, "protocol") == null ? "udp" : param(body, "protocol").toLowerCase();
            String port = param(body, "port") == null ? "514" : param(body, "port");
            out.add(target + ":" + port + "/" + proto);
        }
        return new ArrayList<>(out);
    }

    private static String param(String body, String name) {
        Matcher m = Pattern.compile("\\b" + name + "\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE).matcher(body);
        return m.find() ? m.group(1) : null;
    }

    /** syslog-ng: network()/syslog()/tcp()/udp() destinations that some log path uses. */
    public static List<String> syslogNg(String text) {
        StringBuilder code = new StringBuilder();
        for (String raw : text == null ? new String[0] : text.split("\\R")) {
            int hash = raw.indexOf('#');
            code.append(hash >= 0 ? raw.substring(0, hash) : raw).append('\n');
        }
        Set<String> used = new LinkedHashSet<>();
        Matcher l = LOG.matcher(code);
        while (l.find()) {
            Matcher u = USES.matcher(l.group(1));
            while (u.find()) {
                used.add(u.group(1));
            }
        }
        Set<String> out = new LinkedHashSet<>();
        Matcher d = DESTINATION.matcher(code);
        while (d.find()) {
            if (!used.contains(d.group(1))) {
                continue;
            }
            Matcher drv = DRIVER.matcher(d.group(2));
            while (drv.find()) {
                String driver = drv.group(1);
                String opts = drv.group(3);
                Matcher port = Pattern.compile("port\\s*\\(\\s*(\\d+)").matcher(opts);
                Matcher transport = Pattern.compile("transport\\s*\\(\\s*\"?(\\w+)").matcher(opts);
                String proto = transport.find() ? transport.group(1).toLowerCase()
                        : driver.startsWith("tcp") ? "tcp" : driver.equals("syslog") ? "tcp" : "udp";
                out.add(drv.group(2) + ":" + (port.find() ? port.group(1) : "514") + "/" + proto);
            }
        }
        return new ArrayList<>(out);
    }
}
