package jp.akashi.agent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.util.concurrent.Callable;

import jp.akashi.agent.AgentMain;
import jp.akashi.agent.config.AgentConfig;
import jp.akashi.agent.config.AgentPaths;
import jp.akashi.agent.transport.CollectorClient;
import jp.akashi.agent.transport.PinnedTrust;

/**
 * Trades an enrollment token for this agent's own credential and pins the collector's
 * certificate, like {@code kubeadm join}: the fingerprint in the command is what makes the first
 * contact with a self-signed collector trustworthy.
 */
@Command(name = "enroll", description = "Enroll this agent with a collector using a token from an administrator.")
public final class EnrollCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--server", required = true, description = "Collector URL, e.g. https://collector.example.com:8443")
    String server;

    @Option(names = "--token", required = true, description = "Enrollment token (akt_…).")
    String token;

    @Option(names = "--fingerprint", description = "SHA-256 fingerprint of the collector's certificate (sha256:…), as shown with the token.")
    String fingerprint;

    @Option(names = "--name", description = "Name for this agent in the collector (default: host name).")
    String name;

    @Option(names = "--interval", defaultValue = "3600", description = "Seconds between reports when running as a daemon (default: ${DEFAULT-VALUE}).")
    int interval;

    @Option(names = "--force", description = "Replace an existing enrollment.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        if (interval < 60 || interval > 7 * 86400) {
            throw new IllegalArgumentException("--interval must be between 60 and 604800 seconds");
        }
        String pin = fingerprint == null ? null : PinnedTrust.normalise(fingerprint);
        AgentPaths paths = common.paths();
        boolean enrolled;
        try {
            enrolled = AgentConfig.load(paths.configFile()).isPresent();
        } catch (AgentConfig.Unreadable e) {
            if (!force) {
                System.err.println(e.getMessage());
                return AgentMain.EXIT_NOT_ENROLLED;
            }
            // --force is the remedy for a broken file: enrollment below replaces it
            enrolled = true;
        }
        if (enrolled && !force) {
            System.err.println("already enrolled (" + paths.configFile() + "); use --force to enroll again");
            return AgentMain.EXIT_USAGE;
        }
        CollectorClient client = new CollectorClient(server, pin, AgentMain.version());
        if (server.startsWith("http://")) {
            System.err.println("warning: " + server + " is not HTTPS; the credential will cross the network unencrypted");
        }
        String agentName = name != null ? name : hostName();
        CollectorClient.Outcome o = client.enroll(token, agentName);
        switch (o.kind()) {
            case OK -> {
                String agentId = o.body().path("agentId").asText(null);
                String credential = o.body().path("credential").asText(null);
                if (agentId == null || credential == null) {
                    System.err.println("the collector's answer lacks agentId/credential");
                    return AgentMain.EXIT_ERROR;
                }
                AgentConfig cfg = new AgentConfig(CollectorClient.parseServer(server).toString(), pin, agentId, credential,
                        interval, agentName);
                cfg.save(paths.configFile());
                System.out.println("enrolled as agent " + agentId + " with " + cfg.server()
                        + (pin != null ? " (certificate pinned: " + pin + ")" : " (certificate trusted through the system CAs)"));
                System.out.println("configuration: " + paths.configFile());
                try {
                    // pinned now, over the connection just trusted: self-updates must carry its signature
                    jp.akashi.agent.update.UpdateKey.pin(paths.configDir(), client);
                } catch (java.io.IOException | java.security.GeneralSecurityException e) {
                    System.err.println("warning: could not pin the collector's signing key (" + e.getMessage()
                            + "); it is fetched when the first self-update is offered");
                }
                return AgentMain.EXIT_OK;
            }
            case UNTRUSTED -> {
                System.err.println(o.message());
                if (pin == null && client.trust().presented() != null) {
                    System.err.println("The collector's certificate is not trusted by this system. If the fingerprint above is the one");
                    System.err.println("the collector printed (and shows with the enrollment token), run again with:");
                    System.err.println("  --fingerprint " + PinnedTrust.fingerprint(client.trust().presented()));
                }
                return AgentMain.EXIT_ENROLL_REFUSED;
            }
            case TRANSIENT -> {
                System.err.println("cannot enroll now: " + o.message());
                return AgentMain.EXIT_UNDELIVERED;
            }
            default -> {
                System.err.println("enrollment refused (HTTP " + o.status() + "): " + o.message());
                return AgentMain.EXIT_ENROLL_REFUSED;
            }
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return null;
        }
    }
}
