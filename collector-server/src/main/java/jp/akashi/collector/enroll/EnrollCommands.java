package jp.akashi.collector.enroll;

import java.util.LinkedHashMap;
import java.util.Map;

/** The ready-to-paste commands that install and enroll an agent with a token. */
public final class EnrollCommands {
    private EnrollCommands() {
    }

    public static Map<String, String> forToken(String server, String token, String fingerprint) {
        String fp = fingerprint == null || fingerprint.isEmpty() ? "" : " --fingerprint " + fingerprint;
        Map<String, String> m = new LinkedHashMap<>();
        m.put("linux", "sudo java -jar akashi-agent.jar enroll --server " + server + " --token " + token + fp);
        String fpPs = fingerprint == null || fingerprint.isEmpty() ? "" : " -Fingerprint " + fingerprint;
        m.put("windows", "powershell -ExecutionPolicy Bypass -File .\\install-agent.ps1 -Server " + server
                + " -Token " + token + fpPs);
        return m;
    }
}
